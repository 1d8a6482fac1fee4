using System;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>The simulator's status topic against a real mosquitto: the retained status and the Last Will.</summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorStatusTests : IDisposable
{
    private const string DeviceId = "status-e2e";

    /// <summary>
    /// How soon the will must arrive after SIGKILL. The device's keep-alive is the factory 60 s, so a
    /// will published because the keep-alive ran out would take 90 s (1.5 times, MQTT 3.1.1 section
    /// 3.1.2.10); arriving within this bound shows mosquitto published it when the kernel closed the
    /// dead process's socket.
    /// </summary>
    private static readonly TimeSpan WillBound = TimeSpan.FromSeconds(5);

    private readonly string _directory = ToolProcesses.NewDirectory("status");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Proves that the status is retained (a subscriber that arrives after the connect reads
    /// <c>connected</c> with the RETAIN flag), and that after a SIGKILL of the simulator the broker
    /// publishes the Last Will <c>disconnected</c> within 5 s, which a later subscriber then reads as
    /// the retained status. It does not prove the will after a silent network loss (no FIN), where
    /// only the keep-alive can tell.
    /// </summary>
    [Fact]
    public void TheStatusIsRetainedConnected_AndSigkillMakesTheBrokerPublishTheWillAtOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string topic = RemoteCommands.StatusTopic(DeviceId);
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"),
            "--broker", $"{broker.Host}:{broker.Port}", "--interval", "60000", "--device-id", DeviceId);
        Assert.NotNull(simulator.WaitForLine(line => line.Contains("mqtt: status connected on " + topic, StringComparison.Ordinal), TimeSpan.FromSeconds(30)));

        using PahoTestSubscriber watcher = PahoTestSubscriber.Subscribed(broker, "status-watch", topic, 0);
        ReceivedMessage status = watcher.WaitForTopic(topic, TimeSpan.FromSeconds(10));
        Assert.Equal("connected", RemoteCommands.Text(status));
        Assert.True(status.Retained);

        Stopwatch sinceKill = Stopwatch.StartNew();
        simulator.Kill();
        Wait.Until(() => watcher.Messages.Count == 2, "the Last Will after SIGKILL", WillBound);
        sinceKill.Stop();

        Assert.Equal("disconnected", RemoteCommands.Text(watcher.Messages[1]));
        Assert.True(sinceKill.Elapsed < WillBound, $"the will took {sinceKill.Elapsed.TotalMilliseconds:F0} ms");
        using PahoTestSubscriber later = PahoTestSubscriber.Subscribed(broker, "status-later", topic, 0);
        ReceivedMessage retained = later.WaitForTopic(topic, TimeSpan.FromSeconds(10));
        Assert.Equal("disconnected", RemoteCommands.Text(retained));
        Assert.True(retained.Retained);
    }
}
