using System;
using System.IO.Ports;
using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The serial service's byte stream over an opened ESP32 UART (<see cref="SerialPort"/>).
    /// </summary>
    /// <remarks>
    /// On the ESP32, <see cref="SerialPort.Read"/> waits until all requested bytes are in the
    /// receive buffer and throws when its timeout expires first, unlike desktop .NET, which returns
    /// what is there. This adapter therefore asks <see cref="SerialPort.BytesToRead"/> first and
    /// reads only what has arrived, polling until the port's <see cref="SerialPort.ReadTimeout"/>
    /// has passed. <see cref="Esp32Uart"/> opens the port and sets both timeouts; this channel owns it
    /// from then on and disposes it with itself.
    /// </remarks>
    public sealed class Esp32SerialChannel : ISerialChannel
    {
        /// <summary>
        /// Pause between two looks at the receive buffer. At 115200 baud about 58 bytes arrive in
        /// that time, far less than the port's receive buffer, so nothing is lost while waiting.
        /// </summary>
        private const int PollIntervalMilliseconds = 5;

        /// <summary>The value of <see cref="SerialPort.ReadTimeout"/> that means "wait for ever".</summary>
        private const int InfiniteTimeout = -1;

        private readonly SerialPort _port;
        private readonly IClock _clock;

        /// <summary>Wraps an opened port.</summary>
        /// <param name="port">The opened UART; its read and write timeouts are already set.</param>
        /// <param name="clock">Measures the read timeout.</param>
        public Esp32SerialChannel(SerialPort port, IClock clock)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _port = port;
            _clock = clock;
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (count == 0)
            {
                return 0;
            }

            int timeout = _port.ReadTimeout;
            long deadline = timeout == InfiniteTimeout ? long.MaxValue : _clock.UptimeMilliseconds + timeout;
            while (true)
            {
                int available = _port.BytesToRead;
                if (available > 0)
                {
                    // Never ask for more than has arrived: the ESP32 read would block for the rest.
                    int wanted = available < count ? available : count;
                    return _port.Read(buffer, offset, wanted);
                }

                if (_clock.UptimeMilliseconds >= deadline)
                {
                    return 0;
                }

                Thread.Sleep(PollIntervalMilliseconds);
            }
        }

        /// <summary>Closes the port; disposing unregisters COM2, so it can be constructed again.</summary>
        public void Dispose()
        {
            _port.Dispose();
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (count > 0)
            {
                _port.Write(buffer, offset, count);
            }
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            // Checked here because the port's own checks differ between library versions.
            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException("count");
            }
        }
    }
}
