using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// Writes log lines with <c>Console.WriteLine</c>, which nanoFramework sends to the debugger's
    /// output channel. <c>Debug.WriteLine</c> is not used: it is <c>[Conditional("DEBUG")]</c>, so a
    /// Release build would lose every line.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly LogLevel _minimumLevel;
        private readonly object _sync = new object();

        /// <summary>Creates a log that drops lines below <paramref name="minimumLevel"/>.</summary>
        public ConsoleLog(LogLevel minimumLevel)
        {
            _minimumLevel = minimumLevel;
        }

        /// <inheritdoc />
        public bool IsEnabled(LogLevel level)
        {
            return level >= _minimumLevel;
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            if (level < _minimumLevel)
            {
                return;
            }

            try
            {
                // One line at a time, so lines from different threads do not interleave.
                lock (_sync)
                {
                    Console.WriteLine(Prefix(level) + message);
                }
            }
            catch (Exception)
            {
                // Logging must never take the firmware down.
            }
        }

        private static string Prefix(LogLevel level)
        {
            // Enum names are not available on the device, so the prefixes are spelled out.
            switch (level)
            {
                case LogLevel.Debug: return "[debug] ";
                case LogLevel.Info: return "[info] ";
                case LogLevel.Warning: return "[warn] ";
                case LogLevel.Error: return "[error] ";
                default: return "[?] ";
            }
        }
    }
}
