using System;
using System.IO;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// Options the simulator refuses before anything starts: exit code 2 and one line on stderr that
/// names the problem.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorStartErrorTests : IDisposable
{
    private readonly string _directory = ToolProcesses.NewDirectory("start-error");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Serial => Path.Combine(_directory, "tty");

    private string Flash => Path.Combine(_directory, "flash.bin");

    /// <summary>
    /// Proves that a missing CA file and a file without a PEM certificate stop the start with exit 2
    /// and the file's name, and that no pty link was made. It does not prove what a malformed
    /// certificate inside PEM markers gives (the .NET parser's own message).
    /// </summary>
    [Fact]
    public void ACaFileThatIsMissingOrHoldsNoCertificate_IsExit2()
    {
        string missing = Path.Combine(_directory, "missing.pem");
        string notPem = Path.Combine(_directory, "not.pem");
        File.WriteAllText(notPem, "hello\n");

        ProcessResult absent = ToolProcesses.RunSimulatorToExit("--serial", Serial, "--flash", Flash, "--ca-file", missing);
        ProcessResult empty = ToolProcesses.RunSimulatorToExit("--serial", Serial, "--flash", Flash, "--ca-file", notPem);

        Assert.Equal(2, absent.ExitCode);
        Assert.StartsWith($"simulator: --ca-file {missing}: Could not find file '{missing}'", absent.Error);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal($"simulator: --ca-file {notPem}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file", empty.Error.TrimEnd('\n'));
        Assert.Null(new FileInfo(Serial).LinkTarget);
    }

    /// <summary>Proves the bounds of --rollback-timeout and --devices and the options each mode needs. It does not start a device.</summary>
    [Theory]
    [InlineData("--serial S --flash F --rollback-timeout 0", "simulator: --rollback-timeout must be 1 to 2147483 seconds")]
    [InlineData("--serial S --flash F --devices 0", "simulator: --devices must be 1 to 10000")]
    [InlineData("--devices 3", "simulator: Option '--flash-dir' is required.")]
    [InlineData("--devices 3 --flash-dir D --flash F", "simulator: --flash is for one device; a fleet keeps each device's flash in --flash-dir DIR")]
    [InlineData("--devices 3 --flash-dir D --device-id abcdefghijkl", "simulator: --device-id: the device ID prefix must be 1 to 11 characters with 3 devices (IDs are PREFIX-nnnn, at most 16)")]
    [InlineData("--devices 1 --flash-dir D", "simulator: Option '--serial' is required.")]
    public void BadOptions_AreExit2_WithTheReason(string options, string line)
    {
        ProcessResult result = ToolProcesses.RunSimulatorToExit(options.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(line, result.Error.Split('\n'));
        Assert.Equal(string.Empty, result.Output);
    }
}
