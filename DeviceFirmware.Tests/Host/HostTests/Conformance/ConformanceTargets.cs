using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceFirmware.Tests.Host.AppAgainstStubs;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// The assemblies checked, the allow-list files each may use, and where to find them: the core and
/// the shared tests (host builds, judged by the cited allow-list files), and the application
/// (DeviceFirmware.App.HostCheck: core and app compiled against the NanoStubs stubs, judged by the
/// CoreLibrary files for mscorlib and by lists derived from the cited stubs for the rest).
/// </summary>
internal static class ConformanceTargets
{
    public const string CoreLibrary = "nanoFramework.CoreLibrary.txt";

    /// <summary>CoreLibrary members only the application may use (the core logs through ILog).</summary>
    public const string CoreLibraryApplication = "nanoFramework.CoreLibrary.Application.txt";
    public const string SystemCollections = "nanoFramework.System.Collections.txt";
    public const string TestFramework = "nanoFramework.TestFramework.txt";

    /// <summary>The project's own assemblies that are checked separately; references into them are accepted.</summary>
    public const string CoreAssemblyName = "DeviceFirmware.Core";

    public static string AllowListDirectory => Path.Combine(AppContext.BaseDirectory, "Conformance", "AllowLists");

    public static string AllowListPath(string fileName) => Path.Combine(AllowListDirectory, fileName);

    public static string[] AllowListPaths(params string[] fileNames) => fileNames.Select(AllowListPath).ToArray();

    /// <summary>DeviceFirmware.Core.dll, the host build of the portable core.</summary>
    public static string CoreAssembly => typeof(DeviceFirmware.Settings.PropertyTable).Assembly.Location;

    /// <summary>NFUnitTest.dll, the host build of the shared tests.</summary>
    public static string SharedTestAssembly => typeof(DeviceFirmware.Tests.TestSupport.Hex).Assembly.Location;

    /// <summary>The host mapping of nanoFramework.TestFramework.</summary>
    public static string TestFrameworkMapping => typeof(nanoFramework.TestFramework.Assert).Assembly.Location;

    /// <summary>The deliberately non-conforming fixture assembly.</summary>
    public static string FixtureAssembly => typeof(Fixture.Clean.Everything).Assembly.Location;

    /// <summary>DeviceFirmware.App.HostCheck.dll: DeviceFirmware/Core and DeviceFirmware/App compiled against the stubs only.</summary>
    public static string ApplicationAssembly => NanoStubsBuild.OutputOf(NanoStubsBuild.HostCheckName);

    /// <summary>The stub assembly whose references are judged by the CoreLibrary files, not by a derived list.</summary>
    public const string CoreLibraryAssembly = "mscorlib";

    /// <summary>Every NanoStubs stub: the package that ships the real assembly and the repository its citations name.</summary>
    public static readonly StubPackage[] StubPackages =
    {
        new("mscorlib", "nanoFramework.CoreLibrary", "nanoframework/CoreLibrary", "CoreLibrary"),
        new("System.IO.Streams", "nanoFramework.System.IO.Streams", "nanoframework/System.IO.Streams", "System.IO.Streams"),
        new("System.IO.FileSystem", "nanoFramework.System.IO.FileSystem", "nanoframework/System.IO.FileSystem", "System.IO.FileSystem"),
        new("System.IO.Ports", "nanoFramework.System.IO.Ports", "nanoframework/System.IO.Ports", "System.IO.Ports"),
        new("System.Threading", "nanoFramework.System.Threading", "nanoframework/System.Threading", "System.Threading"),
        new("System.Net", "nanoFramework.System.Net", "nanoframework/System.Net", "System.Net"),
        new("System.Device.Wifi", "nanoFramework.System.Device.Wifi", "nanoframework/System.Device.Wifi", "System.Device.Wifi"),
        new("nanoFramework.Runtime.Native", "nanoFramework.Runtime.Native", "nanoframework/nanoFramework.Runtime.Native", "nanoFramework.Runtime.Native"),
        new("nanoFramework.Hardware.Esp32", "nanoFramework.Hardware.Esp32", "nanoframework/nanoFramework.Hardware.Esp32", "nanoFramework.Hardware.Esp32"),
        new("nanoFramework.M2Mqtt.Core", "nanoFramework.M2Mqtt", "nanoframework/nanoFramework.m2mqtt", "m2mqtt"),
        new("nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt", "nanoframework/nanoFramework.m2mqtt", "m2mqtt"),
    };

    private static readonly Lazy<IReadOnlyList<StubSurface>> Surfaces = new(() => StubPackages
        .Select(p => StubSurface.Read(p, NanoStubsBuild.OutputOf(p.Assembly), Path.Combine(NanoStubsBuild.SurfaceDirectory, p.Assembly)))
        .ToList());

    /// <summary>Every stub's derived surface (read once per test run).</summary>
    public static IReadOnlyList<StubSurface> StubSurfaces => Surfaces.Value;

    /// <summary>The stub surface of one assembly.</summary>
    public static StubSurface StubFor(string assembly) => StubSurfaces.Single(s => s.Package.Assembly == assembly);

    /// <summary>Allow-list files by name, freshly loaded (callers may change their entries).</summary>
    public static AllowList Load(params string[] fileNames) => new(fileNames.Select(AllowListPath).Select(AllowListFile.Load));

    /// <summary>
    /// The allow-lists of the application: the CoreLibrary files (which name assembly mscorlib) and a
    /// list derived from each other stub (naming the stub's assembly). Throws, listing them, when a
    /// stub has uncited or unmatched declarations: such a stub cannot vouch for anything.
    /// </summary>
    public static AllowList ApplicationAllowList(IEnumerable<StubSurface> surfaces = null)
    {
        List<StubSurface> stubs = (surfaces ?? StubSurfaces).ToList();
        List<string> errors = stubs.SelectMany(s => s.Errors).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the NanoStubs stubs cannot vouch for the application until every declaration is cited:" + Environment.NewLine
                + "  - " + string.Join(Environment.NewLine + "  - ", errors));
        }

        IEnumerable<AllowListFile> coreLibrary = Load(CoreLibrary, CoreLibraryApplication).Files;
        IEnumerable<AllowListFile> derived = stubs.Where(s => s.Package.Assembly != CoreLibraryAssembly).Select(s => s.ToAllowList());
        return new AllowList(coreLibrary.Concat(derived));
    }

    /// <summary>The core's check (DEVELOPERS.md: it references only nanoFramework.CoreLibrary).</summary>
    public static ConformanceReport CheckCore(AllowList lists = null) =>
        MetadataConformanceChecker.Check(CoreAssembly, lists ?? Load(CoreLibrary), null);

    /// <summary>The shared tests' check: CoreLibrary, TestFramework, and the core (checked on its own).</summary>
    public static ConformanceReport CheckSharedTests(AllowList lists = null) =>
        MetadataConformanceChecker.Check(SharedTestAssembly, lists ?? Load(CoreLibrary, TestFramework), new[] { CoreAssemblyName });

    /// <summary>The application's check: HostCheck against the CoreLibrary lists and the stub-derived lists.</summary>
    public static ConformanceReport CheckApplication(AllowList lists = null) =>
        MetadataConformanceChecker.Check(ApplicationAssembly, lists ?? ApplicationAllowList(), null);

    /// <summary>What each conformance fact asserts: no violation, or fail listing every one.</summary>
    public static void AssertConforms(ConformanceReport report) => Xunit.Assert.True(report.Violations.Count == 0, report.Format());
}
