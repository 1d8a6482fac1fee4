using System;

namespace DeviceFirmware.NfProj;

/// <summary>
/// What one nanoFramework project of this repository must be. <see cref="AllowedPackages"/> null means any
/// package recorded in <see cref="NanoPackageGraph"/> that is not forbidden.
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
    string[] ExcludedFolders,
    bool IsUnitTestProject,
    bool DeploysFromSolution)
{
    /// <summary>The project's folder, relative to the repository root, with forward slashes.</summary>
    public string Folder => Path.Substring(0, Path.LastIndexOf('/'));

    /// <summary>The packages.config beside the project.</summary>
    public string PackagesConfig => Folder + "/packages.config";
}

/// <summary>
/// The three nanoFramework projects and the rules they are held to, stated once: <see cref="ProjectChecker"/>
/// checks them and <see cref="ProjectSync"/> writes by them (the Compile rule is
/// <see cref="CompileItems.SourceFiles"/>: every .cs under the folder except bin/, obj/ and
/// <see cref="ProjectExpectation.ExcludedFolders"/>).
/// </summary>
internal static class ProjectExpectations
{
    public const string CorePath = "DeviceFirmware/Core/DeviceFirmware.Core.nfproj";
    public const string AppPath = "DeviceFirmware/App/DeviceFirmware.App.nfproj";
    public const string TestsPath = "DeviceFirmware.Tests/DeviceFirmware.Tests.nfproj";
    public const string SolutionPath = "DeviceFirmware.sln";
    public const string RunSettingsPath = "nano.runsettings";
    public const string PackagesFolder = "packages";

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
        ForbiddenProjectReferences: new[] { AppPath, TestsPath },
        ExcludedFolders: Array.Empty<string>(),
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
        ForbiddenProjectReferences: new[] { TestsPath },
        ExcludedFolders: Array.Empty<string>(),
        IsUnitTestProject: false,
        DeploysFromSolution: true);

    public static readonly ProjectExpectation Tests = new(
        TestsPath, "Library", "NFUnitTest", "NFUnitTest",
        RequiredPackages: new[] { NanoPackageGraph.TestFramework, NanoPackageGraph.CoreLibrary },
        AllowedPackages: null,
        // nanoCLR has neither of these natives: their .pe in the test output stops the virtual device
        // from loading (reference §7).
        ForbiddenPackages: new[] { NanoPackageGraph.HardwareEsp32, NanoPackageGraph.DeviceWifi },
        RequiredProjectReferences: new[] { CorePath },
        ForbiddenProjectReferences: new[] { AppPath },
        ExcludedFolders: new[] { "Host" },
        IsUnitTestProject: true,
        DeploysFromSolution: false);

    public static readonly ProjectExpectation[] All = { Core, App, Tests };
}
