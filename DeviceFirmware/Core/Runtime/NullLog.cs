namespace DeviceFirmware.Runtime
{
    /// <summary>An <see cref="ILog"/> that discards everything, and says so through <see cref="IsEnabled"/>.</summary>
    public sealed class NullLog : ILog
    {
        /// <summary>The shared instance.</summary>
        public static readonly NullLog Instance = new NullLog();

        private NullLog()
        {
        }

        /// <inheritdoc />
        public bool IsEnabled(LogLevel level)
        {
            return false;
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
        }
    }
}
