namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Gives each part of a device what runs it. Without one, the device runs every part on a
    /// <see cref="PollingWorker"/> of its own (the board does); a host running many devices in one
    /// process may run the parts that never block on shared threads, so that a thousand simulated
    /// devices do not need three thousand threads.
    /// </summary>
    public interface IWorkerFactory
    {
        /// <summary>Creates the worker of one part; nothing runs until <see cref="IWorker.Start"/>.</summary>
        /// <param name="name">Names the part in log lines ("mqtt", "telemetry").</param>
        /// <param name="work">The part.</param>
        /// <param name="mayBlock">
        /// True when a poll may block on I/O for long (a serial read, a WLAN join, a broker connect):
        /// such a part must not hold up others, so it gets a thread of its own.
        /// </param>
        IWorker Create(string name, IPollable work, bool mayBlock);
    }
}
