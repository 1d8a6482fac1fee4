using System;
using DeviceFirmware.Serial;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// An <see cref="ISerialPortOpener"/> that hands out one <see cref="FakeSerialChannel"/> (the same
    /// wire every time, like an adapter that stays plugged in), and can refuse a number of opens first.
    /// </summary>
    public sealed class FakeSerialPortOpener : ISerialPortOpener
    {
        private readonly object _sync = new object();
        private int _failingOpens;
        private int _opens;

        /// <summary>Creates an opener over <paramref name="channel"/>.</summary>
        public FakeSerialPortOpener(FakeSerialChannel channel)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }

            Channel = channel;
        }

        /// <summary>The channel every successful open returns.</summary>
        public FakeSerialChannel Channel { get; }

        /// <inheritdoc />
        public string Name
        {
            get { return "FAKE0"; }
        }

        /// <summary>Successful opens so far.</summary>
        public int Opens
        {
            get
            {
                lock (_sync)
                {
                    return _opens;
                }
            }
        }

        /// <summary>Makes the next <paramref name="count"/> opens throw.</summary>
        public void FailOpens(int count)
        {
            lock (_sync)
            {
                _failingOpens = count;
            }
        }

        /// <inheritdoc />
        public ISerialChannel Open()
        {
            lock (_sync)
            {
                if (_failingOpens > 0)
                {
                    _failingOpens--;
                    throw new InvalidOperationException("scripted open failure");
                }

                _opens++;
                return Channel;
            }
        }
    }
}
