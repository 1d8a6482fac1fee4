using System;
using System.Collections.Generic;
using System.Linq;

namespace DeviceFirmware.NfProj;

/// <summary>A dependency of a package as its nuspec states it: the package must be at least <see cref="MinVersion"/>.</summary>
internal sealed record PackageDependency(string Id, string MinVersion);

/// <summary>
/// An assembly a package ships in its <c>lib</c> folder and how a project references it (assembly names
/// are unique across the graph, so a Reference is matched to its package by name):
/// <c>&lt;Reference Include="Name, Version=AssemblyVersion, Culture=neutral, PublicKeyToken=c07d481e9758c731"&gt;</c>
/// with <c>&lt;HintPath&gt;…\packages\Id.Version\LibPath&lt;/HintPath&gt;</c>.
/// </summary>
internal sealed record PackageAssembly(string LibPath, string Name, string AssemblyVersion);

/// <summary>
/// One pinned package version: its nuspec dependencies and its assemblies. <see cref="DevelopmentDependency"/>:
/// NuGet marks the package developmentDependency="true" in packages.config.
/// </summary>
internal sealed record PackageRecord(string Id, string Version, PackageDependency[] Dependencies, PackageAssembly[] Assemblies, string Source, bool DevelopmentDependency = false)
{
    /// <summary>The folder <c>nuget restore</c> unpacks the package into, under the solution's packages folder.</summary>
    public string Folder => Id + "." + Version;
}

/// <summary>
/// The nanoFramework package versions this repository pins, stated once, with their NuGet dependency
/// graph. <see cref="ProjectSync"/> writes these versions into every packages.config and every
/// Reference/HintPath (the nanoFramework toolchain needs them repeated there), adding any transitive
/// dependency a packages.config lacks (packages.config has no transitive restore: a dependency that is
/// not listed is not restored, not referenced and not deployed); <see cref="ProjectChecker"/> reports a
/// packages.config that misses one or lists it below the version a package was built against.
/// Each package id has exactly one record: the pinned version.
///
/// Every entry says where its facts come from. Sources are files of the nanoframework GitHub
/// repositories (repo:path), pull requests of the nanoFramework update bot (nfbot, "Update N NuGet
/// dependencies", which bumps a library's packages.config and nuspec together), and
/// ../shared/reference/nanoframework.md (the team's reference, itself citing the nuspecs it read at the
/// repositories' main heads). Where only the dependency ids could be read from a nuspec and the version
/// of the pinned release could not, the minimum recorded is the version of the consistent set that
/// nanoframework/Samples resolves with the bot (Samples:samples/MQTT/BasicExample.WiFi/packages.config,
/// quoted in the reference): such a set satisfies every dependency, so the true minimum is at most the
/// value recorded here and a project listing exactly this set is never wrongly accepted.
///
/// Assembly versions: "seen" means a nanoframework nfproj references exactly that package version with
/// that assembly version; otherwise the value follows the rule every such reference shows for these
/// packages, which <see cref="Package"/> applies when no assembly version is given (package version + ".0"; Samples nfprojs for CoreLibrary 1.17.11, Runtime.Native 1.7.11,
/// System.Text 1.3.42, System.IO.Streams 1.1.96, M2Mqtt 5.1.215, Hardware.Esp32 1.6.12, IO.Ports 1.1.84,
/// IO.FileSystem 1.1.41, Wifi 1.5.144, System.Net 1.11.52), with the two exceptions the references show:
/// System.Threading (a fourth part) and the UnitTestLauncher (0.0.0.0).
///
/// To move to a new version: read the new version's nuspec, record it here in place of the old one with
/// its source, then run `bash scripts/sync-nfproj.sh`, which rewrites packages.config and the
/// Reference/HintPath of every project to match.
/// </summary>
internal static class NanoPackageGraph
{
    public const string PublicKeyToken = "c07d481e9758c731";

    /// <summary>The only target framework of nanoFramework packages in packages.config.</summary>
    public const string TargetFramework = "netnano1.0";

    public const string CoreLibrary = "nanoFramework.CoreLibrary";
    public const string HardwareEsp32 = "nanoFramework.Hardware.Esp32";
    public const string M2Mqtt = "nanoFramework.M2Mqtt";
    public const string RuntimeEvents = "nanoFramework.Runtime.Events";
    public const string RuntimeNative = "nanoFramework.Runtime.Native";
    public const string SystemCollections = "nanoFramework.System.Collections";
    public const string DeviceWifi = "nanoFramework.System.Device.Wifi";
    public const string IoFileSystem = "nanoFramework.System.IO.FileSystem";
    public const string IoPorts = "nanoFramework.System.IO.Ports";
    public const string IoStreams = "nanoFramework.System.IO.Streams";
    public const string SystemNet = "nanoFramework.System.Net";
    public const string SystemText = "nanoFramework.System.Text";
    public const string SystemThreading = "nanoFramework.System.Threading";
    public const string TestFramework = "nanoFramework.TestFramework";

    public static readonly PackageRecord[] Packages =
    {
        // CoreLibrary:nanoFramework.CoreLibrary.nuspec has no <dependencies> and ships lib\mscorlib.dll.
        // mscorlib 1.17.11.0 seen in Samples:samples/MQTT/BasicExample.Ethernet/BasicExample.Ethernet.nfproj.
        Package(CoreLibrary, "1.17.11", "CoreLibrary:nanoFramework.CoreLibrary.nuspec",
            DependsOn(),
            Lib(@"lib\mscorlib.dll", "mscorlib")),

        // Dependencies: reference §1, nanoFramework.m2mqtt:nanoFramework.M2Mqtt.nuspec at main 8208787 (5.1.220).
        // Both assemblies ship in this package's lib folder (same nuspec <files>; Samples reference
        // lib\nanoFramework.M2Mqtt.Core.dll from the M2Mqtt folder, BasicExample.Ethernet.nfproj: 5.1.215 -> 5.1.215.0).
        Package(M2Mqtt, "5.1.220", "nanoFramework.m2mqtt:nanoFramework.M2Mqtt.nuspec (reference §1)",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(RuntimeEvents, "1.11.37"),
                On(RuntimeNative, "1.7.11"),
                On(SystemCollections, "1.5.75"),
                On(SystemNet, "1.11.60")),
            Lib(@"lib\nanoFramework.M2Mqtt.dll", "nanoFramework.M2Mqtt"),
            Lib(@"lib\nanoFramework.M2Mqtt.Core.dll", "nanoFramework.M2Mqtt.Core")),

        // Ids: System.Net:nanoFramework.System.Net.nuspec (CoreLibrary, Runtime.Events, System.Text,
        // System.Threading, System.IO.Streams; the same five the bot bumps in System.Net pull request #308).
        // Minimums: the Samples consistent set (see the summary).
        Package(SystemNet, "1.11.60", "System.Net:nanoFramework.System.Net.nuspec; Samples BasicExample.WiFi packages.config",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(RuntimeEvents, "1.11.37"),
                On(SystemText, "1.3.42"),
                On(SystemThreading, "1.1.52"),
                On(IoStreams, "1.1.96")),
            Lib(@"lib\System.Net.dll", "System.Net")),

        // Ids: System.Device.Wifi:nanoFramework.System.Device.Wifi.nuspec (CoreLibrary, Runtime.Events, System.Net).
        // Versions: System.Device.Wifi pull requests #358 (2026-06-29, Runtime.Events 1.11.32 -> 1.11.37) and
        // #361 (2026-07-10, System.Net 1.11.54 -> 1.11.60); Samples pair 1.5.149 with exactly these.
        Package(DeviceWifi, "1.5.149", "System.Device.Wifi:nanoFramework.System.Device.Wifi.nuspec; nfbot PRs #358, #361",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(RuntimeEvents, "1.11.37"),
                On(SystemNet, "1.11.60")),
            Lib(@"lib\System.Device.Wifi.dll", "System.Device.Wifi")),

        // Dependencies: reference §2, System.IO.Ports:nanoFramework.System.IO.Ports.nuspec (1.1.139).
        Package(IoPorts, "1.1.139", "System.IO.Ports:nanoFramework.System.IO.Ports.nuspec (reference §2)",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(RuntimeEvents, "1.11.37"),
                On(IoStreams, "1.1.96")),
            Lib(@"lib\System.IO.Ports.dll", "System.IO.Ports")),

        // Ids: nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32.nuspec (CoreLibrary, Runtime.Events).
        // Version: Hardware.Esp32 pull request #219 (2026-06-29) moved it to Runtime.Events 1.11.37 and #222
        // (2026-07-30) to 1.11.39, which 1.6.42 requires (reference, header table). Samples pair 1.6.40 with
        // Runtime.Events 1.11.37 (Samples:samples/SerialCommunication/SerialCommunication/packages.config,
        // reference §2). 1.6.40 is pinned so that one Runtime.Events version serves every package.
        Package(HardwareEsp32, "1.6.40", "nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32.nuspec; nfbot PRs #219, #222; Samples SerialCommunication",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(RuntimeEvents, "1.11.37")),
            Lib(@"lib\nanoFramework.Hardware.Esp32.dll", "nanoFramework.Hardware.Esp32")),

        // Ids: System.IO.FileSystem:System.IO.FileSystem/packages.config of the CoreLibrary 1.17 era
        // (CoreLibrary, Runtime.Events, System.IO.Streams, System.Text; the older nuspec also listed
        // System.Runtime, which that packages.config no longer has). The minimums are the versions that
        // file shows (CoreLibrary 1.17.1, Runtime.Events 1.11.29, Streams 1.1.88, Text 1.3.16): lower bounds,
        // because no copy of the 1.1.93 nuspec itself could be read. Confirm on the next package update.
        Package(IoFileSystem, "1.1.93", "System.IO.FileSystem:System.IO.FileSystem/packages.config, nanoFramework.System.IO.FileSystem.nuspec",
            DependsOn(
                On(CoreLibrary, "1.17.1"),
                On(RuntimeEvents, "1.11.29"),
                On(IoStreams, "1.1.88"),
                On(SystemText, "1.3.16")),
            Lib(@"lib\System.IO.FileSystem.dll", "System.IO.FileSystem")),

        // Ids: nanoFramework.Runtime.Events:nanoFramework.Runtime.Events.nuspec (CoreLibrary only).
        Package(RuntimeEvents, "1.11.37", "nanoFramework.Runtime.Events:nanoFramework.Runtime.Events.nuspec",
            DependsOn(On(CoreLibrary, "1.17.11")),
            Lib(@"lib\nanoFramework.Runtime.Events.dll", "nanoFramework.Runtime.Events")),

        // Ids: nanoFramework.Runtime.Native:nanoFramework.Runtime.Native.nuspec (CoreLibrary only).
        // Runtime.Native 1.7.11.0 seen in Samples BasicExample.Ethernet.nfproj.
        Package(RuntimeNative, "1.7.11", "nanoFramework.Runtime.Native:nanoFramework.Runtime.Native.nuspec",
            DependsOn(On(CoreLibrary, "1.17.11")),
            Lib(@"lib\nanoFramework.Runtime.Native.dll", "nanoFramework.Runtime.Native")),

        // Ids: System.Collections:nanoFramework.System.Collections.nuspec (CoreLibrary only).
        Package(SystemCollections, "1.5.75", "System.Collections:nanoFramework.System.Collections.nuspec",
            DependsOn(On(CoreLibrary, "1.17.11")),
            Lib(@"lib\nanoFramework.System.Collections.dll", "nanoFramework.System.Collections")),

        // Ids: System.Text:nanoFramework.System.Text.nuspec (CoreLibrary only). 1.3.42.0 seen in Samples
        // BasicExample.Ethernet.nfproj. 1.3.42 came with the CoreLibrary 1.17.11 bump (System.Net.Http PR #476).
        Package(SystemText, "1.3.42", "System.Text:nanoFramework.System.Text.nuspec",
            DependsOn(On(CoreLibrary, "1.17.11")),
            Lib(@"lib\nanoFramework.System.Text.dll", "nanoFramework.System.Text")),

        // Ids: System.Threading:nanoFramework.System.Threading.nuspec (CoreLibrary only); ships lib\System.Threading.dll.
        // Assembly version 1.1.52.34401 seen in Samples BasicExample.Ethernet.nfproj (not version + ".0").
        Package(SystemThreading, "1.1.52", "System.Threading:nanoFramework.System.Threading.nuspec",
            DependsOn(On(CoreLibrary, "1.17.11")),
            Lib(@"lib\System.Threading.dll", "System.Threading", assemblyVersion: "1.1.52.34401")),

        // Ids: System.IO.Streams:nanoFramework.System.IO.Streams.nuspec (CoreLibrary, System.Text).
        // 1.1.96.0 seen in Samples BasicExample.Ethernet.nfproj.
        Package(IoStreams, "1.1.96", "System.IO.Streams:nanoFramework.System.IO.Streams.nuspec",
            DependsOn(
                On(CoreLibrary, "1.17.11"),
                On(SystemText, "1.3.42")),
            Lib(@"lib\System.IO.Streams.dll", "System.IO.Streams")),

        // nanoFramework.TestFramework:source/package.nuspec: no <dependencies> (mscorlib comes from the
        // CoreLibrary package), lib\nanoFramework.TestFramework.* and lib\nanoFramework.UnitTestLauncher.*,
        // the VSTest adapter in lib\net48. Reference names and versions as in
        // nanoFramework.m2mqtt:Tests/MessageUnitTests/MessageUnitTests.nfproj (TestFramework 3.0.57 -> 3.0.57.0,
        // UnitTestLauncher 0.0.0.0) and the reference §6 (3.0.80). NuGet lists it in packages.config as a
        // development dependency (developmentDependency="true", as DeviceFirmware.Tests/packages.config has it).
        Package(TestFramework, "3.0.80", "nanoFramework.TestFramework:source/package.nuspec",
            DependsOn(),
            Lib(@"lib\nanoFramework.TestFramework.dll", "nanoFramework.TestFramework"),
            Lib(@"lib\nanoFramework.UnitTestLauncher.exe", "nanoFramework.UnitTestLauncher", assemblyVersion: "0.0.0.0"))
            with { DevelopmentDependency = true },
    };

    /// <summary>The pinned record of a package id, or null when the graph does not know the id.</summary>
    public static PackageRecord Pinned(string id) => Packages.FirstOrDefault(p => p.Id == id);

    /// <summary>The record of exactly this package version, or null.</summary>
    public static PackageRecord Find(string id, string version) =>
        Packages.FirstOrDefault(p => p.Id == id && p.Version == version);

    /// <summary>The versions of a package id that are recorded (one, the pinned version, when the graph is sound).</summary>
    public static IReadOnlyList<string> RecordedVersions(string id) =>
        Packages.Where(p => p.Id == id).Select(p => p.Version).ToList();

    /// <summary>The package that ships an assembly of this simple name (the first part of a Reference's Include), or null.</summary>
    public static (PackageRecord Package, PackageAssembly Assembly)? ByAssemblyName(string name)
    {
        foreach (PackageRecord package in Packages)
        {
            foreach (PackageAssembly assembly in package.Assemblies)
            {
                if (string.Equals(assembly.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return (package, assembly);
                }
            }
        }
        return null;
    }

    /// <summary>What a project's <c>&lt;Reference Include&gt;</c> for the assembly says.</summary>
    public static string FullName(PackageAssembly assembly) =>
        $"{assembly.Name}, Version={assembly.AssemblyVersion}, Culture=neutral, PublicKeyToken={PublicKeyToken}";

    /// <summary>
    /// What keeps a graph from serving as the one statement of the pinned versions: an id recorded twice, an
    /// assembly name shipped by two packages, a version that is not stable, a dependency that is not
    /// recorded or is recorded below the version a package needs. Empty for a sound graph.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<PackageRecord> packages)
    {
        List<string> gaps = new();
        foreach (IGrouping<string, PackageRecord> group in packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            gaps.Add($"NanoPackageGraph.cs records {group.Key} {group.Count()} times ({string.Join(", ", group.Select(p => p.Version))}): keep one record, the pinned version, which sync writes into every packages.config.");
        }
        foreach (IGrouping<string, string> group in packages
            .SelectMany(p => p.Assemblies.Select(a => (a.Name, p.Id)))
            .GroupBy(x => x.Name, x => x.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1))
        {
            gaps.Add($"NanoPackageGraph.cs: the assembly {group.Key} is recorded for {string.Join(" and ", group)}; References are matched to their package by assembly name, so each name must belong to one package.");
        }
        foreach (PackageRecord package in packages)
        {
            if (!TryParseVersion(package.Version, out _))
            {
                gaps.Add($"NanoPackageGraph.cs: {package.Id} {package.Version} is not a stable version: pin a release.");
            }
            foreach (PackageDependency dependency in package.Dependencies)
            {
                string[] versions = packages.Where(p => p.Id == dependency.Id).Select(p => p.Version).ToArray();
                if (versions.Length == 0)
                {
                    gaps.Add($"{package.Id} {package.Version} depends on {dependency.Id}, which NanoPackageGraph.cs does not record: add it.");
                }
                else if (!versions.Any(v => TryParseVersion(v, out Version have)
                    && TryParseVersion(dependency.MinVersion, out Version need) && have >= need))
                {
                    gaps.Add($"{package.Id} {package.Version} needs {dependency.Id} >= {dependency.MinVersion}, but NanoPackageGraph.cs records only {string.Join(", ", versions)}: record that version.");
                }
            }
        }
        return gaps;
    }

    /// <summary>A stable NuGet version (no pre-release part) as a <see cref="Version"/>.</summary>
    public static bool TryParseVersion(string text, out Version version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Contains('-', StringComparison.Ordinal))
        {
            return false;
        }
        return Version.TryParse(text.Split('.').Length == 1 ? text + ".0" : text, out version);
    }

    private static PackageRecord Package(string id, string version, string source, PackageDependency[] dependencies, params PackageAssembly[] assemblies) =>
        new(id, version, dependencies, assemblies.Select(a => a with { AssemblyVersion = a.AssemblyVersion ?? version + ".0" }).ToArray(), source);

    private static PackageDependency[] DependsOn(params PackageDependency[] dependencies) => dependencies;

    private static PackageDependency On(string id, string minVersion) => new(id, minVersion);

    /// <summary>An assembly of the package; without <paramref name="assemblyVersion"/>, the package version + ".0".</summary>
    private static PackageAssembly Lib(string libPath, string name, string assemblyVersion = null) => new(libPath, name, assemblyVersion);
}
