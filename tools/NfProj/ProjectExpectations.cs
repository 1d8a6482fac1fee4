using System;

namespace DeviceFirmware.NfProj;

/// <summary>
/// What one nanoFramework project of this repository must be. <see cref="AllowedPackages"/> null means any
/// package recorded in <see cref="NanoPackageGraph"/> that is not forbidden. <see cref="SourceFolders"/> are
/// relative to the repository root, with '/': the project compiles every .cs file under them except
/// under bin/ and obj/ (<see cref="CompileItems"/>); a folder outside the project's own folder is compiled
/// as linked items (<c>..\Folder\File.cs</c>).
/// </summary>
internal sealed record ProjectExpectation(
    string Path,
    string OutputType,
    string AssemblyName,
    string RootNamespace,
    string[] RequiredPackages,
    string[] AllowedPackages,
    string[] ForbiddenPackages,
    string[] RequiredProjectReferences,
    string[] ForbiddenProjectReferences,
    string[] SourceFolders,
    bool IsUnitTestProject,
    bool DeploysFromSolution)
{
    /// <summary>The project's folder, relative to the repository root, with forward slashes.</summary>
    public string Folder => Path.Substring(0, Path.LastIndexOf('/'));

    /// <summary>The project's file name without the extension, as DeviceFirmware.sln names it.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The packages.config beside the project.</summary>
    public string PackagesConfig => Folder + "/packages.config";
}

/// <summary>
/// The nanoFramework projects and the rules they are held to, stated once: <see cref="ProjectChecker"/>
/// checks them and <see cref="ProjectSync"/> writes by them (the Compile rule is
/// <see cref="CompileItems.SourceFiles"/>: every .cs under the project's
/// <see cref="ProjectExpectation.SourceFolders"/> except bin/ and obj/).
/// </summary>
internal static class ProjectExpectations
{
    public const string CorePath = "DeviceFirmware/Core/DeviceFirmware.Core.nfproj";
    public const string AppPath = "DeviceFirmware/App/DeviceFirmware.App.nfproj";
    public const string TestsPath = "DeviceFirmware.Tests/DeviceFirmware.Tests.nfproj";
    public const string DeviceTestsPath = "DeviceFirmware.Tests/Device/DeviceFirmware.Tests.Device.nfproj";
    public const string SolutionPath = "DeviceFirmware.sln";
    public const string RunSettingsPath = "nano.runsettings";
    public const string PackagesFolder = "packages";

    /// <summary>The shared unit tests: every .cs under it except <see cref="HostOnlyFolder"/> runs on nanoCLR.</summary>
    public const string SharedTestsFolder = "DeviceFirmware.Tests";

    /// <summary>The host-only tests and plumbing; no nanoFramework project compiles them.</summary>
    public const string HostOnlyFolder = SharedTestsFolder + "/Host";

    /// <summary>The one folder of shared tests that every test project may compile: the fakes and fixtures.</summary>
    public const string TestSupportFolder = SharedTestsFolder + "/TestSupport";

    /// <summary>The command that runs <see cref="ProjectSync"/>; the problems name it as the fix.</summary>
    public const string SyncCommand = "bash scripts/sync-nfproj.sh";

    /// <summary>Project type GUID of nanoFramework C# projects (Samples *.sln and every *.nfproj ProjectTypeGuids).</summary>
    public const string NanoFrameworkProjectType = "11A8DD76-328B-46DF-9F39-F559912D0360";

    public static readonly ProjectExpectation Core = new(
        CorePath, "Library", "DeviceFirmware.Core", "DeviceFirmware",
        // The core references only mscorlib (DEVELOPERS.md); System.Collections (Hashtable, Queue) would be
        // the one addition allowed, and only with a core file that needs it.
        RequiredPackages: new[] { NanoPackageGraph.CoreLibrary },
        AllowedPackages: new[] { NanoPackageGraph.CoreLibrary, NanoPackageGraph.SystemCollections },
        ForbiddenPackages: Array.Empty<string>(),
        RequiredProjectReferences: Array.Empty<string>(),
        ForbiddenProjectReferences: new[] { AppPath, TestsPath, DeviceTestsPath },
        SourceFolders: new[] { "DeviceFirmware/Core" },
        IsUnitTestProject: false,
        DeploysFromSolution: false);

    public static readonly ProjectExpectation App = new(
        AppPath, "Exe", "DeviceFirmware.App", "DeviceFirmware.App",
        RequiredPackages: new[]
        {
            NanoPackageGraph.CoreLibrary,
            NanoPackageGraph.SystemNet,
            NanoPackageGraph.M2Mqtt,
            NanoPackageGraph.HardwareEsp32,
            NanoPackageGraph.IoPorts,
            NanoPackageGraph.IoFileSystem,
            NanoPackageGraph.DeviceWifi,
            NanoPackageGraph.RuntimeNative,
        },
        AllowedPackages: null,
        ForbiddenPackages: new[] { NanoPackageGraph.TestFramework },
        RequiredProjectReferences: new[] { CorePath },
        ForbiddenProjectReferences: new[] { TestsPath, DeviceTestsPath },
        SourceFolders: new[] { "DeviceFirmware/App" },
        IsUnitTestProject: false,
        DeploysFromSolution: true);

    /// <summary>
    /// The shared tests are split over two test projects, both named NFUnitTest, because the string table of
    /// one nanoFramework assembly is limited to 64 KB (16-bit offsets): past it the .pe is corrupt and the
    /// launcher runs no test (DEVELOPERS.md). nanoframework/CoreLibrary does the same: Tests/NFUnitTest*/
    /// are separate projects, each with AssemblyName NFUnitTest. This one: the codec, UART and store tests.
    /// </summary>
    public static readonly ProjectExpectation Tests = new(
        TestsPath, "Library", "NFUnitTest", "NFUnitTest",
        RequiredPackages: new[] { NanoPackageGraph.TestFramework, NanoPackageGraph.CoreLibrary },
        AllowedPackages: null,
        // nanoCLR has neither of these natives: their .pe in the test output stops the virtual device
        // from loading (reference §7).
        ForbiddenPackages: new[] { NanoPackageGraph.HardwareEsp32, NanoPackageGraph.DeviceWifi },
        RequiredProjectReferences: new[] { CorePath },
        ForbiddenProjectReferences: new[] { AppPath, DeviceTestsPath },
        SourceFolders: new[]
        {
            SharedTestsFolder + "/Properties",
            SharedTestsFolder + "/Protocol",
            SharedTestsFolder + "/Serial",
            SharedTestsFolder + "/Settings",
            TestSupportFolder,
        },
        IsUnitTestProject: true,
        DeploysFromSolution: false);

    /// <summary>
    /// The device-level tests: composition, MQTT, network, remote configuration, runtime and telemetry, compiled
    /// from their folders as linked items (as nanoframework/CoreLibrary
    /// nanoFramework.CoreLibrary.NoReflection/CoreLibrary.NoReflection.nfproj compiles ..\nanoFramework.CoreLibrary\…).
    /// </summary>
    public static readonly ProjectExpectation DeviceTests = new(
        DeviceTestsPath, "Library", "NFUnitTest", "NFUnitTest",
        RequiredPackages: Tests.RequiredPackages,
        AllowedPackages: Tests.AllowedPackages,
        ForbiddenPackages: Tests.ForbiddenPackages,
        RequiredProjectReferences: new[] { CorePath },
        ForbiddenProjectReferences: new[] { AppPath, TestsPath },
        SourceFolders: new[]
        {
            SharedTestsFolder + "/Device/Properties",
            SharedTestsFolder + "/Composition",
            SharedTestsFolder + "/Mqtt",
            SharedTestsFolder + "/Network",
            SharedTestsFolder + "/RemoteConfig",
            SharedTestsFolder + "/Runtime",
            SharedTestsFolder + "/Telemetry",
            TestSupportFolder,
        },
        IsUnitTestProject: true,
        DeploysFromSolution: false);

    public static readonly ProjectExpectation[] All = { Core, App, Tests, DeviceTests };
}
