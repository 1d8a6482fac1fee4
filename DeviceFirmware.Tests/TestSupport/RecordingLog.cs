using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// The tests' one <see cref="ILog"/>: thread-safe, keeps the lines and their levels so that tests
    /// can look for exact lines, count them and print them in failure messages. With a capacity it
    /// keeps only the newest lines, so that a test producing tens of thousands of messages does not
    /// measure its own log in the heap.
    /// </summary>
    public sealed class RecordingLog : ILog
    {
        private const int InitialSize = 64;

        private readonly object _sync = new object();
        private readonly int _capacity;
        private string[] _lines = new string[InitialSize];
        private int[] _levels = new int[InitialSize];
        private int _start;
        private int _count;
        private long _written;

        /// <summary>Creates a log that keeps every line.</summary>
        public RecordingLog()
            : this(int.MaxValue)
        {
        }

        /// <summary>Creates a log that keeps the newest <paramref name="capacity"/> lines.</summary>
        public RecordingLog(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _capacity = capacity;
            MinimumLevel = LogLevel.Debug;
        }

        /// <summary>Lines below this level are neither kept nor built (<see cref="IsEnabled"/>). Default: everything.</summary>
        public LogLevel MinimumLevel { get; set; }

        /// <summary>Number of lines kept.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Lines written since creation, including those no longer kept.</summary>
        public long Written
        {
            get
            {
                lock (_sync)
                {
                    return _written;
                }
            }
        }

        /// <inheritdoc />
        public bool IsEnabled(LogLevel level)
        {
            return level >= MinimumLevel;
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            if (level < MinimumLevel)
            {
                return;
            }

            lock (_sync)
            {
                _written++;
                if (_count == _lines.Length && _lines.Length < _capacity)
                {
                    Grow();
                }

                int slot;
                if (_count < _lines.Length)
                {
                    slot = (_start + _count) % _lines.Length;
                    _count++;
                }
                else
                {
                    slot = _start;
                    _start = (_start + 1) % _lines.Length;
                }

                _lines[slot] = message;
                _levels[slot] = (int)level;
            }
        }

        /// <summary>Text of kept line <paramref name="index"/>, 0 being the oldest.</summary>
        public string Line(int index)
        {
            lock (_sync)
            {
                return _lines[Slot(index)];
            }
        }

        /// <summary>Level of kept line <paramref name="index"/>.</summary>
        public LogLevel LevelAt(int index)
        {
            lock (_sync)
            {
                return (LogLevel)_levels[Slot(index)];
            }
        }

        /// <summary>Number of kept lines of <paramref name="level"/>.</summary>
        public int CountAt(LogLevel level)
        {
            lock (_sync)
            {
                int found = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_levels[Slot(i)] == (int)level)
                    {
                        found++;
                    }
                }

                return found;
            }
        }

        /// <summary>Number of kept lines exactly equal to <paramref name="line"/>.</summary>
        public int CountExactly(string line)
        {
            lock (_sync)
            {
                int found = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_lines[Slot(i)] == line)
                    {
                        found++;
                    }
                }

                return found;
            }
        }

        /// <summary>Number of kept lines that start with <paramref name="prefix"/>.</summary>
        public int CountStartingWith(string prefix)
        {
            lock (_sync)
            {
                int found = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_lines[Slot(i)].StartsWith(prefix))
                    {
                        found++;
                    }
                }

                return found;
            }
        }

        /// <summary>The last <paramref name="count"/> kept lines, one per line, for failure messages.</summary>
        public string Tail(int count)
        {
            lock (_sync)
            {
                string text = "--- device log tail ---";
                int first = _count > count ? _count - count : 0;
                for (int i = first; i < _count; i++)
                {
                    text += "\n" + _lines[Slot(i)];
                }

                return text;
            }
        }

        /// <summary>All kept lines joined with " | ", for assertion messages.</summary>
        public string Dump()
        {
            lock (_sync)
            {
                string text = string.Empty;
                for (int i = 0; i < _count; i++)
                {
                    text += (i == 0 ? string.Empty : " | ") + _lines[Slot(i)];
                }

                return text;
            }
        }

        /// <summary>Forgets every line.</summary>
        public void Clear()
        {
            lock (_sync)
            {
                _start = 0;
                _count = 0;
            }
        }

        // Caller holds _sync. Doubles the arrays (up to the capacity), oldest line first.
        private void Grow()
        {
            int size = _lines.Length > _capacity / 2 ? _capacity : _lines.Length * 2;
            string[] lines = new string[size];
            int[] levels = new int[size];
            for (int i = 0; i < _count; i++)
            {
                lines[i] = _lines[Slot(i)];
                levels[i] = _levels[Slot(i)];
            }

            _lines = lines;
            _levels = levels;
            _start = 0;
        }

        // Caller holds _sync.
        private int Slot(int index)
        {
            if (index < 0 || index >= _count)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return (_start + index) % _lines.Length;
        }
    }
}
