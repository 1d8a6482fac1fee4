using System;
using System.Collections;
using System.Threading;
using DeviceFirmware.Serial;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// An <see cref="ISerialChannel"/> that delivers scripted input chunks, one per read (split when a
    /// read asks for less), and keeps everything written. Safe to use from a polling thread.
    /// </summary>
    public sealed class FakeSerialChannel : ISerialChannel
    {
        private readonly ArrayList _input = new ArrayList();
        private readonly object _sync = new object();
        private byte[] _output = new byte[64];
        private int _outputLength;
        private int _failingReads;
        private int _reads;
        private int _writes;

        /// <summary>
        /// Milliseconds a read sleeps when no input is scripted, standing in for the UART read timeout
        /// so that a polling thread does not spin. 0 (the default) returns at once.
        /// </summary>
        public int EmptyReadDelayMilliseconds { get; set; }

        /// <summary>Number of Read calls so far.</summary>
        public int Reads
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _reads;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Number of Write calls so far.</summary>
        public int Writes
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _writes;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Number of bytes written so far.</summary>
        public int OutputLength
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _outputLength;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Adds one chunk that a later read returns.</summary>
        public void Enqueue(byte[] chunk)
        {
            Monitor.Enter(_sync);
            try
            {
                _input.Add(chunk);
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Makes the next <paramref name="count"/> reads throw <see cref="InvalidOperationException"/>.</summary>
        public void FailReads(int count)
        {
            Monitor.Enter(_sync);
            try
            {
                _failingReads = count;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Everything written so far, in one new array.</summary>
        public byte[] Output()
        {
            Monitor.Enter(_sync);
            try
            {
                byte[] copy = new byte[_outputLength];
                Array.Copy(_output, copy, _outputLength);
                return copy;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Forgets what was written.</summary>
        public void ClearOutput()
        {
            Monitor.Enter(_sync);
            try
            {
                _outputLength = 0;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            bool empty;
            Monitor.Enter(_sync);
            try
            {
                _reads++;
                if (_failingReads > 0)
                {
                    _failingReads--;
                    throw new InvalidOperationException("scripted channel failure");
                }

                empty = _input.Count == 0;
                if (!empty)
                {
                    byte[] chunk = (byte[])_input[0];
                    int n = chunk.Length < count ? chunk.Length : count;
                    Array.Copy(chunk, 0, buffer, offset, n);
                    if (n == chunk.Length)
                    {
                        _input.RemoveAt(0);
                    }
                    else
                    {
                        byte[] rest = new byte[chunk.Length - n];
                        Array.Copy(chunk, n, rest, 0, rest.Length);
                        _input[0] = rest;
                    }

                    return n;
                }
            }
            finally
            {
                Monitor.Exit(_sync);
            }

            if (EmptyReadDelayMilliseconds > 0)
            {
                Thread.Sleep(EmptyReadDelayMilliseconds);
            }

            return 0;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            Monitor.Enter(_sync);
            try
            {
                _writes++;
                if (_outputLength + count > _output.Length)
                {
                    int size = _output.Length * 2;
                    while (size < _outputLength + count)
                    {
                        size *= 2;
                    }

                    byte[] larger = new byte[size];
                    Array.Copy(_output, larger, _outputLength);
                    _output = larger;
                }

                Array.Copy(buffer, offset, _output, _outputLength, count);
                _outputLength += count;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Times the channel was disposed (the serial link disposes a channel that failed).</summary>
        public int Disposals { get; private set; }

        /// <inheritdoc />
        public void Dispose()
        {
            Disposals++;
        }
    }
}
