using System;
using System.Threading;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// The device's <see cref="StopwatchClock"/> plus whatever time a test skips: real monotonic time
/// for everything that runs on its own, and a jump forward when a test wants the next telemetry
/// message due at once (tens of thousands of scheduled messages in seconds). Never goes back.
/// Thread-safe.
/// </summary>
public sealed class SkippableClock : IClock
{
    private readonly StopwatchClock _real = new();
    private long _skipped;

    /// <inheritdoc />
    public long UptimeMilliseconds => _real.UptimeMilliseconds + Interlocked.Read(ref _skipped);

    /// <summary>Time skipped so far, in milliseconds.</summary>
    public long SkippedMilliseconds => Interlocked.Read(ref _skipped);

    /// <summary>Moves the clock <paramref name="milliseconds"/> forward at once.</summary>
    public void Skip(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Interlocked.Add(ref _skipped, milliseconds);
    }
}
