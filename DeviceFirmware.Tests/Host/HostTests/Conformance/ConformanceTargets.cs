using System;
using System.IO;
using System.Linq;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// The assemblies checked, the allow-list files each may use, and where to find them. To check a
/// further assembly (the ESP32 application compiled against declaration stubs), add its path and
/// the allow-list files of every nanoFramework package its .nfproj references.
/// </summary>
internal static class ConformanceTargets
{
    public const string CoreLibrary = "nanoFramework.CoreLibrary.txt";
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
}
