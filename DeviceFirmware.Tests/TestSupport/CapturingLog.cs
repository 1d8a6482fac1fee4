using System.Collections;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>An <see cref="ILog"/> that keeps every line, so tests can look for exact log lines.</summary>
    public sealed class CapturingLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();
        private readonly ArrayList _levels = new ArrayList();

        /// <summary>Number of lines written.</summary>
        public int Count
        {
            get
            {
                lock (_lines)
                {
                    return _lines.Count;
                }
            }
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            lock (_lines)
            {
                _lines.Add(message);
                _levels.Add((int)level);
            }
        }

        /// <summary>Text of line <paramref name="index"/>.</summary>
        public string Line(int index)
        {
            lock (_lines)
            {
                return (string)_lines[index];
            }
        }

        /// <summary>Level of line <paramref name="index"/>.</summary>
        public LogLevel LevelAt(int index)
        {
            lock (_lines)
            {
                return (LogLevel)(int)_levels[index];
            }
        }

        /// <summary>Number of lines exactly equal to <paramref name="line"/>.</summary>
        public int CountExactly(string line)
        {
            lock (_lines)
            {
                int count = 0;
                for (int i = 0; i < _lines.Count; i++)
                {
                    if ((string)_lines[i] == line)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>Number of lines that start with <paramref name="prefix"/>.</summary>
        public int CountStartingWith(string prefix)
        {
            lock (_lines)
            {
                int count = 0;
                for (int i = 0; i < _lines.Count; i++)
                {
                    if (((string)_lines[i]).StartsWith(prefix))
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>All lines joined with '|', for assertion messages.</summary>
        public string Dump()
        {
            lock (_lines)
            {
                string text = string.Empty;
                for (int i = 0; i < _lines.Count; i++)
                {
                    text += (i == 0 ? string.Empty : " | ") + (string)_lines[i];
                }

                return text;
            }
        }

        /// <summary>Forgets every line.</summary>
        public void Clear()
        {
            lock (_lines)
            {
                _lines.Clear();
                _levels.Clear();
            }
        }
    }
}
