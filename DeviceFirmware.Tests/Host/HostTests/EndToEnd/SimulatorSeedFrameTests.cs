using System;
using System.IO;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// The four frames of the seed page (property 1.2.2.1.2.3, MQTT QoS), sent with <c>mmsctl raw</c> through
/// the simulator's pseudo-terminal on a fresh flash file: the responses match byte for byte.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorSeedFrameTests : IDisposable
{
    private const string GetRequest = "AA0081040155D101840FD1018501018704020201028902C300";
    private const string GetResponse = "AA0081048255D10182040000000084820010D1018501018704020201028903C30100";
    private const string SetRequest = "AA0081040155D1118410D1118501018704020201028903C30100";
    private const string SetResponse = "AA0081048255D11182040000000084820010D1118501018704020201028903C30100";

    private readonly string _directory = ToolProcesses.NewDirectory("seed");
    private readonly SimulatorProcess _simulator;

    public SimulatorSeedFrameTests()
    {
        // No broker on port 1: telemetry stays idle and out of the way.
        _simulator = SimulatorProcess.Start(Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"), "--broker", "127.0.0.1:1", "--interval", "60000");
    }

    public void Dispose()
    {
        _simulator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void SeedRequests_GetTheSeedResponses_ByteForByte()
    {
        // The seed page's manual spacing is accepted as written, too.
        ProcessResult get = Raw("AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300");
        ProcessResult set = Raw(SetRequest);
        ProcessResult getAgain = Raw(GetRequest);

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(GetResponse, get.OutputLine);
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal(SetResponse, set.OutputLine);
        Assert.True(getAgain.ExitCode == 0, getAgain.ToString());
        Assert.Equal(GetResponse, getAgain.OutputLine);
        Assert.Equal(string.Empty, get.Error + set.Error + getAgain.Error);
    }

    [Fact]
    public void EachRequest_IsLoggedOnOneLine()
    {
        Raw(GetRequest);

        Assert.NotNull(_simulator.WaitForLine(line => line.Contains("mms: Get ref=55 mqtt.qos -> OK", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    private ProcessResult Raw(string hex) => ToolProcesses.RunMmsCtl("--port", _simulator.SerialPath, "--timeout", "10000", "raw", hex);
}
