using System;
using System.IO;

namespace DeviceFirmware.Tests.Host.AppAgainstStubs;

/// <summary>
/// Finds the outputs of the projects in DeviceFirmware.Tests/Host/NanoStubs, built with the same
/// configuration as this test assembly. They are not referenced by the test project (they are
/// corlib-less nanoFramework stand-ins), so <c>dotnet build DeviceFirmware.Host.slnx</c> builds them.
/// </summary>
internal static class NanoStubsBuild
{
    /// <summary>The assembly compiled from DeviceFirmware/Core and DeviceFirmware/App.</summary>
    public const string HostCheckName = "DeviceFirmware.App.HostCheck";

    private const string SolutionFile = "DeviceFirmware.Host.slnx";

    /// <summary>The folder holding one project per stub assembly, each named after its assembly.</summary>
    public static string SurfaceDirectory =>
        Path.Combine(RepoRoot(), "DeviceFirmware.Tests", "Host", "NanoStubs");

    /// <summary>Path of a NanoStubs project's output assembly; fails the test if it was not built.</summary>
    public static string OutputOf(string projectName)
    {
        // This test assembly runs from HostTests/bin/<Configuration>/<TargetFramework>/.
        DirectoryInfo frameworkDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string targetFramework = frameworkDirectory.Name;
        string configuration = frameworkDirectory.Parent.Name;
        string path = Path.Combine(SurfaceDirectory, projectName, "bin", configuration, targetFramework, projectName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: build the whole solution first (dotnet build {SolutionFile} -c {configuration}).", path);
        }

        return path;
    }

    /// <summary>Names of the stub assemblies: every NanoStubs project but HostCheck.</summary>
    public static string[] StubNames()
    {
        string[] names = Array.ConvertAll(
            Directory.GetFiles(SurfaceDirectory, "*.csproj", SearchOption.AllDirectories),
            path => Path.GetFileNameWithoutExtension(path));
        names = Array.FindAll(names, name => name != HostCheckName);
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    internal static string RepoRoot() => RepositoryRoot.Find();
}
