using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// The device's configuration UART, kept open and answering: opens the port through the
    /// platform's <see cref="ISerialPortOpener"/>, serves it with the <see cref="MmsSerialService"/>,
    /// and after any failure closes it and opens it again after <see cref="RetryMilliseconds"/>. The
    /// one serial loop of the board, the simulator and the tests.
    /// </summary>
    /// <remarks>
    /// Each <see cref="Poll"/> is one read (bounded by the port's read timeout), so the worker that
    /// runs it stops within that time. One line is logged per outage, not per retry: an unplugged
    /// adapter would otherwise log for ever.
    /// </remarks>
    public sealed class SerialLink : IPollable, IDisposable
    {
        /// <summary>Pause between a failure and the next attempt to open the port.</summary>
        public const int RetryMilliseconds = 1000;

        private readonly ISerialPortOpener _port;

        // Also the lock of the link's state: the service is its own and locks only inside itself (a
        // lock object would cost two heap blocks). It holds the clock and the log the link was given.
        private readonly MmsSerialService _service;
        private readonly WakeSignal _wake = new WakeSignal();
        private ISerialChannel _channel;
        private long _nextOpenAt;
        private int _failures;
        private bool _closed;

        /// <summary>Creates the link; the port is opened by the first <see cref="Poll"/>.</summary>
        /// <param name="port">Opens the platform's UART.</param>
        /// <param name="handler">Answers each request.</param>
        /// <param name="clock">Times retries and the decoder's idle timeout.</param>
        /// <param name="log">One line per outage and per recovery.</param>
        public SerialLink(ISerialPortOpener port, IMmsMessageHandler handler, IClock clock, ILog log)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _port = port;
            _service = new MmsSerialService(handler, clock, log, MmsSerialService.DefaultIdleTimeoutMilliseconds);
        }

        /// <inheritdoc />
        public WakeSignal Wake
        {
            get { return _wake; }
        }

        /// <summary>The service answering on the port: its counters tell what arrived.</summary>
        public MmsSerialService Service
        {
            get { return _service; }
        }

        /// <summary>True while the port is open.</summary>
        public bool IsOpen
        {
            get
            {
                lock (_service)
                {
                    return _channel != null;
                }
            }
        }

        /// <summary>Opens the port when it is closed and the retry delay has passed, then serves one read.</summary>
        /// <returns>0 to poll again at once while the port is open; otherwise the time until the next attempt.</returns>
        public int Poll()
        {
            ISerialChannel channel;
            lock (_service)
            {
                if (_closed)
                {
                    return RetryMilliseconds;
                }

                channel = _channel;
            }

            if (channel == null)
            {
                long now = _service.Clock.UptimeMilliseconds;
                if (now < _nextOpenAt)
                {
                    return (int)(_nextOpenAt - now);
                }

                channel = TryOpen();
                if (channel == null)
                {
                    return RetryMilliseconds;
                }
            }

            try
            {
                _service.Poll(channel);
                if (_failures > 0)
                {
                    _service.Log.Write(LogLevel.Info, "serial: " + _port.Name + " working again after " + _failures.ToString() + " failed attempts");
                    _failures = 0;
                }

                return 0;
            }
            catch (Exception ex)
            {
                Fail("channel failed", ex);
                Close();
                return RetryMilliseconds;
            }
        }

        /// <summary>Closes the port; a later <see cref="Poll"/> does nothing.</summary>
        public void Dispose()
        {
            lock (_service)
            {
                _closed = true;
            }

            Close();
        }

        private ISerialChannel TryOpen()
        {
            ISerialChannel channel;
            try
            {
                channel = _port.Open();
            }
            catch (Exception ex)
            {
                Fail("cannot open", ex);
                return null;
            }

            lock (_service)
            {
                if (!_closed)
                {
                    _channel = channel;
                    _service.Log.Write(LogLevel.Debug, "serial: " + _port.Name + " open");
                    return channel;
                }
            }

            // Disposed while opening.
            SafeDispose(channel);
            return null;
        }

        private void Fail(string what, Exception ex)
        {
            if (_failures == 0)
            {
                _service.Log.Write(LogLevel.Error, "serial: " + _port.Name + " " + what + ", retrying: " + ex.Message);
            }

            _failures++;
            _nextOpenAt = _service.Clock.UptimeMilliseconds + RetryMilliseconds;
        }

        private void Close()
        {
            ISerialChannel channel;
            lock (_service)
            {
                channel = _channel;
                _channel = null;
            }

            SafeDispose(channel);
        }

        private static void SafeDispose(ISerialChannel channel)
        {
            if (channel == null)
            {
                return;
            }

            try
            {
                channel.Dispose();
            }
            catch (Exception)
            {
                // Closing a failed port is best effort; the next open reports what is still wrong.
            }
        }
    }
}
