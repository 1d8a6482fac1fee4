using System.Linq;
using Xunit;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// Proves on the host that the code that runs on the device uses only what nanoFramework 1.x has:
/// no generics, and only cited members of the nanoFramework packages its .nfproj references.
/// A failure lists every violation with the places that use it.
/// </summary>
public sealed class ConformanceTests
{
    /// <summary>The portable core references only nanoFramework.CoreLibrary (DEVELOPERS.md).</summary>
    [Fact]
    public void CoreUsesOnlyNanoFrameworkCoreLibrary()
    {
        ConformanceReport report = MetadataConformanceChecker.Check(
            ConformanceTargets.CoreAssembly,
            ConformanceTargets.AllowListPaths(ConformanceTargets.CoreLibrary));

        Assert.True(report.Violations.Count == 0, report.Format());
    }

    /// <summary>
    /// The shared tests run on nanoCLR too: CoreLibrary, the nanoFramework.TestFramework API the host
    /// mapping mirrors, and the core (checked on its own above).
    /// </summary>
    [Fact]
    public void SharedTestsUseOnlyNanoFrameworkCoreLibraryAndTestFramework()
    {
        ConformanceReport report = MetadataConformanceChecker.Check(
            ConformanceTargets.SharedTestAssembly,
            ConformanceTargets.AllowListPaths(ConformanceTargets.CoreLibrary, ConformanceTargets.TestFramework),
            new[] { ConformanceTargets.CoreAssemblyName });

        Assert.True(report.Violations.Count == 0, report.Format());
    }

    /// <summary>Every allow-list file parses, cites a source for each entry, and is self-consistent.</summary>
    [Fact]
    public void AllowListsAreWellFormedAndConsistent()
    {
        var files = System.IO.Directory.GetFiles(ConformanceTargets.AllowListDirectory, "*.txt")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(AllowListFile.Load)
            .ToList();
        Assert.Contains(files, f => f.Name == ConformanceTargets.CoreLibrary);

        foreach (AllowListFile file in files)
        {
            Assert.NotEmpty(file.Entries);
            Assert.All(file.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Citation), e.ToString()));

            // Every cited file of the package's own repository has the commit of the version read,
            // unless the list is derived from a project mapping that carries the citations itself.
            var uncited = file.Entries
                .Where(e => file.DerivedFrom == null)
                .Where(e => !e.Citation.Contains(':') && !file.SourceVersions.ContainsKey(e.Citation))
                .Select(e => e.Citation)
                .Distinct()
                .ToList();
            Assert.True(uncited.Count == 0, $"{file.Name}: no 'source <path> @ <commit>' line for: {string.Join(", ", uncited)}");
        }

        // Each package file must be consistent with CoreLibrary, which every nanoFramework assembly references.
        AllowListFile core = files.Single(f => f.Name == ConformanceTargets.CoreLibrary);
        foreach (AllowListFile file in files)
        {
            var combined = new AllowList(file == core ? new[] { core } : new[] { core, file });
            var errors = combined.ConsistencyErrors().ToList();
            Assert.True(errors.Count == 0, string.Join(System.Environment.NewLine, errors));
        }
    }
}
