namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Runs one <see cref="IPollable"/> until stopped: poll, wait as long as the poll asked or until
    /// its <see cref="IPollable.Wake"/>, and again. <see cref="PollingWorker"/> does it on a thread of
    /// its own; a platform may run several parts on shared threads (<see cref="IWorkerFactory"/>).
    /// </summary>
    public interface IWorker
    {
        /// <summary>Starts polling.</summary>
        void Start();

        /// <summary>Stops polling after the poll under way, waiting for it up to <paramref name="waitMilliseconds"/>.</summary>
        /// <returns>True when no poll runs any more (or none ever ran).</returns>
        bool Stop(int waitMilliseconds);
    }
}
