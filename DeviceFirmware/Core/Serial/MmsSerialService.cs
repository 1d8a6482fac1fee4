using System;
using System.Threading;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Answers MMS requests arriving in SLIP frames on a serial channel: decodes host-to-device frames,
    /// hands each message to the handler and writes its response in a device-to-host frame.
    /// </summary>
    /// <remarks>
    /// Call <see cref="Poll"/> in a loop yourself, or <see cref="Start"/> a thread that does; not both.
    /// Frame problems are counted and summarised by <see cref="SerialProblemLog"/>.
    /// </remarks>
    public sealed class MmsSerialService
    {
        /// <summary>A partial frame with no new byte for this long is dropped (the host sends a frame in one go).</summary>
        public const int DefaultIdleTimeoutMilliseconds = 1000;

        /// <summary>Bytes asked of the channel per read; the ESP32 UART's default receive buffer size.</summary>
        public const int ReadChunkSize = 256;

        /// <summary>Least time between two problem summary lines.</summary>
        public const int ProblemLogIntervalMilliseconds = 10000;

        /// <summary>Pause of the polling thread after a channel failure before it reads again.</summary>
        public const int ChannelRetryDelayMilliseconds = 1000;

        /// <summary>How long <see cref="Stop()"/> waits for the polling thread to end.</summary>
        public const int StopWaitMilliseconds = 5000;

        private readonly ISerialChannel _channel;
        private readonly IMmsMessageHandler _handler;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly SlipFrameDecoder _decoder;
        private readonly SerialProblemLog _problems;
        private readonly byte[] _readBuffer = new byte[ReadChunkSize];
        private readonly byte[] _overMaximumFrame;

        // Explicit Monitor.Enter(object)/Exit(object) instead of lock: on .NET the C# lock statement
        // calls Monitor.Enter(object, ref bool), which nanoFramework's Monitor does not have
        // (CoreLibrary: nanoFramework.CoreLibrary/System/Threading/Monitor.cs).
        private readonly object _pollSync = new object();
        private readonly object _threadSync = new object();

        // Reused for every response; grows only if a response outgrows it.
        private byte[] _writeBuffer;
        private int _handlerFailures;
        private string _lastHandlerError;
        private Thread _thread;
        private bool _stopRequested;

        /// <summary>Creates the service; nothing is read until <see cref="Poll"/> or <see cref="Start"/>.</summary>
        /// <param name="channel">The serial link. The service reads and writes it but does not own it.</param>
        /// <param name="handler">Answers each request. Its <see cref="IMmsMessageHandler.MaxMessageLength"/> bounds the frames accepted.</param>
        /// <param name="clock">Source of the time for the idle timeout and the log summary.</param>
        /// <param name="log">Receives problem summaries and channel failures; may be null.</param>
        /// <param name="idleTimeoutMilliseconds">A partial frame with no new byte for this long is dropped; see <see cref="DefaultIdleTimeoutMilliseconds"/>.</param>
        public MmsSerialService(ISerialChannel channel, IMmsMessageHandler handler, IClock clock, ILog log, int idleTimeoutMilliseconds)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            int maxMessageLength = handler.MaxMessageLength;
            _channel = channel;
            _handler = handler;
            _clock = clock;
            _log = log == null ? NullLog.Instance : log;
            _decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, maxMessageLength, idleTimeoutMilliseconds);
            _problems = new SerialProblemLog(_log, ProblemLogIntervalMilliseconds);
            _overMaximumFrame = SlipFrameEncoder.EncodeOverMaximum(maxMessageLength);
            _writeBuffer = new byte[SlipFrameEncoder.MaxFrameLength(maxMessageLength)];
        }

        /// <summary>Requests decoded and passed to the handler.</summary>
        public int FramesReceived
        {
            get { return _decoder.FramesDecoded; }
        }

        /// <summary>Frames and byte runs dropped as unusable.</summary>
        public int GarbageDropped
        {
            get { return _decoder.GarbageDropped; }
        }

        /// <summary>Frames over the maximum length, each answered with an over-maximum frame.</summary>
        public int OversizedFrames
        {
            get { return _decoder.OversizedFrames; }
        }

        /// <summary>Partial frames dropped after the idle timeout.</summary>
        public int IdleTimeouts
        {
            get { return _decoder.IdleTimeouts; }
        }

        /// <summary>Requests whose handler threw; they got no answer.</summary>
        public int HandlerFailures
        {
            get { return _handlerFailures; }
        }

        /// <summary>Whether the polling thread is running (or still finishing after <see cref="Stop()"/> timed out).</summary>
        public bool IsRunning
        {
            get
            {
                Monitor.Enter(_threadSync);
                try
                {
                    return _thread != null && _thread.IsAlive;
                }
                finally
                {
                    Monitor.Exit(_threadSync);
                }
            }
        }

        /// <summary>
        /// Reads once from the channel (waiting at most its read timeout), decodes what arrived, answers
        /// every complete request and every oversized frame, and applies the idle timeout.
        /// </summary>
        /// <returns>Number of bytes read; 0 when none arrived.</returns>
        /// <exception cref="Exception">
        /// Only from the channel: its <see cref="ISerialChannel.Read"/> or <see cref="ISerialChannel.Write"/>
        /// failed, or Read returned a count outside the buffer. Frames decoded before a failed write are
        /// lost; the decoder stays consistent, so polling may simply continue once the channel works.
        /// </exception>
        public int Poll()
        {
            Monitor.Enter(_pollSync);
            try
            {
                int read = _channel.Read(_readBuffer, 0, _readBuffer.Length);
                if (read < 0 || read > _readBuffer.Length)
                {
                    throw new InvalidOperationException("serial channel returned an invalid byte count");
                }

                long now = _clock.UptimeMilliseconds;
                int position = 0;
                do
                {
                    position += _decoder.Feed(_readBuffer, position, read - position, now);
                    SlipDecodeResult result = _decoder.Result;
                    if (result == SlipDecodeResult.Frame)
                    {
                        int length = Answer();
                        if (length > 0)
                        {
                            _channel.Write(_writeBuffer, 0, length);
                        }
                    }
                    else if (result == SlipDecodeResult.Oversized)
                    {
                        _channel.Write(_overMaximumFrame, 0, _overMaximumFrame.Length);
                    }
                }
                while (position < read);

                _problems.Report(now, _decoder.GarbageDropped, _decoder.OversizedFrames, _decoder.IdleTimeouts, _handlerFailures, _lastHandlerError);
                return read;
            }
            finally
            {
                Monitor.Exit(_pollSync);
            }
        }

        /// <summary>Starts a thread that calls <see cref="Poll"/> until <see cref="Stop()"/>.</summary>
        /// <remarks>
        /// The thread survives channel failures: it logs the first failure as an Error, retries every
        /// <see cref="ChannelRetryDelayMilliseconds"/>, and logs when the channel works again.
        /// </remarks>
        /// <exception cref="InvalidOperationException">A polling thread is still running.</exception>
        public void Start()
        {
            Monitor.Enter(_threadSync);
            try
            {
                if (_thread != null && _thread.IsAlive)
                {
                    throw new InvalidOperationException("serial service already running");
                }

                _stopRequested = false;

                // Thread(ThreadStart), Start(): CoreLibrary nanoFramework.CoreLibrary/System/Threading/Thread.cs.
                _thread = new Thread(new ThreadStart(Run));
                _thread.Start();
            }
            finally
            {
                Monitor.Exit(_threadSync);
            }
        }

        /// <summary>Stops the polling thread, waiting up to <see cref="StopWaitMilliseconds"/>; see <see cref="Stop(int)"/>.</summary>
        /// <returns>True when no polling thread is running any more.</returns>
        public bool Stop()
        {
            return Stop(StopWaitMilliseconds);
        }

        /// <summary>
        /// Asks the polling thread to end and waits for it; it ends after its current read, which takes
        /// at most the channel's read timeout (or the retry delay after a failure).
        /// </summary>
        /// <param name="waitMilliseconds">Longest wait for the thread to end.</param>
        /// <returns>True when no polling thread is running any more.</returns>
        public bool Stop(int waitMilliseconds)
        {
            Thread thread;
            Monitor.Enter(_threadSync);
            try
            {
                _stopRequested = true;
                thread = _thread;
            }
            finally
            {
                Monitor.Exit(_threadSync);
            }

            if (thread == null || thread == Thread.CurrentThread)
            {
                return thread == null;
            }

            // Join(int) returns whether the thread ended: CoreLibrary .../System/Threading/Thread.cs.
            return thread.Join(waitMilliseconds);
        }

        // Runs the handler and encodes its response into _writeBuffer; returns the frame length, or 0
        // for no answer. Anything the handler throws is contained here so that it cannot end polling.
        private int Answer()
        {
            try
            {
                byte[] response = _handler.Handle(_decoder.MessageBuffer, _decoder.MessageOffset, _decoder.MessageLength);
                if (response == null)
                {
                    return 0;
                }

                int needed = SlipFrameEncoder.MaxFrameLength(response.Length);
                if (_writeBuffer.Length < needed)
                {
                    _writeBuffer = new byte[needed];
                }

                return SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response, 0, response.Length, _writeBuffer, 0);
            }
            catch (Exception ex)
            {
                _handlerFailures++;
                _lastHandlerError = ex.Message;
                return 0;
            }
        }

        private bool StopRequested()
        {
            Monitor.Enter(_threadSync);
            try
            {
                return _stopRequested;
            }
            finally
            {
                Monitor.Exit(_threadSync);
            }
        }

        private void Run()
        {
            int failures = 0;
            while (!StopRequested())
            {
                try
                {
                    Poll();
                    if (failures > 0)
                    {
                        _log.Write(LogLevel.Info, "serial: channel working again after " + failures.ToString() + " failed reads");
                        failures = 0;
                    }
                }
                catch (Exception ex)
                {
                    // One line per outage, not per retry: an unplugged adapter would otherwise log forever.
                    if (failures == 0)
                    {
                        _log.Write(LogLevel.Error, "serial: channel failed, retrying: " + ex.Message);
                    }

                    failures++;
                    Thread.Sleep(ChannelRetryDelayMilliseconds);
                }
            }
        }
    }
}
