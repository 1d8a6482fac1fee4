using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Tests.Host.MagTek;

/// <summary>A request handler over RAM flash with a chosen identity, and hex in, hex out.</summary>
internal sealed class MagTekRig
{
    /// <summary>Device ID of the rig's own identity: serial number D449EF7 (the top of CRC-32 "test01" = D449EF7E).</summary>
    public const string DeviceId = "test01";

    private MagTekRig(SettingsDefaults defaults, IResetScheduler reset)
    {
        Flash = new MemoryFlashStorage();
        Store = new SettingsStore(Flash, defaults, NullLog.Instance);
        Store.Load();
        Handler = new MmsRequestHandler(Store, reset, NullLog.Instance);
    }

    public MemoryFlashStorage Flash { get; }

    public SettingsStore Store { get; }

    public MmsRequestHandler Handler { get; }

    /// <summary>The simulator's defaults for device test01: DFMAIN/DFBOOT-1.1.0-STD, "DeviceFirmware Sim", serial number D449EF7.</summary>
    public static MagTekRig Own(IResetScheduler reset = null) => new(SettingsDefaults.ForSimulator(DeviceId), reset);

    /// <summary>
    /// The manual's example device as the identity: serial number B61378A (Table 1156), model
    /// "DynaFlex Pro" (Table 990), main firmware 1000007183-A1-PCI (Table 993), boot firmware
    /// 1000007536-A0-PCI (Table 978).
    /// </summary>
    public static MagTekRig Manual()
    {
        SettingsDefaults defaults = SettingsDefaults.ForSimulator(new DeviceInformation(DeviceId, 0x0B61378A, "DynaFlex Pro"));
        defaults.WithText(PropertyIndex.MainFirmwareVersion, "1000007183-A1-PCI");
        defaults.WithText(PropertyIndex.BootFirmwareVersion, "1000007536-A0-PCI");
        return new MagTekRig(defaults, null);
    }

    /// <summary>Sends a request given in hex (spaces allowed) and returns the response in upper-case hex.</summary>
    public string Exchange(string requestHex)
    {
        byte[] request = Convert.FromHexString(requestHex.Replace(" ", string.Empty, StringComparison.Ordinal));
        byte[] response = Handler.Handle(request, 0, request.Length);
        return response == null ? "(none)" : Convert.ToHexString(response);
    }

    /// <summary>Upper-case hex without spaces, for frames copied from the manual with spaces.</summary>
    public static string Compact(string hex) => hex.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>ASCII text as hex, zero-padded to <paramref name="length"/> bytes.</summary>
    public static string Padded(string ascii, int length)
    {
        byte[] bytes = new byte[length];
        System.Text.Encoding.ASCII.GetBytes(ascii, 0, ascii.Length, bytes, 0);
        return Convert.ToHexString(bytes);
    }
}
