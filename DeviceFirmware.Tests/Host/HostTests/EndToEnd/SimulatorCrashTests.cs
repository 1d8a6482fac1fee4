using System;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// A Set acknowledged over serial is durable: SIGKILL the simulator right after the acknowledgement,
/// start it again on the same flash file, and the value is there. Ctrl-C/SIGTERM stop it cleanly.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorCrashTests : IDisposable
{
    private readonly string _directory = ToolProcesses.NewDirectory("crash");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SigkillRightAfterTheAcknowledgement_LosesNoCommittedSetting()
    {
        string serial = Path.Combine(_directory, "tty");
        string flash = Path.Combine(_directory, "flash.bin");
        (string Name, string Value, string Expected)[] steps =
        {
            ("mqtt.qos", "1", "mqtt.qos = 1 (at least once)"),
            ("mqtt.client-id", "crash-test-client", "mqtt.client-id = crash-test-client"),
            ("mqtt.port", "18830", "mqtt.port = 18830"),
        };

        foreach ((string name, string value, string _) in steps)
        {
            using SimulatorProcess simulator = Start(serial, flash);

            // mmsctl in this process, so the SIGKILL follows the acknowledgement within microseconds.
            CliResult set = CliResult.Run("--port", serial, "--timeout", "10000", "set", name, value);
            simulator.Kill();

            Assert.True(set.ExitCode == 0, set.ToString());
        }

        using SimulatorProcess restarted = Start(serial, flash);
        foreach ((string name, string _, string expected) in steps)
        {
            ProcessResult get = MmsCtl(serial, "get", name);
            Assert.True(get.ExitCode == 0, get.ToString());
            Assert.Equal(expected, get.OutputLine);
        }

        Assert.Contains(restarted.Lines, line => line.Contains("settings from slot", StringComparison.Ordinal));
    }

    [Fact]
    public void Sigterm_StopsCleanly_AndRemovesTheLink()
    {
        string serial = Path.Combine(_directory, "tty");
        SimulatorProcess simulator = Start(serial, Path.Combine(_directory, "flash.bin"));
        using (simulator)
        {
            Assert.NotNull(new FileInfo(serial).LinkTarget);

            Assert.True(simulator.Terminate(TimeSpan.FromSeconds(30)), simulator.ToString());

            Assert.Equal(0, simulator.ExitCode);
            Assert.Null(new FileInfo(serial).LinkTarget);
            Assert.False(File.Exists(serial + ".lock"));
            Assert.Contains(simulator.Lines, line => line.Contains("simulator: stopped", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SecondSimulatorOnTheSamePath_IsRefused_AndTheFirstKeepsServing()
    {
        string serial = Path.Combine(_directory, "tty");
        using SimulatorProcess first = Start(serial, Path.Combine(_directory, "flash.bin"));

        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => Start(serial, Path.Combine(_directory, "other.bin")));

        Assert.Contains($"simulator: {serial} (-> ", refused.Message);
        Assert.Contains("is in use by another running pseudo-terminal", refused.Message);
        ProcessResult get = MmsCtl(serial, "get", "mqtt.qos");
        Assert.True(get.ExitCode == 0, get.ToString());
    }

    private static SimulatorProcess Start(string serial, string flash)
        => SimulatorProcess.Start(serial, flash, "--broker", "127.0.0.1:1", "--interval", "60000");

    private static ProcessResult MmsCtl(string serial, params string[] args)
        => ToolProcesses.RunMmsCtl(new[] { "--port", serial, "--timeout", "10000" }.Concat(args).ToArray());
}
