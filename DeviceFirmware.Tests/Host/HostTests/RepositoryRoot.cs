using System;
using System.IO;

namespace DeviceFirmware.Tests.Host;

/// <summary>Finds the repository root from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo directory = new(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DeviceFirmware.Host.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no DeviceFirmware.Host.slnx above {AppContext.BaseDirectory}");
    }
}
