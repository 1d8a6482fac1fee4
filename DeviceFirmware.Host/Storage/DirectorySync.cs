using System;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Storage;

/// <summary>
/// fsync of a directory, which .NET has no API for: after creating a file, its directory entry is
/// only durable once the directory itself is flushed.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY
    private const int DirectoryFlag = 0x10000; // O_DIRECTORY on Linux x86-64 and arm64

    /// <summary>Flushes <paramref name="directory"/> to disk. Best effort: does nothing off Linux or on failure.</summary>
    public static void Flush(string directory)
    {
        if (string.IsNullOrEmpty(directory) || !OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = open(directory, ReadOnly | DirectoryFlag);
        if (fd < 0)
        {
            return;
        }

        try
        {
            fsync(fd);
        }
        finally
        {
            close(fd);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
