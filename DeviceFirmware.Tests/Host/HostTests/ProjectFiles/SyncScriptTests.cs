using System;
using System.Diagnostics;
using System.Linq;
using Xunit;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// scripts/sync-nfproj.sh and the checker apply the same Compile rule: after the script has run, the
/// checker finds nothing to fix, and a second run changes nothing.
/// </summary>
public sealed class SyncScriptTests
{
    [Fact]
    public void SyncBringsStaleProjectsInLineWithTheChecker()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware/Core/Serial/SlipFrameDecoder.cs", "// new\n");
        fixture.Write("DeviceFirmware/App/Adapters/UartSerialChannel.cs", "// new\n");
        fixture.Write("DeviceFirmware/App/Program.cs", "// new\n");
        fixture.Write("DeviceFirmware.Tests/Serial/SlipFrameDecoderTests.cs", "// new\n");
        fixture.Delete("DeviceFirmware/Core/Runtime/NullLog.cs");
        Assert.Contains(fixture.Check(), p => p.Area == ProblemArea.CompileItems);

        (int checkBefore, string checkOutput) = Run(fixture, "--check");
        Assert.Equal(1, checkBefore);
        Assert.Contains("stale: DeviceFirmware/Core/DeviceFirmware.Core.nfproj", checkOutput, StringComparison.Ordinal);

        (int sync, string syncOutput) = Run(fixture);
        Assert.True(sync == 0, syncOutput);
        Problem[] left = fixture.Check().ToArray();
        Assert.True(left.Length == 0, string.Join(Environment.NewLine, left.Select(p => p.Message)));

        string app = fixture.Read(ProjectExpectations.AppPath);
        int adapters = app.IndexOf(@"<Compile Include=""Adapters\UartSerialChannel.cs"" />", StringComparison.Ordinal);
        int program = app.IndexOf(@"<Compile Include=""Program.cs"" />", StringComparison.Ordinal);
        int properties = app.IndexOf(@"<Compile Include=""Properties\AssemblyInfo.cs"" />", StringComparison.Ordinal);
        Assert.True(adapters > 0 && adapters < program && program < properties, "Compile items are sorted, with backslashes:" + Environment.NewLine + app);

        string[] before = ProjectExpectations.All.Select(p => fixture.Read(p.Path)).ToArray();
        (int again, string againOutput) = Run(fixture);
        Assert.True(again == 0, againOutput);
        Assert.Equal(before, ProjectExpectations.All.Select(p => fixture.Read(p.Path)).ToArray());
        Assert.Equal(0, Run(fixture, "--check").ExitCode);
    }

    [Fact]
    public void SyncLeavesHostOnlyAndGeneratedFilesOut()
    {
        using ProjectFixture fixture = new();
        (int exit, string output) = Run(fixture);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("HostOnly.cs", fixture.Read(ProjectExpectations.TestsPath), StringComparison.Ordinal);
        Assert.DoesNotContain("Generated.cs", fixture.Read(ProjectExpectations.CorePath), StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(ProjectFixture fixture, params string[] arguments)
    {
        ProcessStartInfo start = new("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(fixture.FullPath("scripts/sync-nfproj.sh"));
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(fixture.Root);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start);
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sync-nfproj.sh did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
