using System;
using System.Collections.Generic;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>A dependency of a package as its nuspec states it: the package must be at least <see cref="MinVersion"/>.</summary>
internal sealed record PackageDependency(string Id, string MinVersion);

/// <summary>
/// An assembly a package ships in its <c>lib</c> folder and how a project references it:
/// <c>&lt;Reference Include="Name, Version=AssemblyVersion, Culture=neutral, PublicKeyToken=c07d481e9758c731"&gt;</c>
/// with <c>&lt;HintPath&gt;…\packages\Id.Version\LibPath&lt;/HintPath&gt;</c>.
/// </summary>
internal sealed record PackageAssembly(string LibPath, string Name, string AssemblyVersion);

/// <summary>One pinned package version: its nuspec dependencies and its assemblies.</summary>
internal sealed record PackageRecord(string Id, string Version, PackageDependency[] Dependencies, PackageAssembly[] Assemblies, string Source)
{
    /// <summary>The folder <c>nuget restore</c> unpacks the package into, under the solution's packages folder.</summary>
    public string Folder => Id + "." + Version;
}

/// <summary>
/// The NuGet dependency graph of the nanoFramework package versions this repository pins, so that the
/// ProjectFiles tests can tell when a packages.config misses a transitive dependency (packages.config has
/// no transitive restore: a dependency that is not listed is not restored, not referenced and not
/// deployed) or lists it below the version a package was built against.
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
/// packages (package version + ".0"; Samples nfprojs for CoreLibrary 1.17.11, Runtime.Native 1.7.11,
/// System.Text 1.3.42, System.IO.Streams 1.1.96, M2Mqtt 5.1.215, Hardware.Esp32 1.6.12, IO.Ports 1.1.84,
/// IO.FileSystem 1.1.41, Wifi 1.5.144, System.Net 1.11.52), with the two exceptions the references show:
/// System.Threading (a fourth part) and the UnitTestLauncher (0.0.0.0).
///
/// To move to a new version: read the new version's nuspec, record it here with its source, then change
/// packages.config and the Reference/HintPath together.
/// </summary>
internal static class NanoPackageGraph
{
    public const string PublicKeyToken = "c07d481e9758c731";

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
        new(CoreLibrary, "1.17.11",
            Array.Empty<PackageDependency>(),
            new[] { new PackageAssembly(@"lib\mscorlib.dll", "mscorlib", "1.17.11.0") },
            "CoreLibrary:nanoFramework.CoreLibrary.nuspec"),

        // Dependencies: reference §1, nanoFramework.m2mqtt:nanoFramework.M2Mqtt.nuspec at main 8208787 (5.1.220).
        // Both assemblies ship in this package's lib folder (same nuspec <files>; Samples reference
        // lib\nanoFramework.M2Mqtt.Core.dll from the M2Mqtt folder, BasicExample.Ethernet.nfproj: 5.1.215 -> 5.1.215.0).
        new(M2Mqtt, "5.1.220",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(RuntimeEvents, "1.11.37"),
                new PackageDependency(RuntimeNative, "1.7.11"),
                new PackageDependency(SystemCollections, "1.5.75"),
                new PackageDependency(SystemNet, "1.11.60"),
            },
            new[]
            {
                new PackageAssembly(@"lib\nanoFramework.M2Mqtt.dll", "nanoFramework.M2Mqtt", "5.1.220.0"),
                new PackageAssembly(@"lib\nanoFramework.M2Mqtt.Core.dll", "nanoFramework.M2Mqtt.Core", "5.1.220.0"),
            },
            "nanoFramework.m2mqtt:nanoFramework.M2Mqtt.nuspec (reference §1)"),

        // Ids: System.Net:nanoFramework.System.Net.nuspec (CoreLibrary, Runtime.Events, System.Text,
        // System.Threading, System.IO.Streams; the same five the bot bumps in System.Net pull request #308).
        // Minimums: the Samples consistent set (see the summary).
        new(SystemNet, "1.11.60",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(RuntimeEvents, "1.11.37"),
                new PackageDependency(SystemText, "1.3.42"),
                new PackageDependency(SystemThreading, "1.1.52"),
                new PackageDependency(IoStreams, "1.1.96"),
            },
            new[] { new PackageAssembly(@"lib\System.Net.dll", "System.Net", "1.11.60.0") },
            "System.Net:nanoFramework.System.Net.nuspec; Samples BasicExample.WiFi packages.config"),

        // Ids: System.Device.Wifi:nanoFramework.System.Device.Wifi.nuspec (CoreLibrary, Runtime.Events, System.Net).
        // Versions: System.Device.Wifi pull requests #358 (2026-06-29, Runtime.Events 1.11.32 -> 1.11.37) and
        // #361 (2026-07-10, System.Net 1.11.54 -> 1.11.60); Samples pair 1.5.149 with exactly these.
        new(DeviceWifi, "1.5.149",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(RuntimeEvents, "1.11.37"),
                new PackageDependency(SystemNet, "1.11.60"),
            },
            new[] { new PackageAssembly(@"lib\System.Device.Wifi.dll", "System.Device.Wifi", "1.5.149.0") },
            "System.Device.Wifi:nanoFramework.System.Device.Wifi.nuspec; nfbot PRs #358, #361"),

        // Dependencies: reference §2, System.IO.Ports:nanoFramework.System.IO.Ports.nuspec (1.1.139).
        new(IoPorts, "1.1.139",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(RuntimeEvents, "1.11.37"),
                new PackageDependency(IoStreams, "1.1.96"),
            },
            new[] { new PackageAssembly(@"lib\System.IO.Ports.dll", "System.IO.Ports", "1.1.139.0") },
            "System.IO.Ports:nanoFramework.System.IO.Ports.nuspec (reference §2)"),

        // Ids: nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32.nuspec (CoreLibrary, Runtime.Events).
        // Version: Hardware.Esp32 pull request #219 (2026-06-29) moved it to Runtime.Events 1.11.37 and #222
        // (2026-07-30) to 1.11.39, which 1.6.42 requires (reference, header table). Samples pair 1.6.40 with
        // Runtime.Events 1.11.37 (Samples:samples/SerialCommunication/SerialCommunication/packages.config,
        // reference §2). 1.6.40 is pinned so that one Runtime.Events version serves every package.
        new(HardwareEsp32, "1.6.40",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(RuntimeEvents, "1.11.37"),
            },
            new[] { new PackageAssembly(@"lib\nanoFramework.Hardware.Esp32.dll", "nanoFramework.Hardware.Esp32", "1.6.40.0") },
            "nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32.nuspec; nfbot PRs #219, #222; Samples SerialCommunication"),

        // Ids: System.IO.FileSystem:System.IO.FileSystem/packages.config of the CoreLibrary 1.17 era
        // (CoreLibrary, Runtime.Events, System.IO.Streams, System.Text; the older nuspec also listed
        // System.Runtime, which that packages.config no longer has). The minimums are the versions that
        // file shows (CoreLibrary 1.17.1, Runtime.Events 1.11.29, Streams 1.1.88, Text 1.3.16): lower bounds,
        // because no copy of the 1.1.93 nuspec itself could be read. Confirm on the next package update.
        new(IoFileSystem, "1.1.93",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.1"),
                new PackageDependency(RuntimeEvents, "1.11.29"),
                new PackageDependency(IoStreams, "1.1.88"),
                new PackageDependency(SystemText, "1.3.16"),
            },
            new[] { new PackageAssembly(@"lib\System.IO.FileSystem.dll", "System.IO.FileSystem", "1.1.93.0") },
            "System.IO.FileSystem:System.IO.FileSystem/packages.config, nanoFramework.System.IO.FileSystem.nuspec"),

        // Ids: nanoFramework.Runtime.Events:nanoFramework.Runtime.Events.nuspec (CoreLibrary only).
        new(RuntimeEvents, "1.11.37",
            new[] { new PackageDependency(CoreLibrary, "1.17.11") },
            new[] { new PackageAssembly(@"lib\nanoFramework.Runtime.Events.dll", "nanoFramework.Runtime.Events", "1.11.37.0") },
            "nanoFramework.Runtime.Events:nanoFramework.Runtime.Events.nuspec"),

        // Ids: nanoFramework.Runtime.Native:nanoFramework.Runtime.Native.nuspec (CoreLibrary only).
        // Runtime.Native 1.7.11.0 seen in Samples BasicExample.Ethernet.nfproj.
        new(RuntimeNative, "1.7.11",
            new[] { new PackageDependency(CoreLibrary, "1.17.11") },
            new[] { new PackageAssembly(@"lib\nanoFramework.Runtime.Native.dll", "nanoFramework.Runtime.Native", "1.7.11.0") },
            "nanoFramework.Runtime.Native:nanoFramework.Runtime.Native.nuspec"),

        // Ids: System.Collections:nanoFramework.System.Collections.nuspec (CoreLibrary only).
        new(SystemCollections, "1.5.75",
            new[] { new PackageDependency(CoreLibrary, "1.17.11") },
            new[] { new PackageAssembly(@"lib\nanoFramework.System.Collections.dll", "nanoFramework.System.Collections", "1.5.75.0") },
            "System.Collections:nanoFramework.System.Collections.nuspec"),

        // Ids: System.Text:nanoFramework.System.Text.nuspec (CoreLibrary only). 1.3.42.0 seen in Samples
        // BasicExample.Ethernet.nfproj. 1.3.42 came with the CoreLibrary 1.17.11 bump (System.Net.Http PR #476).
        new(SystemText, "1.3.42",
            new[] { new PackageDependency(CoreLibrary, "1.17.11") },
            new[] { new PackageAssembly(@"lib\nanoFramework.System.Text.dll", "nanoFramework.System.Text", "1.3.42.0") },
            "System.Text:nanoFramework.System.Text.nuspec"),

        // Ids: System.Threading:nanoFramework.System.Threading.nuspec (CoreLibrary only); ships lib\System.Threading.dll.
        // Assembly version 1.1.52.34401 seen in Samples BasicExample.Ethernet.nfproj.
        new(SystemThreading, "1.1.52",
            new[] { new PackageDependency(CoreLibrary, "1.17.11") },
            new[] { new PackageAssembly(@"lib\System.Threading.dll", "System.Threading", "1.1.52.34401") },
            "System.Threading:nanoFramework.System.Threading.nuspec"),

        // Ids: System.IO.Streams:nanoFramework.System.IO.Streams.nuspec (CoreLibrary, System.Text).
        // 1.1.96.0 seen in Samples BasicExample.Ethernet.nfproj.
        new(IoStreams, "1.1.96",
            new[]
            {
                new PackageDependency(CoreLibrary, "1.17.11"),
                new PackageDependency(SystemText, "1.3.42"),
            },
            new[] { new PackageAssembly(@"lib\System.IO.Streams.dll", "System.IO.Streams", "1.1.96.0") },
            "System.IO.Streams:nanoFramework.System.IO.Streams.nuspec"),

        // nanoFramework.TestFramework:source/package.nuspec: no <dependencies> (mscorlib comes from the
        // CoreLibrary package), lib\nanoFramework.TestFramework.* and lib\nanoFramework.UnitTestLauncher.*,
        // the VSTest adapter in lib\net48. Reference names and versions as in
        // nanoFramework.m2mqtt:Tests/MessageUnitTests/MessageUnitTests.nfproj (TestFramework 3.0.57 -> 3.0.57.0,
        // UnitTestLauncher 0.0.0.0) and the reference §6 (3.0.80).
        new(TestFramework, "3.0.80",
            Array.Empty<PackageDependency>(),
            new[]
            {
                new PackageAssembly(@"lib\nanoFramework.TestFramework.dll", "nanoFramework.TestFramework", "3.0.80.0"),
                new PackageAssembly(@"lib\nanoFramework.UnitTestLauncher.exe", "nanoFramework.UnitTestLauncher", "0.0.0.0"),
            },
            "nanoFramework.TestFramework:source/package.nuspec"),
    };

    /// <summary>The record of exactly this package version, or null.</summary>
    public static PackageRecord Find(string id, string version)
    {
        foreach (PackageRecord package in Packages)
        {
            if (package.Id == id && package.Version == version)
            {
                return package;
            }
        }
        return null;
    }

    /// <summary>The versions of a package id that are recorded.</summary>
    public static IReadOnlyList<string> RecordedVersions(string id)
    {
        List<string> versions = new();
        foreach (PackageRecord package in Packages)
        {
            if (package.Id == id)
            {
                versions.Add(package.Version);
            }
        }
        return versions;
    }
}
