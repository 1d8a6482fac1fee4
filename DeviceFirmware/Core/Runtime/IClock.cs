namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// A monotonic millisecond clock. The device reads it from the CLR tick counter, the host from a
    /// stopwatch, and tests from a fake they advance by hand.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary fixed point (normally boot). Never goes backwards.</summary>
        long UptimeMilliseconds { get; }
    }
}
