using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>mmsctl's commands, output and exit codes against the core's serial service in this process.</summary>
public sealed class MmsCtlInProcessTests : IDisposable
{
    /// <summary>Properties below 1.2 (type 1, the settings), which <c>list</c> prints by default; the table lists them first.</summary>
    private static readonly int SettingsCount = Enumerable.Range(0, PropertyTable.Count).Count(i => PropertyTable.Get(i).OidArc(0) == PropertyTable.DeviceSettingsType);

    private readonly InProcessDevice _device = new();

    public void Dispose() => _device.Dispose();

    [Fact]
    public void Get_PrintsNameValueAndValueName()
    {
        CliResult result = _device.MmsCtl("get", "mqtt.qos");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("mqtt.qos = 0 (at most once)", result.OutputLine);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Set_ThenGet_ReturnsTheNewValue()
    {
        CliResult set = _device.MmsCtl("set", "mqtt.qos", "2");
        CliResult get = _device.MmsCtl("get", "1.2.2.1.2.3");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("mqtt.qos = 2 (exactly once)", set.OutputLine);
        Assert.Equal("mqtt.qos = 2 (exactly once)", get.OutputLine);
        Assert.Equal(2, _device.Store.GetByte(PropertyIndex.MqttQos));
    }

    [Fact]
    public void Text_IsShownWithoutPadding_AndOidsTakeHexArcs()
    {
        Assert.Equal(0, _device.MmsCtl("set", "mqtt.broker", "broker.example").ExitCode);

        Assert.Equal("mqtt.broker = broker.example", _device.MmsCtl("get", "1.2.2.1.2.1").OutputLine);
        Assert.Equal("mqtt.keepalive = 60", _device.MmsCtl("get", "1.2.2.1.2.A").OutputLine);
        Assert.Equal("mqtt.username = (empty)", _device.MmsCtl("get", "mqtt.username").OutputLine);
    }

    [Fact]
    public void WriteOnlySecrets_AreNeverShown()
    {
        Assert.Equal(0, _device.MmsCtl("set", "mqtt.password", "hunter2").ExitCode);

        CliResult get = _device.MmsCtl("get", "mqtt.password");

        Assert.Equal("mqtt.password = (write-only)", get.OutputLine);
        Assert.DoesNotContain("hunter2", get.Output);
        Assert.Equal("mqtt.password = (write-only)", _device.MmsCtl("set", "mqtt.password", "other").OutputLine);
    }

    [Theory]
    [InlineData("mqtt.qos", "3", "mqtt.qos: 3 is out of range (0 to 2: 0 = at most once, 1 = at least once, 2 = exactly once); nothing sent")]
    [InlineData("mqtt.port", "65536", "mqtt.port: 65536 is out of range (1 to 65535); nothing sent")]
    [InlineData("mqtt.port", "0", "mqtt.port: 0 is out of range (1 to 65535); nothing sent")]
    [InlineData("mqtt.port", "-1", "mqtt.port: '-1' is not a decimal number (expected 1 to 65535); nothing sent")]
    [InlineData("mqtt.client-id", "123456789012345678901234567890123", "mqtt.client-id: 33 characters is longer than the maximum of 32; nothing sent")]
    [InlineData("mqtt.broker", "has space", "mqtt.broker: 'has space' has a character this property does not allow (printable ASCII without spaces); nothing sent")]
    [InlineData("mqtt.publish-topic", "", "mqtt.publish-topic: must not be empty; nothing sent")]
    public void Set_OfAnInvalidValue_IsRefusedWithExit2AndNothingSent(string name, string value, string message)
    {
        int framesBefore = _device.Service.FramesReceived;

        CliResult result = _device.MmsCtl("set", name, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: " + message + "\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(framesBefore, _device.Service.FramesReceived);
    }

    [Fact]
    public void Set_WithHex_BypassesTheLocalCheck_AndTheDeviceFailureIsExit1()
    {
        CliResult result = _device.MmsCtl("set", "mqtt.qos", "03", "--hex");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mmsctl: set mqtt.qos: the device answered 80 020102: failed to start the operation: bad parameter (unknown property, or value invalid or out of range)\n", result.Error);
        Assert.Equal(0, _device.Store.GetByte(PropertyIndex.MqttQos));
    }

    [Fact]
    public void Get_OfAnOidTheDeviceLacks_IsExit1()
    {
        CliResult result = _device.MmsCtl("get", "1.2.2.1.2.F");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the device answered 80 020102", result.Error);
    }

    [Fact]
    public void List_PrintsEveryPropertyFromOneBranchGet()
    {
        int framesBefore = _device.Service.FramesReceived;

        CliResult result = _device.MmsCtl("list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(framesBefore + 1, _device.Service.FramesReceived);
        string[] lines = result.OutputLine.Split('\n');
        Assert.Equal(SettingsCount, lines.Length);
        for (int i = 0; i < SettingsCount; i++)
        {
            Assert.StartsWith(PropertyTable.Get(i).Name + " = ", lines[i]);
        }

        Assert.Contains("mqtt.broker = 127.0.0.1", lines);
        Assert.Contains("mqtt.port = 1883", lines);
        Assert.Contains("mqtt.client-id = DeviceFirmware-inproc-1", lines);
        Assert.Contains("wlan.password = (write-only)", lines);
    }

    [Fact]
    public void List_WithAPrefix_PrintsOnlyThatBranch()
    {
        CliResult result = _device.MmsCtl("list", "1.2.2.1.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("wlan.ssid = (empty)\nwlan.password = (write-only)\nwlan.security-mode = 0 (PSK)\nwlan.dhcp = 0x00000001\nwlan.protocol = 0 (MQTT)", result.OutputLine);
    }

    [Fact]
    public void Info_PrintsSerialNumberModelAndFirmwareIds()
    {
        CliResult result = _device.MmsCtl("info");

        // CRC-32 of "inproc-1" is A11F25D6 (zlib.crc32): serial number A11F25D.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "serial number  A11F25D\nmodel          DeviceFirmware Sim\nmain firmware  DFMAIN-1.1.0-STD\nboot firmware  DFBOOT-1.1.0-STD",
            result.OutputLine);
    }

    [Fact]
    public void Json_Info_NamesEveryValue()
    {
        CliResult result = _device.MmsCtl("info", "--json");

        using JsonDocument doc = JsonDocument.Parse(result.Output);
        Assert.Equal("A11F25D", doc.RootElement.GetProperty("serialNumber").GetString());
        Assert.Equal("DeviceFirmware Sim", doc.RootElement.GetProperty("model").GetString());
        Assert.Equal(FirmwareVersion.MainFirmwareId, doc.RootElement.GetProperty("mainFirmware").GetString());
        Assert.Equal(FirmwareVersion.BootFirmwareId, doc.RootElement.GetProperty("bootFirmware").GetString());
        Assert.Equal("A11F25D0", doc.RootElement.GetProperty("properties")[0].GetProperty("hex").GetString());
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Set_OfDeviceInformation_IsRefusedBeforeSending_AndAFixedSettingByTheDevice()
    {
        int framesBefore = _device.Service.FramesReceived;
        CliResult model = _device.MmsCtl("set", "device.model", "Other Model Name");
        Assert.Equal(2, model.ExitCode);
        Assert.Equal("mmsctl: device.model is read-only (device information); nothing sent\n", model.Error);
        Assert.Equal(framesBefore, _device.Service.FramesReceived);

        CliResult same = _device.MmsCtl("set", "wlan.protocol", "0");
        CliResult other = _device.MmsCtl("set", "wlan.protocol", "2");
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Equal("wlan.protocol = 0 (MQTT)", same.OutputLine);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("the device answered 80 020102", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_OfADeviceThatCannotRestart_IsExit1_FeatureNotAvailable()
    {
        CliResult result = _device.MmsCtl("reset");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mmsctl: reset: the device answered 80 010113: failed to start the operation: feature not available (an unknown command, or one this device cannot carry out)\n", result.Error);
    }

    [Fact]
    public void Reset_AcceptedByTheDevice_RebootsItOnce()
    {
        FakeReboot reboot = new(null);
        using InProcessDevice device = new(reboot);

        CliResult result = device.MmsCtl("reset", "--no-wait");

        // mmsctl has the answer; the reboot follows it (200 ms later on the device's
        // clock, ResetSchedulerTests; here on a loaded machine, within a few seconds).
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("reset: the device accepted the reset", result.OutputLine);
        Wait.Until(() => reboot.Reboots == 1, "the reboot", TimeSpan.FromSeconds(5));
        Assert.Equal(1, reboot.Reboots);

        // Without --no-wait, mmsctl waits the manual's 500 ms, then until a Get is answered.
        CliResult waited = device.MmsCtl("reset");
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.StartsWith("reset: the device answered again ", waited.OutputLine);
    }

    [Fact]
    public void Raw_SeedGet_GetsTheSeedResponse()
    {
        CliResult result = _device.MmsCtl("raw", "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("AA0081048255D10182040000000084820010D1018501018704020201028903C30100", result.OutputLine);
    }

    [Fact]
    public void Raw_FailureResponse_IsStillExit0()
    {
        CliResult result = _device.MmsCtl("raw", "AA0081040155D1118410D1118501018704020201028903C30103");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("AA0081048255D1118204800201 02".Replace(" ", string.Empty), result.OutputLine);
    }

    [Fact]
    public void Raw_BadHex_IsExit2()
    {
        CliResult result = _device.MmsCtl("raw", "AA0G");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: raw: 'G' is not a hexadecimal digit\n", result.Error);
    }

    [Fact]
    public void Json_GetAndFailures_AreOneObjectEach()
    {
        CliResult get = _device.MmsCtl("--json", "get", "mqtt.qos");
        using JsonDocument ok = JsonDocument.Parse(get.Output);
        Assert.Equal("get", ok.RootElement.GetProperty("command").GetString());
        Assert.Equal("mqtt.qos", ok.RootElement.GetProperty("property").GetString());
        Assert.Equal("1.2.2.1.2.3", ok.RootElement.GetProperty("oid").GetString());
        Assert.Equal(0, ok.RootElement.GetProperty("value").GetInt32());
        Assert.Equal("at most once", ok.RootElement.GetProperty("valueName").GetString());
        Assert.Equal("000000", ok.RootElement.GetProperty("status").GetProperty("detail").GetString());
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(0, ok.RootElement.GetProperty("exitCode").GetInt32());

        CliResult refused = _device.MmsCtl("--json", "set", "mqtt.qos", "3");
        using JsonDocument bad = JsonDocument.Parse(refused.Output);
        Assert.False(bad.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(2, bad.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("out of range", bad.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Json_List_HoldsEveryProperty()
    {
        CliResult list = _device.MmsCtl("list", "--json");

        using JsonDocument doc = JsonDocument.Parse(list.Output);
        Assert.Equal(SettingsCount, doc.RootElement.GetProperty("properties").GetArrayLength());
        Assert.Equal("1.2", doc.RootElement.GetProperty("prefix").GetString());
    }

    [Fact]
    public void Repeat_RunsRoundTripsOnOneSession()
    {
        int framesBefore = _device.Service.FramesReceived;

        CliResult result = _device.MmsCtl("get", "mqtt.qos", "--repeat", "50");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(framesBefore + 50, _device.Service.FramesReceived);
        Assert.StartsWith("mqtt.qos = 0 (at most once)\n50 round trips in ", result.Output);
    }

    [Fact]
    public void UnknownName_IsExit2()
    {
        CliResult result = _device.MmsCtl("get", "mqtt.nope");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mmsctl: unknown property 'mqtt.nope'", result.Error);
    }

    [Fact]
    public void MissingDevice_IsExit2WithTheSystemReason()
    {
        Stopwatch watch = Stopwatch.StartNew();

        CliResult result = CliResult.Run("--port", "/tmp/df-no-such-device", "--timeout", "1000", "get", "mqtt.qos");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: cannot open /tmp/df-no-such-device: No such file or directory\n", result.Error);
        Assert.True(watch.ElapsedMilliseconds < 1000);
    }
}
