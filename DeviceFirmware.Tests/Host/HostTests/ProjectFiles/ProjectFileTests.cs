using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// Checks this repository's nanoFramework project files, which cannot be built here (they need Windows,
/// Visual Studio's nanoFramework project system and the nanoFramework NuGet packages): the .nfproj
/// Compile items against the files on disk, packages.config against the pinned nuspec dependency graph
/// (<see cref="NanoPackageGraph"/>), the References against packages.config, the unit-test project's
/// settings, nano.runsettings and DeviceFirmware.sln. Each failure says what to change.
/// </summary>
public sealed class ProjectFileTests
{
    private static readonly Lazy<IReadOnlyList<Problem>> Problems = new(() => new ProjectChecker(RepositoryRoot.Find()).Check());

    [Fact]
    public void EveryNfprojCompilesExactlyTheSourceFilesOnDisk() => AssertNone(ProblemArea.CompileItems);

    [Fact]
    public void EveryPackagesConfigHoldsItsRequiredPackagesAndAllTheirDependencies() => AssertNone(ProblemArea.Packages);

    [Fact]
    public void EveryReferenceMatchesAPackageOfItsPackagesConfig() => AssertNone(ProblemArea.References);

    [Fact]
    public void ProjectSettingsAreThoseTheNanoFrameworkToolsNeed() => AssertNone(ProblemArea.ProjectSettings);

    [Fact]
    public void RunSettingsRunTheTestsOnTheVirtualDevice() => AssertNone(ProblemArea.RunSettings);

    [Fact]
    public void SolutionOpensTheThreeNanoFrameworkProjects() => AssertNone(ProblemArea.Solution);

    [Fact]
    public void EveryRecordedDependencyIsItselfRecorded()
    {
        // The graph must be closed, or a missing transitive dependency could pass unnoticed.
        List<string> gaps = new();
        foreach (PackageRecord package in NanoPackageGraph.Packages)
        {
            foreach (PackageDependency dependency in package.Dependencies)
            {
                IReadOnlyList<string> versions = NanoPackageGraph.RecordedVersions(dependency.Id);
                if (versions.Count == 0)
                {
                    gaps.Add($"{package.Id} {package.Version} depends on {dependency.Id}, which NanoPackageGraph.cs does not record: add it.");
                }
                else if (!versions.Any(v => ProjectChecker.TryParseVersion(v, out Version have)
                    && ProjectChecker.TryParseVersion(dependency.MinVersion, out Version need) && have >= need))
                {
                    gaps.Add($"{package.Id} {package.Version} needs {dependency.Id} >= {dependency.MinVersion}, but NanoPackageGraph.cs records only {string.Join(", ", versions)}: record that version.");
                }
            }
        }
        if (gaps.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, gaps));
        }
    }

    private static void AssertNone(ProblemArea area)
    {
        Problem[] found = Problems.Value.Where(p => p.Area == area).ToArray();
        if (found.Length > 0)
        {
            Assert.Fail($"{found.Length} problem(s) with the nanoFramework project files:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", found.Select(p => p.Message)));
        }
    }
}

/// <summary>Finds the repository root from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo directory = new(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DeviceFirmware.Host.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no DeviceFirmware.Host.slnx above {AppContext.BaseDirectory}");
    }
}
