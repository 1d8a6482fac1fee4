using System.Diagnostics;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Host.Runtime;

/// <summary>
/// <see cref="IClock"/> from the monotonic high-resolution timer: milliseconds since this instance was
/// created (the simulator creates one at "boot"). Unaffected by wall-clock changes. Thread-safe.
/// </summary>
public sealed class StopwatchClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public long UptimeMilliseconds => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
}
