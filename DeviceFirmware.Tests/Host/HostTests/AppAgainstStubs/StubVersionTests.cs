using System.IO;
using System.Linq;
using System.Xml.Linq;
using DeviceFirmware.Tests.Host.Conformance;
using Xunit;

namespace DeviceFirmware.Tests.Host.AppAgainstStubs;

/// <summary>
/// The stubs vouch for a package version: it must be the version the ESP32 application's
/// packages.config pins, or the proof build would check the firmware against another API.
/// </summary>
public sealed class StubVersionTests
{
    [Fact]
    public void EveryStubHasTheVersionTheApplicationReferences()
    {
        string packagesConfig = Path.Combine(NanoStubsBuild.RepoRoot(), "DeviceFirmware", "App", "packages.config");
        var pinned = XDocument.Load(packagesConfig).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!);

        var mismatches = ConformanceTargets.StubSurfaces
            .Where(s => !pinned.TryGetValue(s.Package.Package, out string version) || s.PackageVersion != s.Package.Package + " " + version)
            .Select(s => $"{s.Package.Assembly}: stub is {s.PackageVersion}, packages.config pins {(pinned.TryGetValue(s.Package.Package, out string v) ? v : "nothing")}")
            .ToList();

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
