namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Where the core writes its one-line log messages. The device sends them to the debug console,
    /// the simulator to standard output, tests to a recording log. Every class that logs requires
    /// one; pass <see cref="NullLog.Instance"/> to log nothing.
    /// </summary>
    public interface ILog
    {
        /// <summary>
        /// True when lines of <paramref name="level"/> are written anywhere. Callers check it before
        /// building a line, so that a log that drops a level costs no string building on hot paths.
        /// </summary>
        bool IsEnabled(LogLevel level);

        /// <summary>Writes one line. Implementations must not throw.</summary>
        /// <param name="level">Severity.</param>
        /// <param name="message">A single line of text without a trailing newline.</param>
        void Write(LogLevel level, string message);
    }
}
