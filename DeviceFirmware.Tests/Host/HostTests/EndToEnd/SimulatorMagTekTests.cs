using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// What MagTek's hosts need, end to end over the simulator's pty with a real broker: <c>mmsctl info</c>
/// shows the serial number and firmware IDs; <c>mmsctl reset</c> restarts the simulated device (a new
/// boot ID in the next telemetry message) and a Get answers afterwards; a 224-byte zero-padded topic
/// Set, as MagTek's configuration app sends it, is stored trimmed and the next telemetry goes there.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorMagTekTests : IDisposable
{
    // CRC-32 of "e2e-identity" is F0E5B3C7 (zlib.crc32): serial number F0E5B3C.
    private const string DeviceId = "e2e-identity";
    private const string SerialNumber = "F0E5B3C";
    private readonly string _directory = ToolProcesses.NewDirectory("magtek");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Info_PrintsTheSerialNumberAndFirmwareIds()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"), "--broker", "127.0.0.1:1", "--interval", "60000", "--device-id", DeviceId);

        ProcessResult info = MmsCtl(simulator, "info");
        ProcessResult json = MmsCtl(simulator, "info", "--json");

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(
            $"serial number  {SerialNumber}\nmodel          DeviceFirmware Sim\nmain firmware  {FirmwareVersion.MainFirmwareId}\nboot firmware  {FirmwareVersion.BootFirmwareId}",
            info.OutputLine);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.Equal(SerialNumber, doc.RootElement.GetProperty("serialNumber").GetString());
        Assert.Equal("DFMAIN-1.1.0-STD", doc.RootElement.GetProperty("mainFirmware").GetString());

        // The simulator said the same about itself when it started.
        Assert.Contains(simulator.Lines, line => line.Contains($"serial number {SerialNumber}, firmware DFMAIN-1.1.0-STD", StringComparison.Ordinal));
    }

    [Fact]
    public void Reset_RestartsTheSimulator_NewBootIdInTelemetry_ThenAGetAnswers()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string topic = $"DeviceFirmware/Server/{DeviceId}/Telemetry";
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "e2e-reset-sub", topic, 1);
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"),
            "--broker", $"{broker.Host}:{broker.Port}", "--interval", "300", "--device-id", DeviceId);

        // A setting made before the reset must survive it (the flash is kept).
        Assert.Equal(0, MmsCtl(simulator, "set", "mqtt.keepalive", "45").ExitCode);
        string bootBefore = Boot(subscriber.WaitForTopic(topic, TimeSpan.FromSeconds(30)));

        ProcessResult reset = MmsCtl(simulator, "reset");

        Assert.True(reset.ExitCode == 0, reset + "\n" + simulator);
        Assert.StartsWith("reset: the device answered again ", reset.OutputLine);
        string restarted = simulator.WaitForLine(line => line.Contains("simulator: restarted, boot ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.NotNull(restarted);
        Assert.False(simulator.HasExited);
        string bootAfter = restarted[(restarted.LastIndexOf(' ') + 1)..];
        Assert.NotEqual(bootBefore, bootAfter);

        // Telemetry from the restarted device carries the new boot ID; nothing else ever does.
        Wait.Until(() => subscriber.Messages.Any(m => Boot(m) == bootAfter), "telemetry with the new boot ID", TimeSpan.FromSeconds(30));
        Assert.All(subscriber.Messages, m => Assert.Contains(Boot(m), new[] { bootBefore, bootAfter }));

        ProcessResult get = MmsCtl(simulator, "get", "mqtt.keepalive");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("mqtt.keepalive = 45", get.OutputLine);
    }

    [Fact]
    public void A224BytePaddedTopicFromMagTeksApp_IsStoredTrimmed_AndTheNextTelemetryGoesThere()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "e2e-topic-sub", "#", 1);
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"),
            "--broker", $"{broker.Host}:{broker.Port}", "--interval", "300", "--device-id", DeviceId);
        subscriber.WaitForTopic($"DeviceFirmware/Server/{DeviceId}/Telemetry", TimeSpan.FromSeconds(30));

        // setMQTTPubTopic of js/Demo_mmsMQTTConfig.js (WebHID_Public 06ee711): Org + product + "/" + SN, 224 bytes.
        string published = $"MagTek/US/CA/SealBeach/Name/DeviceFirmware/{SerialNumber}";
        string value = Convert.ToHexString(Encoding.ASCII.GetBytes(published)) + new string('0', (224 - published.Length) * 2);
        ProcessResult set = MmsCtl(simulator, "raw", "AA00 81 04 0155D111 84 8200F3 D111 85 01 01 87 04 02020102 89 8200E4 C5 8200E0" + value);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("AA0081048255D111820400000000848200F3D111850101870402020102898200E4C58200E0" + value, set.OutputLine);
        ProcessResult get = MmsCtl(simulator, "get", "mqtt.publish-topic");
        Assert.Equal("mqtt.publish-topic = " + published, get.OutputLine);
        subscriber.WaitForTopic(published + "/Telemetry", TimeSpan.FromSeconds(30));
    }

    private static ProcessResult MmsCtl(SimulatorProcess simulator, params string[] args)
        => ToolProcesses.RunMmsCtl(new[] { "--port", simulator.SerialPath, "--timeout", "10000" }.Concat(args).ToArray());

    private static string Boot(ReceivedMessage message)
    {
        using JsonDocument doc = JsonDocument.Parse(message.Payload);
        return doc.RootElement.GetProperty("boot").GetString();
    }
}
