using System;
using System.IO;
using DeviceFirmware.Host.Serial;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>The mmsctl process when there is no device, or nobody answers: exit code 2 with one readable line, within the timeout.</summary>
[Collection(ProcessCollection.Name)]
public sealed class MmsCtlProcessTests
{
    [Fact]
    public void PathWithNoDevice_Exits2AtOnce_WithTheReason()
    {
        string directory = ToolProcesses.NewDirectory("nodevice");
        string path = Path.Combine(directory, "nothing");

        ProcessResult result = ToolProcesses.RunMmsCtl("--port", path, "--timeout", "2000", "get", "mqtt.qos");
        Directory.Delete(directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"mmsctl: cannot open {path}: No such file or directory\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString()); // process start-up only; the open fails at once
    }

    [Fact]
    public void PtyWhereNobodyAnswers_Exits2AfterTheTimeout()
    {
        string directory = ToolProcesses.NewDirectory("silent");
        ProcessResult result;
        string link;
        using (PseudoTerminal silent = PseudoTerminal.Open(Path.Combine(directory, "tty")))
        {
            link = silent.LinkPath;
            result = ToolProcesses.RunMmsCtl("--port", link, "--timeout", "700", "get", "mqtt.qos");
        }

        Directory.Delete(directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"mmsctl: no response from {link} within 700 ms\n", result.Error);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(700), result.ToString());
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
    }

    [Fact]
    public void PtyWhereNobodyAnswers_Json_IsOneObjectWithTheError()
    {
        using PseudoTerminal silent = PseudoTerminal.Open();

        ProcessResult result = ToolProcesses.RunMmsCtl("--port", silent.SlavePath, "--timeout", "300", "--json", "raw", "AA00");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("{\"command\":\"raw\",", result.Output);
        Assert.Contains("\"exitCode\":2", result.Output);
        Assert.Contains("no response", result.Output);
    }

    [Fact]
    public void BadUsage_Exits2()
    {
        ProcessResult missingPort = ToolProcesses.RunMmsCtl("get", "mqtt.qos");
        ProcessResult badBaud = ToolProcesses.RunMmsCtl("--port", "/dev/null", "--baud", "1234", "get", "mqtt.qos");

        Assert.Equal(2, missingPort.ExitCode);
        Assert.Contains("--port", missingPort.Error);
        Assert.Equal(2, badBaud.ExitCode);
        Assert.Contains("unsupported baud rate 1234", badBaud.Error);
    }
}
