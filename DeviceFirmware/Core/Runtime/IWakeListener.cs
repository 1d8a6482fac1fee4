namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Told when a <see cref="WakeSignal"/> is set: how a worker that does not wait on the signal
    /// itself (one thread serving many parts) learns that a part wants its next poll now.
    /// </summary>
    public interface IWakeListener
    {
        /// <summary>The signal was set. Called on the thread that set it: record and return.</summary>
        void OnWake();
    }
}
