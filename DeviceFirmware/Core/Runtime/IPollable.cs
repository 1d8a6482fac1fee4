namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// A piece of the device that works in steps: each <see cref="Poll"/> does what is due and says
    /// how long until the next step is useful. A <see cref="PollingWorker"/> runs it on its own
    /// thread; tests call <see cref="Poll"/> themselves with a fake clock. The same code runs either way.
    /// </summary>
    public interface IPollable
    {
        /// <summary>Set by events that make a step useful before the wait <see cref="Poll"/> returned is over.</summary>
        WakeSignal Wake { get; }

        /// <summary>Does whatever is due now. May block on I/O (a connect, a serial read with its timeout).</summary>
        /// <returns>Milliseconds until the next step is useful; 0 for at once.</returns>
        int Poll();
    }
}
