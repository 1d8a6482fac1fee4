using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Answers MMS requests arriving in SLIP frames on a serial channel: decodes host-to-device frames,
    /// hands each message to the handler and writes its response in a device-to-host frame.
    /// </summary>
    /// <remarks>
    /// <para>The <see cref="SerialLink"/> opens the port and calls <see cref="Poll"/> in its loop; the
    /// decoder's state and the buffers live here and survive a reopened port. Frame problems are
    /// counted and summarised in Warning lines without flooding the log: the first problem is written
    /// at once, later ones in at most one line per <see cref="ProblemLogIntervalMilliseconds"/> (a
    /// noisy line can drop thousands of frames a second; the log must stay readable and cheap).</para>
    /// <para>Two buffers, both allocated once: the chunk read from the channel, and the decoder's
    /// frame buffer, which holds a request until the handler has answered it and then the answer's
    /// frame. The two uses never overlap (the next byte is decoded only after the answer is
    /// written), so the answer needs no buffer of its own; one that does not fit, a Set echoing a
    /// request near the maximum whose bytes need escaping, gets a temporary array.</para>
    /// </remarks>
    public sealed class MmsSerialService
    {
        /// <summary>A partial frame with no new byte for this long is dropped (the host sends a frame in one go).</summary>
        public const int DefaultIdleTimeoutMilliseconds = 1000;

        /// <summary>Bytes asked of the channel per read; the ESP32 UART's default receive buffer size.</summary>
        public const int ReadChunkSize = 256;

        /// <summary>Least time between two problem summary lines.</summary>
        public const int ProblemLogIntervalMilliseconds = 10000;

        // _reportedAt before the first summary line: no uptime is this small.
        private const long NeverReported = long.MinValue;

        private readonly IMmsMessageHandler _handler;
        private readonly IClock _clock;
        private readonly SlipFrameDecoder _decoder;
        private readonly ILog _log;

        // Also the lock of Poll: a private array, never handed out (a lock object is two heap blocks).
        private readonly byte[] _readBuffer = new byte[ReadChunkSize];
        private int _handlerFailures;
        private string _lastHandlerError;

        // The problem totals the last summary line reported, so that each line gives only what is
        // new, and when it was written (NeverReported before the first).
        private int _reportedGarbage;
        private int _reportedOversized;
        private int _reportedTimeouts;
        private int _reportedFailures;
        private long _reportedAt = NeverReported;

        /// <summary>Creates the service; nothing is read until <see cref="Poll"/>.</summary>
        /// <param name="handler">Answers each request. Its <see cref="IMmsMessageHandler.MaxMessageLength"/> bounds the frames accepted.</param>
        /// <param name="clock">Source of the time for the idle timeout and the log summary.</param>
        /// <param name="log">Receives problem summaries.</param>
        /// <param name="idleTimeoutMilliseconds">A partial frame with no new byte for this long is dropped; see <see cref="DefaultIdleTimeoutMilliseconds"/>.</param>
        public MmsSerialService(IMmsMessageHandler handler, IClock clock, ILog log, int idleTimeoutMilliseconds)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            int maxMessageLength = handler.MaxMessageLength;
            _handler = handler;
            _clock = clock;
            _decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, maxMessageLength, idleTimeoutMilliseconds);
            _log = log;
        }

        // The clock and the log, for the link that made this service: it keeps no copies of its own
        // (each reference is a heap block on nanoCLR).
        internal IClock Clock
        {
            get { return _clock; }
        }

        internal ILog Log
        {
            get { return _log; }
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

        /// <summary>
        /// Reads once from the channel (waiting at most its read timeout), decodes what arrived, answers
        /// every complete request and every oversized frame, and applies the idle timeout.
        /// </summary>
        /// <param name="channel">The open port to read and answer on; the caller owns it.</param>
        /// <returns>Number of bytes read; 0 when none arrived.</returns>
        /// <exception cref="Exception">
        /// Only from the channel: its <see cref="ISerialChannel.Read"/> or <see cref="ISerialChannel.Write"/>
        /// failed, or Read returned a count outside the buffer. Frames decoded before a failed write are
        /// lost; the decoder stays consistent, so polling may simply continue once the channel works.
        /// </exception>
        public int Poll(ISerialChannel channel)
        {
            lock (_readBuffer)
            {
                int read = channel.Read(_readBuffer, 0, _readBuffer.Length);
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
                        int length;
                        byte[] frame = Answer(out length);
                        if (length > 0)
                        {
                            channel.Write(frame, 0, length);
                        }
                    }
                    else if (result == SlipDecodeResult.Oversized)
                    {
                        // The decoder skips the rest of that frame without touching its buffer, so the
                        // buffer takes the answer, as it takes every answer (class remarks).
                        byte[] frame = _decoder.MessageBuffer;
                        channel.Write(frame, 0, SlipFrameEncoder.EncodeOverMaximum(_decoder.MaxMessageLength, frame, 0));
                    }
                }
                while (position < read);

                ReportProblems(now);
                return read;
            }
        }

        // Writes one line with the problems since the last line if there are any and the interval has
        // passed (or nothing was written yet); otherwise they wait for a later poll.
        private void ReportProblems(long now)
        {
            int newGarbage = _decoder.GarbageDropped - _reportedGarbage;
            int newOversized = _decoder.OversizedFrames - _reportedOversized;
            int newTimeouts = _decoder.IdleTimeouts - _reportedTimeouts;
            int newFailures = _handlerFailures - _reportedFailures;
            if (newGarbage == 0 && newOversized == 0 && newTimeouts == 0 && newFailures == 0)
            {
                return;
            }

            if (_reportedAt != NeverReported && now - _reportedAt < ProblemLogIntervalMilliseconds)
            {
                return;
            }

            string line = "serial: frame problems: garbage " + newGarbage.ToString()
                + ", oversized " + newOversized.ToString()
                + ", idle timeout " + newTimeouts.ToString()
                + ", handler failure " + newFailures.ToString();
            if (newFailures > 0 && _lastHandlerError != null)
            {
                line = line + " (last: " + _lastHandlerError + ")";
            }

            _log.Write(LogLevel.Warning, line);
            _reportedAt = now;
            _reportedGarbage += newGarbage;
            _reportedOversized += newOversized;
            _reportedTimeouts += newTimeouts;
            _reportedFailures += newFailures;
        }

        // Runs the handler and frames its response; returns the frame (the decoder's buffer, or a
        // temporary array) and its length in <paramref name="length"/>, 0 for no answer. Anything the
        // handler throws is contained here so that it cannot end polling.
        private byte[] Answer(out int length)
        {
            length = 0;
            try
            {
                byte[] request = _decoder.MessageBuffer;
                byte[] response = _handler.Handle(request, _decoder.MessageOffset, _decoder.MessageLength);
                if (response == null)
                {
                    return null;
                }

                // The request has been answered: its buffer takes the answer's frame (class remarks).
                // Escapes are counted only when the worst case might not fit.
                byte[] frame = request;
                if (SlipFrameEncoder.MaxFrameLength(response.Length) > request.Length)
                {
                    int needed = SlipFrameEncoder.FrameLength(SlipFrame.InfoDeviceToHost, response, 0, response.Length);
                    if (needed > request.Length)
                    {
                        frame = new byte[needed];
                    }
                }

                length = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response, 0, response.Length, frame, 0);
                return frame;
            }
            catch (Exception ex)
            {
                _handlerFailures++;
                _lastHandlerError = ex.Message;
                return null;
            }
        }
    }
}
