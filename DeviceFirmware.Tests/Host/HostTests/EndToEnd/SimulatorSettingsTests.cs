using System;
using System.IO;
using System.Linq;
using System.Text;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// mmsctl against the simulator process: Set then Get, the new QoS on the next telemetry message as a
/// QoS 2 subscriber sees it on the wire, and device failures as exit code 1.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorSettingsTests : IDisposable
{
    private const string DeviceId = "e2e-settings";
    private readonly string _directory = ToolProcesses.NewDirectory("settings");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SetQos2_ThenGet_Gives2_AndTheNextTelemetryMessageArrivesAtQos2()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string topic = $"DeviceFirmware/Server/{DeviceId}/Telemetry";
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "e2e-qos-sub", topic, 2);
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"),
            "--broker", $"{broker.Host}:{broker.Port}", "--interval", "300", "--device-id", DeviceId);

        // The factory QoS is 0: the first messages arrive at QoS 0.
        ReceivedMessage first = subscriber.WaitForTopic(topic, TimeSpan.FromSeconds(30));
        Assert.Equal(0, first.Qos);

        ProcessResult set = MmsCtl(simulator, "set", "mqtt.qos", "2");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("mqtt.qos = 2 (exactly once)", set.OutputLine);
        ProcessResult get = MmsCtl(simulator, "get", "mqtt.qos");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("mqtt.qos = 2 (exactly once)", get.OutputLine);

        // Every message created after the Set says "qos":2 in its payload and comes in a QoS 2 PUBLISH.
        int before = subscriber.Messages.Count;
        Wait.Until(() => subscriber.Messages.Skip(before).Any(m => Payload(m).Contains("\"qos\":2", StringComparison.Ordinal)), "a telemetry message created after the Set", TimeSpan.FromSeconds(30));
        ReceivedMessage next = subscriber.Messages.Skip(before).First(m => Payload(m).Contains("\"qos\":2", StringComparison.Ordinal));
        Assert.Equal(2, next.Qos);
        Assert.All(subscriber.Messages.Where(m => Payload(m).Contains("\"qos\":2", StringComparison.Ordinal)), m => Assert.Equal(2, m.Qos));

        // On the device's own leg too: the broker received QoS 2 PUBLISH packets from the simulator's
        // client and completed the exactly-once handshake with it (PUBREL from the device).
        string client = "DeviceFirmware-" + DeviceId;
        Wait.Until(() => broker.Log().Count(client, PacketDirection.Received, "PUBREL") >= 1, "a PUBREL from the simulator", TimeSpan.FromSeconds(30));
        Assert.Contains(broker.Log().For(client), p => p.Direction == PacketDirection.Received && p.Type == "PUBLISH" && p.Qos == 2);

        // ...and the simulator logged that publish with its QoS.
        Assert.NotNull(simulator.WaitForLine(line => line.Contains("qos=2", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void DeviceFailure_IsExit1_WithTheStatusInWords()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"), "--broker", "127.0.0.1:1", "--interval", "60000");

        ProcessResult hex = MmsCtl(simulator, "set", "mqtt.qos", "03", "--hex");
        ProcessResult unknown = MmsCtl(simulator, "get", "1.2.2.1.2.1E");
        ProcessResult local = MmsCtl(simulator, "set", "mqtt.qos", "3");

        Assert.Equal(1, hex.ExitCode);
        Assert.Equal("mmsctl: set mqtt.qos: the device answered 80 020102: failed to start the operation: bad parameter (unknown property, or value invalid or out of range)", hex.Error.TrimEnd('\n'));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("the device answered 80 020102", unknown.Error);
        Assert.Equal(2, local.ExitCode);
        Assert.Contains("3 is out of range", local.Error);
        Assert.Equal("mqtt.qos = 0 (at most once)", MmsCtl(simulator, "get", "mqtt.qos").OutputLine);
    }

    private static ProcessResult MmsCtl(SimulatorProcess simulator, params string[] args)
        => ToolProcesses.RunMmsCtl(new[] { "--port", simulator.SerialPath, "--timeout", "10000" }.Concat(args).ToArray());

    private static string Payload(ReceivedMessage message) => Encoding.ASCII.GetString(message.Payload);
}
