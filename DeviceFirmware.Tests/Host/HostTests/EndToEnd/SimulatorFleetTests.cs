using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// <c>DeviceSimulator --devices 5 --flash-dir DIR</c> against a real mosquitto: five devices in one
/// process behave as five boards.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorFleetTests : IDisposable
{
    private static readonly string[] Ids = { "sim-0001", "sim-0002", "sim-0003", "sim-0004", "sim-0005" };

    private readonly string _directory = ToolProcesses.NewDirectory("fleet");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Proves that each of five devices is its own MQTT client under its own ID (sim-0001 to sim-0005):
    /// each leaves a retained <c>connected</c> that a later subscriber reads, sends telemetry on its own
    /// topic with an ESP32-sized free heap, and on SIGTERM leaves a retained <c>disconnected</c>; that the
    /// flash directory holds one file per device; and that a hex Set of mqtt.qos sent over MQTT to
    /// sim-0003 is answered on its MMSMessage topic with the seed page's response, survives a restart
    /// of the fleet on the same directory, and changes sim-0003 only. It does not prove how the fleet
    /// scales (README has the measurements) nor anything about a fleet's pty.
    /// </summary>
    [Fact]
    public void FiveDevices_AreFiveClients_WithTheirOwnStatusTelemetryAndFlash_AndASetOverMqttSurvivesARestart()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string flash = Path.Combine(_directory, "flash");
        string[] args = { "--broker", $"{broker.Host}:{broker.Port}", "--interval", "200" };
        using PahoTestSubscriber watcher = PahoTestSubscriber.Subscribed(broker, "fleet-watch", "DeviceFirmware/Server/+/#", 2);

        using (SimulatorProcess fleet = SimulatorProcess.StartFleet(5, flash, args))
        {
            Wait.Until(() => TelemetrySenders(watcher).Length == 5, () => "telemetry from five devices, have " + string.Join(",", TelemetrySenders(watcher)) + "\n" + fleet, TimeSpan.FromSeconds(60));
            Assert.Equal(Ids, TelemetrySenders(watcher));
            Assert.All(watcher.Messages.Where(m => m.Topic.EndsWith("/Telemetry", StringComparison.Ordinal)), m => Assert.InRange(FreeHeap(m), 112 * 1024, 168 * 1024));

            using (PahoTestSubscriber later = PahoTestSubscriber.Subscribed(broker, "fleet-later", "DeviceFirmware/Server/+/Status", 0))
            {
                later.WaitForMessages(5, TimeSpan.FromSeconds(10));
                Assert.Equal(Ids.Select(RemoteCommands.StatusTopic), later.Messages.Select(m => m.Topic).Order());
                Assert.All(later.Messages, m => Assert.True(m.Retained && RemoteCommands.Text(m) == "connected", RemoteCommands.Text(m)));
            }

            // The frame comes from the core's builder; it must be the seed page's Set with 02.
            string set = RemoteCommands.SetHex(0x55, PropertyIndex.MqttQos, new byte[] { 2 });
            Assert.Equal(RemoteCommands.SeedSetQos2, set);
            RemoteCommands.Send(watcher, "sim-0003", set);
            ReceivedMessage answer = watcher.WaitForTopic(RemoteCommands.AnswerTopic("sim-0003"), TimeSpan.FromSeconds(15));
            Assert.Equal(RemoteCommands.SeedSetQos2Answer, RemoteCommands.Text(answer));

            Assert.True(fleet.Terminate(TimeSpan.FromSeconds(30)), fleet.ToString());
            Assert.Equal(0, fleet.ExitCode);
            Assert.Contains(fleet.Lines, line => line.Contains("fleet: 5 devices stopped", StringComparison.Ordinal));
        }

        using (PahoTestSubscriber after = PahoTestSubscriber.Subscribed(broker, "fleet-after", "DeviceFirmware/Server/+/Status", 0))
        {
            after.WaitForMessages(5, TimeSpan.FromSeconds(10));
            Assert.Equal(Ids.Select(RemoteCommands.StatusTopic), after.Messages.Select(m => m.Topic).Order());
            Assert.All(after.Messages, m => Assert.True(m.Retained && RemoteCommands.Text(m) == "disconnected", RemoteCommands.Text(m)));
        }

        Assert.Equal(Ids.Select(id => id + ".flash"), Directory.GetFiles(flash).Select(Path.GetFileName).Order());

        using PahoTestSubscriber again = PahoTestSubscriber.Subscribed(broker, "fleet-again", "DeviceFirmware/Server/+/Telemetry", 2);
        using (SimulatorProcess restarted = SimulatorProcess.StartFleet(5, flash, args))
        {
            Wait.Until(() => TelemetrySenders(again).Length == 5, () => "telemetry from five devices after the restart\n" + restarted, TimeSpan.FromSeconds(60));
            ReceivedMessage changed = again.Messages.First(m => m.Topic == RemoteCommands.TelemetryTopic("sim-0003"));
            ReceivedMessage untouched = again.Messages.First(m => m.Topic == RemoteCommands.TelemetryTopic("sim-0001"));
            Assert.Contains("\"qos\":2", RemoteCommands.Text(changed));
            Assert.Equal(2, changed.Qos);
            Assert.Contains("\"qos\":0", RemoteCommands.Text(untouched));
            Assert.Equal(0, untouched.Qos);
        }
    }

    /// <summary>
    /// Proves the fleet's console: each device's lines start with its ID, a device's info lines are left
    /// out unless --verbose, and a summary line counts the devices and the connected ones. It does not
    /// prove the summary's message counts.
    /// </summary>
    [Fact]
    public void TheConsole_ShowsTheFleetsSummary_AndOnlyEachDevicesWarnings()
    {
        string flash = Path.Combine(_directory, "flash");

        // Nothing listens on port 1: every device warns about its failed connects.
        using SimulatorProcess fleet = SimulatorProcess.StartFleet(3, flash, "--broker", "127.0.0.1:1", "--interval", "60000");

        Assert.NotNull(fleet.WaitForLine(line => line.Contains("WARN  [sim-0002] mqtt: connect to 127.0.0.1:1 as DeviceFirmware-sim-0002 failed", StringComparison.Ordinal), TimeSpan.FromSeconds(15)));
        Assert.NotNull(fleet.WaitForLine(line => line.Contains("INFO  fleet: 3 devices, 0 connected, sent 0 (+0), dropped 0, remote requests 0, rollbacks 0, restarts 0", StringComparison.Ordinal), TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(fleet.Lines, line => line.Contains("INFO  [sim-", StringComparison.Ordinal));
        Assert.Contains(fleet.Lines, line => line.Contains("INFO  fleet: starting 3 devices sim-0001 to sim-0003, flash files in " + flash, StringComparison.Ordinal));
    }

    /// <summary>
    /// Proves that with --serial the first device answers on the pty (its client ID is sim-0001's), and
    /// that a Reset Device sent over MQTT to sim-0002 restarts that device alone, in the process: the
    /// manual's success answer (Table 155) arrives on its MMSMessage topic, its telemetry then carries
    /// a new boot ID, the summary counts one restart, and sim-0001 and sim-0003 keep their boot IDs.
    /// It does not prove the 500 ms bound (ResetSchedulerTests does, with a fake clock).
    /// </summary>
    [Fact]
    public void ResetDeviceOverMqtt_RestartsThatDeviceAlone_AndTheFirstDeviceHasThePty()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string serial = Path.Combine(_directory, "tty");
        using PahoTestSubscriber watcher = PahoTestSubscriber.Subscribed(broker, "fleet-watch", "DeviceFirmware/Server/+/#", 2);
        using SimulatorProcess fleet = SimulatorProcess.StartFleet(3, Path.Combine(_directory, "flash"), "--serial", serial, "--broker", $"{broker.Host}:{broker.Port}", "--interval", "200");
        Assert.Contains("serial: " + serial, fleet.Lines);
        ProcessResult clientId = ToolProcesses.RunMmsCtl("--port", serial, "--timeout", "10000", "get", "mqtt.client-id");
        Assert.True(clientId.ExitCode == 0, clientId.ToString());
        Assert.Equal("mqtt.client-id = DeviceFirmware-sim-0001", clientId.OutputLine);

        Wait.Until(() => TelemetrySenders(watcher).Length == 3, () => "telemetry from three devices\n" + fleet, TimeSpan.FromSeconds(60));
        string bootBefore = Boots(watcher, "sim-0002").First();
        byte[] reset = DeviceFirmware.Protocol.MmsRequestBuilder.ResetDevice(0x12);
        Assert.Equal("AA00810401121F0184021F01", Convert.ToHexString(reset)); // Table 154
        RemoteCommands.Send(watcher, "sim-0002", Convert.ToHexString(reset));

        ReceivedMessage answer = watcher.WaitForTopic(RemoteCommands.AnswerTopic("sim-0002"), TimeSpan.FromSeconds(15));
        Assert.Equal("AA00810482121F01820400000000", RemoteCommands.Text(answer));
        Wait.Until(() => Boots(watcher, "sim-0002").Length == 2, () => "telemetry of the restarted sim-0002\n" + fleet, TimeSpan.FromSeconds(30));
        Assert.NotEqual(bootBefore, Boots(watcher, "sim-0002")[1]);
        Assert.NotNull(fleet.WaitForLine(line => line.Contains("INFO  fleet: 3 devices, 3 connected, ", StringComparison.Ordinal) && line.EndsWith("restarts 1", StringComparison.Ordinal), TimeSpan.FromSeconds(25)));
        Assert.Single(Boots(watcher, "sim-0001"));
        Assert.Single(Boots(watcher, "sim-0003"));
    }

    // The boot IDs of a device's telemetry, in order of first appearance.
    private static string[] Boots(PahoTestSubscriber subscriber, string deviceId)
        => subscriber.Messages.Where(m => m.Topic == RemoteCommands.TelemetryTopic(deviceId))
            .Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("boot").GetString())
            .Distinct().ToArray();

    private static string[] TelemetrySenders(PahoTestSubscriber subscriber)
        => subscriber.Messages.Where(m => m.Topic.EndsWith("/Telemetry", StringComparison.Ordinal)).Select(m => RemoteCommands.DeviceIdOf(m.Topic)).Distinct().Order().ToArray();

    private static long FreeHeap(ReceivedMessage telemetry)
    {
        Match match = Regex.Match(RemoteCommands.Text(telemetry), "\"free_heap_bytes\":(\\d+)");
        Assert.True(match.Success, RemoteCommands.Text(telemetry));
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
