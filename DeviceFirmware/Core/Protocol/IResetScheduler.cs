namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Restarts the device after a Reset Device (0x1F01) answer. The handler asks while it builds the
    /// answer; the reset itself happens later, so that the answer leaves first (the manual: the device
    /// "starts an automatic reset within 500ms" of its response).
    /// </summary>
    public interface IResetScheduler
    {
        /// <summary>Arranges a reset shortly after the answer being built has been handed to the transport.</summary>
        /// <returns>False when this device cannot restart (the handler then answers "feature not available").</returns>
        bool ScheduleReset();
    }
}
