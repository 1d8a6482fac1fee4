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
        ConformanceTargets.AssertConforms(ConformanceTargets.CheckCore());
    }

    /// <summary>
    /// The shared tests run on nanoCLR too: CoreLibrary, the nanoFramework.TestFramework API the host
    /// mapping mirrors, and the core (checked on its own above).
    /// </summary>
    [Fact]
    public void SharedTestsUseOnlyNanoFrameworkCoreLibraryAndTestFramework()
    {
        ConformanceTargets.AssertConforms(ConformanceTargets.CheckSharedTests());
    }

    /// <summary>
    /// The ESP32 application as DeviceFirmware.App.HostCheck compiles it (core and app against the
    /// NanoStubs stubs alone): no generics, references into mscorlib on the CoreLibrary lists, and
    /// references into every other stub on the list derived from that stub's cited declarations.
    /// </summary>
    [Fact]
    public void ApplicationUsesOnlyCitedNanoFrameworkSurface()
    {
        ConformanceTargets.AssertConforms(ConformanceTargets.CheckApplication());
    }

    /// <summary>
    /// Every declaration of every stub cites a file of the repository that builds the stub's assembly,
    /// and the stub's sources and compiled metadata describe the same members.
    /// </summary>
    [Fact]
    public void StubDeclarationsAreCitedAndMatchTheCompiledStubs()
    {
        var errors = ConformanceTargets.StubSurfaces.SelectMany(s => s.Errors).ToList();
        Assert.True(errors.Count == 0, string.Join(System.Environment.NewLine, errors));
        Assert.All(ConformanceTargets.StubSurfaces, s => Assert.NotEmpty(s.Members));
    }

    /// <summary>
    /// The two independent readings of nanoFramework.CoreLibrary agree: every type and member the
    /// mscorlib stub declares is a plain entry of the CoreLibrary lists, citing the same file.
    /// </summary>
    [Fact]
    public void MscorlibStubIsOnTheCoreLibraryAllowList()
    {
        StubSurface mscorlib = ConformanceTargets.StubFor(ConformanceTargets.CoreLibraryAssembly);
        var problems = mscorlib.DisagreementsWith(ConformanceTargets.Load(ConformanceTargets.CoreLibrary, ConformanceTargets.CoreLibraryApplication));
        Assert.True(problems.Count == 0, string.Join(System.Environment.NewLine, problems));
    }

    /// <summary>
    /// Every NanoStubs stub is registered with its package, and every assembly the application
    /// references is named by an allow-list, so no reference falls back to unscoped lookup.
    /// </summary>
    [Fact]
    public void EveryStubIsRegisteredAndEveryApplicationReferenceIsScoped()
    {
        Assert.Equal(
            DeviceFirmware.Tests.Host.AppAgainstStubs.NanoStubsBuild.StubNames(),
            ConformanceTargets.StubPackages.Select(p => p.Assembly).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());

        AllowList lists = ConformanceTargets.ApplicationAllowList();
        using var stream = System.IO.File.OpenRead(ConformanceTargets.ApplicationAssembly);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        System.Reflection.Metadata.MetadataReader md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var unscoped = md.AssemblyReferences
            .Select(h => md.GetString(md.GetAssemblyReference(h).Name))
            .Where(name => !lists.Covers(name))
            .ToList();
        Assert.True(unscoped.Count == 0, "no allow-list names assembly: " + string.Join(", ", unscoped));
        Assert.Empty(lists.ConsistencyErrors());
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
