using System;
using System.IO;
using DeviceFirmware.Settings;
using Xunit;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// The release is written once, in <see cref="FirmwareVersion"/>: the core's assembly carries it, the
/// application's AssemblyInfo names the same constant (the application is not compiled on this host),
/// and no other AssemblyInfo of the firmware writes a version of its own.
/// </summary>
public sealed class FirmwareVersionTests
{
    [Fact]
    public void TheCoreAssemblyCarriesTheFirmwareVersion()
    {
        Version version = typeof(FirmwareVersion).Assembly.GetName().Version;
        Assert.Equal(FirmwareVersion.AssemblyVersion, version.ToString());
    }

    [Theory]
    [InlineData("DeviceFirmware/Core/Properties/AssemblyInfo.cs")]
    [InlineData("DeviceFirmware/App/Properties/AssemblyInfo.cs")]
    public void EveryFirmwareAssemblyTakesItsVersionFromTheConstant(string path)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), path));
        Assert.Contains("[assembly: AssemblyVersion(DeviceFirmware.Settings.FirmwareVersion.AssemblyVersion)]", text, StringComparison.Ordinal);
    }
}
