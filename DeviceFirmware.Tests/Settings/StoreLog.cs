using System.Collections;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>An <see cref="ILog"/> that keeps every line, so tests can count and read what the store logged.</summary>
    public sealed class StoreLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();
        private readonly ArrayList _levels = new ArrayList();

        /// <summary>Number of lines written.</summary>
        public int Count
        {
            get { return _lines.Count; }
        }

        /// <summary>The n-th line.</summary>
        public string Line(int position)
        {
            return (string)_lines[position];
        }

        /// <summary>Level of the n-th line.</summary>
        public LogLevel Level(int position)
        {
            return (LogLevel)_levels[position];
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            _lines.Add(message);
            _levels.Add(level);
        }
    }
}
