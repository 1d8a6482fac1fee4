using System.Collections;
using System.Threading;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>An <see cref="ILog"/> that keeps every line so that tests can count and read them.</summary>
    public sealed class RecordingLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();
        private readonly ArrayList _levels = new ArrayList();

        /// <summary>Number of lines written.</summary>
        public int Count
        {
            get
            {
                Monitor.Enter(_lines);
                try
                {
                    return _lines.Count;
                }
                finally
                {
                    Monitor.Exit(_lines);
                }
            }
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            Monitor.Enter(_lines);
            try
            {
                _lines.Add(message);
                _levels.Add((int)level);
            }
            finally
            {
                Monitor.Exit(_lines);
            }
        }

        /// <summary>The text of line <paramref name="index"/>.</summary>
        public string Line(int index)
        {
            Monitor.Enter(_lines);
            try
            {
                return (string)_lines[index];
            }
            finally
            {
                Monitor.Exit(_lines);
            }
        }

        /// <summary>Number of lines written at <paramref name="level"/>.</summary>
        public int CountAt(LogLevel level)
        {
            Monitor.Enter(_lines);
            try
            {
                int count = 0;
                for (int i = 0; i < _levels.Count; i++)
                {
                    if ((int)_levels[i] == (int)level)
                    {
                        count++;
                    }
                }

                return count;
            }
            finally
            {
                Monitor.Exit(_lines);
            }
        }
    }
}
