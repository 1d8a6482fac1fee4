using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>The simulator's start-up lines about where its settings came from.</summary>
internal static class StartupReport
{
    /// <summary>Logs who the device is and which record was loaded, and warns when <c>--broker</c> is overridden by the flash.</summary>
    public static void Loaded(SimulatorOptions options, DeviceInformation device, SettingsStore store, SettingsDefaults defaults, ILog log)
    {
        log.Write(LogLevel.Info, $"simulator: device {device.DeviceId}, serial number {device.SerialNumberText}, firmware {FirmwareVersion.MainFirmwareId}");
        log.Write(LogLevel.Info, $"simulator: flash {options.FlashPath}: " + DescribeLoad(store));
        WarnIfBrokerOverridden(options, store, defaults, log);
    }

    // --broker only changes factory defaults. A record in flash holds every property, so once
    // anything was set over serial the stored broker wins, as on a board; say so instead of
    // silently connecting elsewhere.
    private static void WarnIfBrokerOverridden(SimulatorOptions options, SettingsStore store, SettingsDefaults defaults, ILog log)
    {
        if ((options.BrokerHost == null && options.BrokerPort == 0) || store.LoadSource == SettingsLoadSource.Defaults)
        {
            return;
        }

        string stored = store.GetText(PropertyIndex.MqttBroker) + ":" + store.GetUInt16(PropertyIndex.MqttPort);
        string requested = TextOf(defaults.Get(PropertyIndex.MqttBroker)) + ":" + ((defaults.Get(PropertyIndex.MqttPort)[0] << 8) | defaults.Get(PropertyIndex.MqttPort)[1]);
        if (stored != requested)
        {
            log.Write(LogLevel.Warning, $"simulator: --broker {requested} is only a factory default; the flash holds {stored}, which wins (change it with mmsctl set mqtt.broker / mqtt.port)");
        }
    }

    private static string TextOf(byte[] value) => System.Text.Encoding.ASCII.GetString(value);

    private static string DescribeLoad(SettingsStore store) => store.LoadSource switch
    {
        SettingsLoadSource.Defaults => "factory defaults (no valid record)",
        SettingsLoadSource.Slot0 => $"settings from slot 0 (sequence {store.LoadedSequence})",
        _ => $"settings from slot 1 (sequence {store.LoadedSequence})",
    };
}
