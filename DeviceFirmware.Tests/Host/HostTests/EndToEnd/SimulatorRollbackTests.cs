using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// A broker port changed over MQTT to one where no broker listens, with the real simulator, mosquitto
/// and mmsctl: the connection trial rolls the change back after <c>--rollback-timeout</c>, also when
/// the simulator was killed and restarted during the trial.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorRollbackTests : IDisposable
{
    private const string DeviceId = "rollback-e2e";
    private const byte Reference = 0x21;
    private const string RolledBackNote = "rolled back: no broker reached with new connection settings in 3 s; previous settings restored";

    private readonly string _directory = ToolProcesses.NewDirectory("rollback");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Serial => Path.Combine(_directory, "tty");

    private string Flash => Path.Combine(_directory, "flash.bin");

    /// <summary>
    /// Proves that with <c>--rollback-timeout 3</c> a Set of mqtt.port to a closed port, sent as hex over
    /// MQTT, is answered with success, and that no sooner than 3 s later the device is back on its
    /// broker: the status topic carries the note "rolled back: ..." and then a new <c>connected</c>,
    /// telemetry resumes with <c>"rollbacks":1</c>, and mmsctl over the UART reads the original port.
    /// It does not prove the default 300 s timeout (only that the option sets it).
    /// </summary>
    [Fact]
    public void APortThatReachesNoBroker_IsRolledBackAfterTheTimeout()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        int closedPort = MosquittoProcess.FreeLoopbackPort();
        using PahoTestSubscriber watcher = PahoTestSubscriber.Subscribed(broker, "rollback-watch", $"DeviceFirmware/Server/{DeviceId}/#", 2);
        using SimulatorProcess simulator = Start(broker, rollbackSeconds: 3);
        watcher.WaitForTopic(RemoteCommands.TelemetryTopic(DeviceId), TimeSpan.FromSeconds(30));

        Stopwatch sinceAnswer = SetPortOverMqtt(watcher, closedPort);
        Wait.Until(() => StatusTexts(watcher).Contains(RolledBackNote), () => "the rollback note\n" + simulator, TimeSpan.FromSeconds(30));
        TimeSpan rolledBackAfter = sinceAnswer.Elapsed;

        Assert.True(rolledBackAfter >= TimeSpan.FromSeconds(3), $"rolled back {rolledBackAfter.TotalMilliseconds:F0} ms after the answer");
        AssertBackOnTheBroker(watcher, simulator, broker);
        Assert.Contains(simulator.Lines, line => line.Contains("WARN  mqtt: no broker reached with the new connection settings in 3 s; previous settings restored", StringComparison.Ordinal));
    }

    /// <summary>
    /// Proves that the trial survives a power cut: after the Set over MQTT (trial of 600 s) the
    /// simulator is killed, the flash file holds its third slot (the last known good), and the
    /// simulator started again on it with <c>--rollback-timeout 3</c> resumes the trial, fails to reach
    /// the closed port, and rolls back to the original broker (note, <c>connected</c>, rollbacks 1,
    /// mmsctl's port). Without the third slot the restarted device would stay on the closed port. It does
    /// not prove a restart by Reset Device (the same Device.LoadSettings path, in process).
    /// </summary>
    [Fact]
    public void ARestartDuringTheTrial_ResumesIt_AndRollsBack()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        int closedPort = MosquittoProcess.FreeLoopbackPort();
        using PahoTestSubscriber watcher = PahoTestSubscriber.Subscribed(broker, "rollback-watch", $"DeviceFirmware/Server/{DeviceId}/#", 2);
        using (SimulatorProcess first = Start(broker, rollbackSeconds: 600))
        {
            watcher.WaitForTopic(RemoteCommands.TelemetryTopic(DeviceId), TimeSpan.FromSeconds(30));
            SetPortOverMqtt(watcher, closedPort);
            Assert.NotNull(first.WaitForLine(line => line.Contains("mqtt: trying new connection settings; the previous ones come back if no broker is reached within 600 s", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
            first.Kill();
        }

        Assert.Equal(3 * (FileFlashStorage.HeaderSize + FileFlashStorage.DefaultSlotCapacity), new FileInfo(Flash).Length);

        using SimulatorProcess second = Start(broker, rollbackSeconds: 3);
        Assert.Contains(second.Lines, line => line.Contains("WARN  mqtt: a restart interrupted a trial of new connection settings; trying them again for 3 s", StringComparison.Ordinal));
        Wait.Until(() => StatusTexts(watcher).Contains(RolledBackNote), () => "the rollback note after the restart\n" + second, TimeSpan.FromSeconds(30));
        AssertBackOnTheBroker(watcher, second, broker);
    }

    private SimulatorProcess Start(MosquittoBroker broker, int rollbackSeconds) => SimulatorProcess.Start(
        Serial, Flash, "--broker", $"{broker.Host}:{broker.Port}", "--interval", "300", "--device-id", DeviceId,
        "--rollback-timeout", rollbackSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // Sends the Set and waits for its answer; the watch starts when the answer arrived.
    private static Stopwatch SetPortOverMqtt(PahoTestSubscriber watcher, int port)
    {
        string set = RemoteCommands.SetHex(Reference, PropertyIndex.MqttPort, new[] { (byte)(port >> 8), (byte)port });
        RemoteCommands.Send(watcher, DeviceId, set);
        ReceivedMessage answer = watcher.WaitForTopic(RemoteCommands.AnswerTopic(DeviceId), TimeSpan.FromSeconds(15));
        Stopwatch since = Stopwatch.StartNew();
        Assert.StartsWith(RemoteCommands.SetSuccessPrefix(Reference), RemoteCommands.Text(answer));
        return since;
    }

    private void AssertBackOnTheBroker(PahoTestSubscriber watcher, SimulatorProcess simulator, MosquittoBroker broker)
    {
        // The note comes right before the retained "connected" of the session on the restored broker.
        Wait.Until(() => StatusTexts(watcher).SkipWhile(text => text != RolledBackNote).Contains("connected"), () => "connected after the note\n" + simulator, TimeSpan.FromSeconds(30));
        Wait.Until(() => Telemetry(watcher).Any(text => text.Contains("\"rollbacks\":1", StringComparison.Ordinal)), () => "telemetry with rollbacks 1\n" + simulator, TimeSpan.FromSeconds(30));
        ProcessResult port = ToolProcesses.RunMmsCtl("--port", Serial, "--timeout", "10000", "get", "mqtt.port");
        Assert.True(port.ExitCode == 0, port.ToString());
        Assert.Equal($"mqtt.port = {broker.Port}", port.OutputLine);
    }

    private static string[] StatusTexts(PahoTestSubscriber watcher)
        => watcher.Messages.Where(m => m.Topic == RemoteCommands.StatusTopic(DeviceId)).Select(RemoteCommands.Text).ToArray();

    private static string[] Telemetry(PahoTestSubscriber watcher)
        => watcher.Messages.Where(m => m.Topic == RemoteCommands.TelemetryTopic(DeviceId)).Select(RemoteCommands.Text).ToArray();
}
