using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DeviceFirmware.NfProj;
using Xunit;
using static DeviceFirmware.Tests.Host.ProjectFiles.ProjectPaths;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// The sync command (tools/NfProj, run by `bash scripts/sync-nfproj.sh`) writes by the rules the checker
/// checks: on a broken copy of the project files it produces a tree the checker accepts, a second run
/// changes nothing, and what it cannot mend it leaves for the checker to report.
/// </summary>
public sealed class SyncTests
{
    [Fact]
    public void SyncMendsMissingExtraAndUnsortedCompileItemsAndWrongVersions()
    {
        using ProjectFixture fixture = new();
        // Compile items: a file that is not listed, an item whose file is gone, two items out of order.
        fixture.Write("DeviceFirmware/Core/Serial/SlipFrameDecoder.cs", "// new\n");
        fixture.Write("DeviceFirmware/App/Adapters/UartSerialChannel.cs", "// new\n");
        fixture.Write("DeviceFirmware.Tests/Serial/SlipFrameDecoderTests.cs", "// new\n");
        fixture.Write("DeviceFirmware.Tests/Telemetry/TelemetryQueueTests.cs", "// new\n");
        fixture.Delete("DeviceFirmware.Tests/Runtime/PollingWorkerTests.cs");
        fixture.Delete("DeviceFirmware/Core/Runtime/IClock.cs");
        fixture.Replace(App, "    <Compile Include=\"Properties\\AssemblyInfo.cs\" />\n", string.Empty);
        fixture.Replace(App, "<Compile Include=\"Program.cs\" />", "<Compile Include=\"Properties\\AssemblyInfo.cs\" />\n    <Compile Include=\"Program.cs\" />");
        // Versions: one in packages.config, one in a HintPath, one in a Reference's assembly version.
        fixture.Replace(AppPackages, @"id=""nanoFramework.Runtime.Events"" version=""1.11.37""", @"id=""nanoFramework.Runtime.Events"" version=""1.11.32""");
        fixture.Replace(App, @"<HintPath>..\..\packages\nanoFramework.System.Net.1.11.60\lib\System.Net.dll</HintPath>",
            "<!-- a comment <HintPath>x</HintPath> stays -->\n      " + @"<HintPath>..\..\packages\nanoFramework.System.Net.1.11.52\lib\System.Net.dll</HintPath>");
        fixture.Replace(App, "System.Threading, Version=1.1.52.34401,", "System.Threading, Version=1.1.52.0,");
        ProblemArea[] broken = fixture.Check().Select(p => p.Area).Distinct().ToArray();
        Assert.Contains(ProblemArea.CompileItems, broken);
        Assert.Contains(ProblemArea.Packages, broken);
        Assert.Contains(ProblemArea.References, broken);
        Assert.Contains(ProblemArea.Sync, broken);

        (int check, string checkOutput) = Run("check", fixture);
        Assert.Equal(Program.Problems, check);
        Assert.Contains("Sync: DeviceFirmware/App/DeviceFirmware.App.nfproj is not as `bash scripts/sync-nfproj.sh` writes it", checkOutput, StringComparison.Ordinal);

        (int sync, string syncOutput) = Run("sync", fixture);
        Assert.True(sync == Program.Ok, syncOutput);
        Assert.Contains("updated DeviceFirmware/App/packages.config (pinned versions: nanoFramework.Runtime.Events 1.11.32 -> 1.11.37)", syncOutput, StringComparison.Ordinal);
        AssertNoProblems(fixture);

        string app = fixture.Read(App);
        int adapters = app.IndexOf(@"<Compile Include=""Adapters\UartSerialChannel.cs"" />", StringComparison.Ordinal);
        int program = app.IndexOf(@"<Compile Include=""Program.cs"" />", StringComparison.Ordinal);
        int properties = app.IndexOf(@"<Compile Include=""Properties\AssemblyInfo.cs"" />", StringComparison.Ordinal);
        Assert.True(adapters > 0 && adapters < program && program < properties, "Compile items are sorted, with backslashes:" + Environment.NewLine + app);
        Assert.DoesNotContain(@"Runtime\IClock.cs", fixture.Read(Core), StringComparison.Ordinal);
        Assert.Contains(@"<Compile Include=""Serial\SlipFrameDecoderTests.cs"" />", fixture.Read(TestsProject), StringComparison.Ordinal);
        Assert.DoesNotContain("SlipFrameDecoderTests.cs", fixture.Read(DeviceTests), StringComparison.Ordinal);
        Assert.Contains(@"<Compile Include=""..\Telemetry\TelemetryQueueTests.cs"" Link=""Telemetry\TelemetryQueueTests.cs"" />", fixture.Read(DeviceTests), StringComparison.Ordinal);
        Assert.DoesNotContain("TelemetryQueueTests.cs", fixture.Read(TestsProject), StringComparison.Ordinal);
        Assert.DoesNotContain("PollingWorkerTests.cs", fixture.Read(DeviceTests), StringComparison.Ordinal);
        Assert.Contains(@"<HintPath>..\..\packages\nanoFramework.System.Net.1.11.60\lib\System.Net.dll</HintPath>", app, StringComparison.Ordinal);
        Assert.Contains("System.Threading, Version=1.1.52.34401,", app, StringComparison.Ordinal);
        Assert.Contains("<!-- a comment <HintPath>x</HintPath> stays -->", app, StringComparison.Ordinal);

        AssertSecondRunChangesNothing(fixture);
    }

    [Fact]
    public void SyncWritesThePackagesAndReferencesOfTheRepositoryByteForByte()
    {
        using ProjectFixture fixture = new();
        byte[][] committed = fixture.ProjectFileBytes();

        // Everything that follows from NanoPackageGraph.cs, broken or removed.
        fixture.Delete(CorePackages);
        fixture.Replace(Core, @"<HintPath>..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>", @"<HintPath>packages\nanoFramework.CoreLibrary.1.17.9\lib\mscorlib.dll</HintPath>");
        fixture.Replace(AppPackages, @"  <package id=""nanoFramework.System.Collections"" version=""1.5.75"" targetFramework=""netnano1.0"" />" + "\n", string.Empty);
        fixture.Replace(AppPackages, @"  <package id=""nanoFramework.System.Threading"" version=""1.1.52"" targetFramework=""netnano1.0"" />" + "\n", string.Empty);
        fixture.Replace(AppPackages, @"id=""nanoFramework.M2Mqtt"" version=""5.1.220""", @"id=""nanoFramework.M2Mqtt"" version=""5.1.215""");
        RemoveReference(fixture, App, "nanoFramework.M2Mqtt.Core");
        RemoveReference(fixture, App, "nanoFramework.System.Collections");
        RemoveReference(fixture, App, "System.Threading");
        RemoveReference(fixture, App, "mscorlib");
        fixture.Replace(TestsPackages, @"  <package id=""nanoFramework.TestFramework"" version=""3.0.80"" targetFramework=""netnano1.0"" developmentDependency=""true"" />" + "\n", string.Empty);
        RemoveReference(fixture, TestsProject, "nanoFramework.TestFramework");
        RemoveReference(fixture, TestsProject, "nanoFramework.UnitTestLauncher");
        fixture.Delete(DeviceTestsPackages);
        RemoveReference(fixture, DeviceTests, "nanoFramework.TestFramework");
        RemoveReference(fixture, DeviceTests, "mscorlib");
        Assert.NotEmpty(fixture.Check());

        (int sync, string output) = Run("sync", fixture);
        Assert.True(sync == Program.Ok, output);
        Assert.Contains("created DeviceFirmware/Core/packages.config", output, StringComparison.Ordinal);
        Assert.Contains("created " + DeviceTestsPackages, output, StringComparison.Ordinal);
        Assert.Contains("added References to mscorlib, nanoFramework.M2Mqtt.Core, nanoFramework.System.Collections, System.Threading", output, StringComparison.Ordinal);
        byte[][] synced = fixture.ProjectFileBytes();
        for (int i = 0; i < committed.Length; i++)
        {
            Assert.True(committed[i].AsSpan().SequenceEqual(synced[i]), "sync wrote something else than the repository holds:" + Environment.NewLine + Encoding.UTF8.GetString(synced[i]));
        }
        AssertSecondRunChangesNothing(fixture);
    }

    [Fact]
    public void SyncLeavesHostOnlyAndGeneratedFilesOut()
    {
        using ProjectFixture fixture = new();
        (int exit, string output) = Run("sync", fixture);
        Assert.True(exit == Program.Ok, output);
        Assert.DoesNotContain("HostOnly.cs", fixture.Read(TestsProject), StringComparison.Ordinal);
        Assert.DoesNotContain("Generated.cs", fixture.Read(Core), StringComparison.Ordinal);
        Assert.Contains("nothing to update", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SyncKeepsTheByteOrderMarkAndTheLineEndings()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware/App/Adapters/UartSerialChannel.cs", "// new\n");
        fixture.Replace(App, @"packages\nanoFramework.System.Net.1.11.60\lib\System.Net.dll", @"packages\nanoFramework.System.Net.1.11.52\lib\System.Net.dll");
        RemoveReference(fixture, App, "System.Threading");
        string crlf = fixture.Read(App).Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllBytes(fixture.FullPath(App), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(crlf)]);

        (int sync, string output) = Run("sync", fixture);
        Assert.True(sync == Program.Ok, output);
        byte[] bytes = File.ReadAllBytes(fixture.FullPath(App));
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "the byte-order mark is kept");
        string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.DoesNotMatch(new Regex("(?<!\r)\n"), text);
        Assert.Contains("<Compile Include=\"Adapters\\UartSerialChannel.cs\" />\r\n", text, StringComparison.Ordinal);
        Assert.Contains("<Reference Include=\"System.Threading, Version=1.1.52.34401, Culture=neutral, PublicKeyToken=c07d481e9758c731\">\r\n", text, StringComparison.Ordinal);
        AssertNoProblems(fixture);
        AssertSecondRunChangesNothing(fixture);
    }

    [Fact]
    public void SyncAddsNothingAProjectMayNotUseAndReportsWhatIsLeft()
    {
        using ProjectFixture fixture = new();
        // A Reference to an ESP32-only assembly in the test project: sync pins its HintPath but does not add
        // the package (the project must not have it); the checker says so and sync exits 1.
        fixture.Replace(TestsProject, "  </ItemGroup>\n  <ItemGroup>\n    <ProjectReference",
            "    <Reference Include=\"nanoFramework.Hardware.Esp32\">\n      <HintPath>..\\packages\\nanoFramework.Hardware.Esp32.1.6.12\\lib\\nanoFramework.Hardware.Esp32.dll</HintPath>\n    </Reference>\n  </ItemGroup>\n  <ItemGroup>\n    <ProjectReference");
        byte[] packagesBefore = File.ReadAllBytes(fixture.FullPath(TestsPackages));

        (int sync, string output) = Run("sync", fixture);
        Assert.Equal(Program.Problems, sync);
        Assert.Contains("problem(s) left that sync does not fix", output, StringComparison.Ordinal);
        Assert.Equal(packagesBefore, File.ReadAllBytes(fixture.FullPath(TestsPackages)));
        Assert.Contains(@"<HintPath>..\packages\nanoFramework.Hardware.Esp32.1.6.40\lib\nanoFramework.Hardware.Esp32.dll</HintPath>", fixture.Read(TestsProject), StringComparison.Ordinal);
        fixture.Expect(ProblemArea.References, TestsProject, "names package nanoFramework.Hardware.Esp32 1.6.40", "does not list");
        AssertSecondRunChangesNothing(fixture);
    }

    [Fact]
    public void SyncRefusesAProjectItCannotRewriteAndWritesNothing()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware/App/Adapters/UartSerialChannel.cs", "// new\n");
        fixture.Replace(Core, "<None Include=\"packages.config\" />", string.Empty);
        fixture.Replace(Core, "<Compile Include=\"Properties\\AssemblyInfo.cs\" />", "<None Include=\"packages.config\" />\n    <Compile Include=\"Properties\\AssemblyInfo.cs\" />");
        byte[][] before = fixture.ProjectFileBytes();

        (int sync, string output) = Run("sync", fixture);
        Assert.Equal(Program.Failed, sync);
        Assert.Contains("DeviceFirmware/Core/DeviceFirmware.Core.nfproj: the ItemGroup with the Compile items holds other items too", output, StringComparison.Ordinal);
        Assert.Equal(before, fixture.ProjectFileBytes());
    }

    [Fact]
    public void CheckChangesNothingAndListsEveryProblemOnALineOfItsOwn()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware/Core/Serial/SlipNew.cs", "// new\n");
        fixture.Replace(AppPackages, @"id=""nanoFramework.Runtime.Events"" version=""1.11.37""", @"id=""nanoFramework.Runtime.Events"" version=""1.11.32""");
        byte[][] before = fixture.ProjectFileBytes();
        string[] expected = fixture.Check().Select(p => $"{p.Area}: {p.Message}").ToArray();

        (int check, string output) = Run("check", fixture);
        Assert.Equal(Program.Problems, check);
        Assert.Equal(before, fixture.ProjectFileBytes());
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Append($"{expected.Length} problem(s) in the nanoFramework project files."), lines);
        Assert.Contains(lines, l => l.StartsWith("CompileItems: DeviceFirmware/Core/DeviceFirmware.Core.nfproj does not compile DeviceFirmware/Core/Serial/SlipNew.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void CommandLineRunsAsAProcessWithTheScriptsExitCodes()
    {
        using ProjectFixture fixture = new();
        (int ok, string okOutput) = RunProcess("check", "--root", fixture.Root);
        Assert.True(ok == 0, okOutput);
        Assert.Contains("the nanoFramework project files are in order", okOutput, StringComparison.Ordinal);

        fixture.Write("DeviceFirmware/Core/Serial/SlipNew.cs", "// new\n");
        (int stale, string staleOutput) = RunProcess("check", "--root", fixture.Root);
        Assert.True(stale == 1, staleOutput);
        (int synced, string syncedOutput) = RunProcess("sync", "--root", fixture.Root);
        Assert.True(synced == 0, syncedOutput);
        Assert.Equal(2, RunProcess("--check").ExitCode);
    }

    // ------------------------------------------------------------ helpers

    private static (int ExitCode, string Output) Run(string command, ProjectFixture fixture)
    {
        StringWriter output = new();
        int exit = Program.Run(new[] { command, "--root", fixture.Root }, output, output, Path.GetTempPath());
        return (exit, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static void AssertNoProblems(ProjectFixture fixture)
    {
        Problem[] left = fixture.Check().ToArray();
        Assert.True(left.Length == 0, string.Join(Environment.NewLine, left.Select(p => $"{p.Area}: {p.Message}")));
    }

    private static void AssertSecondRunChangesNothing(ProjectFixture fixture)
    {
        byte[][] before = fixture.ProjectFileBytes();
        (_, string output) = Run("sync", fixture);
        Assert.Contains("nothing to update", output, StringComparison.Ordinal);
        Assert.Equal(before, fixture.ProjectFileBytes());
    }

    /// <summary>Removes the whole Reference element whose Include starts with the assembly name.</summary>
    private static void RemoveReference(ProjectFixture fixture, string project, string assemblyName)
    {
        string text = fixture.Read(project);
        string pattern = "[ \t]*<Reference Include=\"" + Regex.Escape(assemblyName) + ",.*?</Reference>\r?\n";
        Assert.Single(Regex.Matches(text, pattern, RegexOptions.Singleline));
        fixture.Write(project, Regex.Replace(text, pattern, string.Empty, RegexOptions.Singleline));
    }

    /// <summary>Runs the built tool as a user does, <c>dotnet nfproj.dll …</c>, from this test's output folder.</summary>
    private static (int ExitCode, string Output) RunProcess(params string[] arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nfproj.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start);
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("nfproj did not finish within 60 s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
