using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceFirmware.NfProj;
using Xunit;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// Checks this repository's nanoFramework project files, which cannot be built here (they need Windows,
/// Visual Studio's nanoFramework project system and the nanoFramework NuGet packages), with the rules of
/// tools/NfProj (the same code `bash scripts/sync-nfproj.sh --check` runs): the .nfproj Compile items
/// against the files on disk, packages.config against the pinned nuspec dependency graph
/// (<see cref="NanoPackageGraph"/>), the References against packages.config, the unit-test projects'
/// settings, that every shared test is compiled by a test project, nano.runsettings, DeviceFirmware.sln,
/// and that every file is as the sync command writes it.
/// Each failure says what to change.
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
    public void SolutionOpensEveryNanoFrameworkProject() => AssertNone(ProblemArea.Solution);

    [Fact]
    public void EveryProjectFileIsAsTheSyncCommandWritesIt() => AssertNone(ProblemArea.Sync);

    [Fact]
    public void EveryRecordedDependencyIsItselfRecorded() =>
        // The graph must be closed, or a missing transitive dependency could pass unnoticed; and it must pin
        // one version per package, or sync would not know which to write.
        AssertNone(ProblemArea.PackageGraph);

    [Fact]
    public void EveryPackageIdIsPinnedOnce()
    {
        foreach (PackageRecord package in NanoPackageGraph.Packages)
        {
            Assert.Equal(new[] { package.Version }, NanoPackageGraph.RecordedVersions(package.Id));
            Assert.Same(package, NanoPackageGraph.Pinned(package.Id));
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
