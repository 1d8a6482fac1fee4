namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Where the core writes its one-line log messages. The device sends them to the debug console,
    /// the simulator to standard output.
    /// </summary>
    public interface ILog
    {
        /// <summary>Writes one line. Implementations must not throw.</summary>
        /// <param name="level">Severity.</param>
        /// <param name="message">A single line of text without a trailing newline.</param>
        void Write(LogLevel level, string message);
    }
}
