using System;
using System.Runtime.InteropServices;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator.Fleet;

/// <summary>
/// The process's limit on open files (RLIMIT_NOFILE), which a fleet needs well above the usual 1024:
/// every device holds one socket to the broker, and the runtime has its own descriptors.
/// </summary>
/// <remarks>
/// The .NET runtime already raises the soft limit to the hard limit when it starts (measured: started
/// under <c>ulimit -Sn 1024</c> with a hard limit of 20000, the process runs with 20000), so raising
/// it here is a guarantee for runtimes that do not; the hard limit only root can raise, so when it
/// is too low the fleet warns and starts anyway, and the devices that get no socket keep retrying.
/// </remarks>
internal static class FileDescriptorLimit
{
    /// <summary>Descriptors the process needs besides the devices' sockets (runtime, log, pty, flash files being written).</summary>
    public const int Reserve = 128;

    private const int RlimitNofile = 7; // Linux <sys/resource.h>

    /// <summary>Descriptors a fleet of <paramref name="devices"/> needs.</summary>
    public static int Needed(int devices) => devices + Reserve;

    /// <summary>Raises the soft limit to what <paramref name="devices"/> need (never above the hard limit) and says so.</summary>
    public static void Ensure(int devices, ILog log)
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofile, out Rlimit limit) != 0)
        {
            return;
        }

        ulong needed = (ulong)Needed(devices);
        if (limit.Current >= needed)
        {
            return;
        }

        ulong target = Math.Min(needed, limit.Maximum);
        if (target > limit.Current)
        {
            Rlimit raised = new() { Current = target, Maximum = limit.Maximum };
            if (setrlimit(RlimitNofile, ref raised) == 0)
            {
                log.Write(LogLevel.Info, $"fleet: open-file limit raised from {limit.Current} to {target}");
                limit.Current = target;
            }
        }

        if (limit.Current < needed)
        {
            log.Write(LogLevel.Warning, $"fleet: {devices} devices need about {needed} open files but the limit is {limit.Current} (hard limit {limit.Maximum}); raise it with 'ulimit -n {needed}' before starting, or some devices cannot connect");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out Rlimit limit);

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref Rlimit limit);
}
