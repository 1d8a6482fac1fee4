using System;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Streaming decoder of SLIP-framed MMS messages (<see cref="SlipFrame"/>). Feed it whatever chunks
    /// the UART delivers; it resynchronises on the next delimiter after anything it cannot use.
    /// </summary>
    /// <remarks>
    /// <para>Every <see cref="SlipFrame.End"/> closes the current frame and opens the next, so frames may
    /// share a delimiter and back-to-back delimiters are empty frames, which are ignored.</para>
    /// <para>Bytes before the first delimiter are one dropped run. A frame is dropped (counted in
    /// <see cref="GarbageDropped"/>) when its info byte is not valid for the direction, an escape byte
    /// is followed by anything but <see cref="SlipFrame.EscapedEnd"/>/<see cref="SlipFrame.EscapedEscape"/>,
    /// it has fewer than <see cref="SlipFrame.HeaderSize"/> bytes, or its length field differs from its
    /// message length. An <see cref="SlipFrame.InfoOverMaximum"/> frame is valid with an empty message
    /// and any length field.</para>
    /// <para>A frame whose length field exceeds the maximum, or whose message grows past it, is reported
    /// once as <see cref="SlipDecodeResult.Oversized"/> and discarded up to the next delimiter. A partial
    /// frame with no new byte for the idle timeout is dropped with the rest of it, up to the next
    /// delimiter (counted in <see cref="IdleTimeouts"/>).</para>
    /// <para>All storage is allocated by the constructor. Not thread-safe: one reader feeds it.</para>
    /// <para>Speed on the interpreter: a whole frame without escapes in one chunk, the usual request,
    /// is taken at once (<c>TakeWholeFrame</c>). Otherwise delimiters and escapes go byte by byte through the state
    /// machine, and so does a header that is split between reads, escaped or refused; a plain header
    /// and the bytes up to the next delimiter or escape (the message, and anything thrown away) are
    /// found with <see cref="Array.IndexOf(Array, object, int, int)"/> and stored with
    /// <see cref="Array.Copy(Array, int, Array, int, int)"/>, both native on nanoFramework, instead of a
    /// few calls per byte (nanoframework/CoreLibrary System/Array.cs: IndexOf tries the native
    /// TrySzIndexOf first; nf-interpreter src/CLR/Core/CLR_RT_HeapBlock_Array.cpp: IndexOf compares
    /// primitive elements with memcmp, Copy is a memmove).</para>
    /// </remarks>
    public sealed class SlipFrameDecoder
    {
        // Before the first delimiter: the first byte seen is counted as one dropped run.
        private const int Hunting = 0;

        // Inside a frame, storing unescaped bytes.
        private const int InFrame = 1;

        // Throwing away the rest of a frame already counted, up to the next delimiter.
        private const int Skipping = 2;

        // Nothing beyond this fits the int-indexed buffer next to the header.
        private const int LargestMessageLength = int.MaxValue - SlipFrame.HeaderSize;

        // The bytes the runs stop at, boxed once: Array.IndexOf takes an object, and boxing per call
        // would allocate.
        private static readonly object BoxedEnd = SlipFrame.End;
        private static readonly object BoxedEscape = SlipFrame.Escape;

        private readonly SlipDirection _direction;
        private readonly int _idleTimeoutMilliseconds;

        // Unescaped info, length field and message of the frame being read.
        private readonly byte[] _buffer;

        private int _state = Hunting;
        private int _count;
        private bool _escapePending;
        private long _lastByteAt;
        private long _lengthField;
        private int _messageLength;
        private SlipDecodeResult _result;

        // The counters, as fields: an auto-property's ++ is two calls on the interpreter.
        private int _framesDecoded;
        private int _garbageDropped;
        private int _oversizedFrames;
        private int _idleTimeouts;

        /// <summary>Creates a decoder and its one buffer of <see cref="SlipFrame.HeaderSize"/> + <paramref name="maxMessageLength"/> bytes.</summary>
        /// <param name="direction">Which info bytes are valid.</param>
        /// <param name="maxMessageLength">Largest message accepted, in bytes.</param>
        /// <param name="idleTimeoutMilliseconds">A partial frame with no new byte for this long is dropped.</param>
        /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
        public SlipFrameDecoder(SlipDirection direction, int maxMessageLength, int idleTimeoutMilliseconds)
        {
            if (direction != SlipDirection.HostToDevice && direction != SlipDirection.DeviceToHost)
            {
                throw new ArgumentOutOfRangeException("direction", "unknown direction");
            }

            if (maxMessageLength < 0 || maxMessageLength > LargestMessageLength)
            {
                throw new ArgumentOutOfRangeException("maxMessageLength", "must be at least 0");
            }

            if (idleTimeoutMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("idleTimeoutMilliseconds", "must be positive");
            }

            _direction = direction;
            _idleTimeoutMilliseconds = idleTimeoutMilliseconds;
            _buffer = new byte[SlipFrame.HeaderSize + maxMessageLength];
        }

        /// <summary>Largest message accepted, in bytes.</summary>
        public int MaxMessageLength
        {
            // Not kept in a field of its own: the buffer is the header and the largest message.
            get { return _buffer.Length - SlipFrame.HeaderSize; }
        }

        /// <summary>Frames decoded and returned as <see cref="SlipDecodeResult.Frame"/>.</summary>
        public int FramesDecoded
        {
            get { return _framesDecoded; }
        }

        /// <summary>Frames and runs of bytes dropped as unusable (see the class remarks).</summary>
        public int GarbageDropped
        {
            get { return _garbageDropped; }
        }

        /// <summary>Frames reported as <see cref="SlipDecodeResult.Oversized"/>.</summary>
        public int OversizedFrames
        {
            get { return _oversizedFrames; }
        }

        /// <summary>Partial frames dropped after the idle timeout.</summary>
        public int IdleTimeouts
        {
            get { return _idleTimeouts; }
        }

        /// <summary>What the last <see cref="Feed"/> call completed.</summary>
        public SlipDecodeResult Result
        {
            get { return _result; }
        }

        /// <summary>Info byte of the decoded frame (valid after <see cref="SlipDecodeResult.Frame"/>).</summary>
        public byte Info
        {
            get { return _buffer[0]; }
        }

        /// <summary>
        /// The frame's length field, an unsigned 32-bit value: the message length of a decoded frame,
        /// the device's maximum in an <see cref="SlipFrame.InfoOverMaximum"/> frame, or after
        /// <see cref="SlipDecodeResult.Oversized"/> the declared length (within the maximum when the
        /// message itself grew past it).
        /// </summary>
        public long LengthField
        {
            get { return _lengthField; }
        }

        /// <summary>
        /// Holds the decoded message at <see cref="MessageOffset"/>. The decoder's own buffer: valid
        /// only until the next <see cref="Feed"/> call; copy what must be kept.
        /// </summary>
        public byte[] MessageBuffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset of the message in <see cref="MessageBuffer"/>.</summary>
        public int MessageOffset
        {
            get { return SlipFrame.HeaderSize; }
        }

        /// <summary>Length of the decoded message (valid after <see cref="SlipDecodeResult.Frame"/>).</summary>
        public int MessageLength
        {
            get { return _messageLength; }
        }

        /// <summary>Copies the decoded message into a new array (allocates; for host tools and tests).</summary>
        public byte[] CopyMessage()
        {
            byte[] message = new byte[_messageLength];
            Array.Copy(_buffer, SlipFrame.HeaderSize, message, 0, _messageLength);
            return message;
        }

        /// <summary>
        /// Consumes bytes up to and including the first one that completes a frame or an oversized
        /// report, and sets <see cref="Result"/>. Call again with the rest of the chunk. A call with no
        /// bytes only applies the idle timeout.
        /// </summary>
        /// <param name="data">Received bytes.</param>
        /// <param name="offset">Offset of the first byte to consume.</param>
        /// <param name="count">Number of bytes available; may be 0.</param>
        /// <param name="nowMilliseconds">Current <see cref="Runtime.IClock.UptimeMilliseconds"/>: when these bytes arrived.</param>
        /// <returns>Number of bytes consumed; equals <paramref name="count"/> unless a frame or report completed earlier, and is at least 1 when <paramref name="count"/> is.</returns>
        public int Feed(byte[] data, int offset, int count, long nowMilliseconds)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "offset and count do not fit the buffer");
            }

            _result = SlipDecodeResult.None;
            ApplyIdleTimeout(nowMilliseconds);
            if (count == 0)
            {
                return 0;
            }

            _lastByteAt = nowMilliseconds;
            int end = offset + count;
            if (_count == 0 && !_escapePending)
            {
                int whole = TakeWholeFrame(data, offset, end);
                if (whole > 0)
                {
                    return whole;
                }
            }

            int position = offset;
            while (position < end)
            {
                byte value = data[position];
                if (value == SlipFrame.End)
                {
                    position++;
                    if (CloseFrame())
                    {
                        break;
                    }

                    continue;
                }

                int run = TakeRun(data, position, end);
                if (run > 0)
                {
                    position += run;
                    continue;
                }

                position++;
                if (Accept(value))
                {
                    break;
                }
            }

            return position - offset;
        }

        /// <summary>
        /// Takes a whole frame at once when the chunk holds one from <paramref name="position"/>, as a
        /// host writes a request: an optional opening delimiter, a header with this direction's info
        /// byte and the message's length, a message without escapes, and the closing delimiter, with
        /// the decoder between frames (nothing stored, no escape pending; before the first delimiter
        /// or while skipping, only when the chunk starts with a delimiter). It ends where the byte by
        /// byte way ends with the same bytes: the frame decoded, the decoder between frames, every
        /// other counter untouched; in two native searches and one copy instead of a dozen calls.
        /// </summary>
        /// <returns>Bytes taken, through the closing delimiter; 0 when the bytes are anything else,
        /// with nothing changed, so that the general way takes them.</returns>
        private int TakeWholeFrame(byte[] data, int position, int end)
        {
            int start = position;
            if (data[start] == SlipFrame.End)
            {
                start++;
            }
            else if (_state != InFrame)
            {
                return 0;
            }

            int closing = Array.IndexOf(data, BoxedEnd, start, end - start);
            if (closing < 0)
            {
                return 0;
            }

            int messageLength = closing - start - SlipFrame.HeaderSize;
            byte info = _direction == SlipDirection.HostToDevice ? SlipFrame.InfoHostToDevice : SlipFrame.InfoDeviceToHost;
            if (messageLength < 0 || messageLength > _buffer.Length - SlipFrame.HeaderSize || data[start] != info
                || ReadLengthField(data, start + 1) != messageLength
                || Array.IndexOf(data, BoxedEscape, start, closing - start) >= 0)
            {
                return 0;
            }

            Array.Copy(data, start, _buffer, 0, closing - start);
            _state = InFrame;
            _lengthField = messageLength;
            _messageLength = messageLength;
            _framesDecoded++;
            _result = SlipDecodeResult.Frame;
            return closing + 1 - position;
        }

        /// <summary>
        /// Takes the bytes from <paramref name="position"/> that need no decision of their own: inside
        /// a frame, a whole header that is acceptable as it stands and then every byte up to the next
        /// delimiter or escape (the message); while skipping, every byte up to the next delimiter.
        /// </summary>
        /// <returns>Number of bytes taken; 0 when the next byte must go through <see cref="Accept"/>.</returns>
        private int TakeRun(byte[] data, int position, int end)
        {
            if (_state == Skipping)
            {
                int delimiter = Array.IndexOf(data, BoxedEnd, position, end - position);
                return (delimiter < 0 ? end : delimiter) - position;
            }

            byte first = data[position];
            bool headerStarted = _count > 0 && _count < SlipFrame.HeaderSize;
            if (_state != InFrame || _escapePending || headerStarted || first == SlipFrame.End || first == SlipFrame.Escape)
            {
                return 0;
            }

            int stop = Array.IndexOf(data, BoxedEnd, position, end - position);
            if (stop < 0)
            {
                stop = end;
            }

            int escape = Array.IndexOf(data, BoxedEscape, position, stop - position);
            if (escape >= 0)
            {
                stop = escape;
            }

            int taken = 0;
            if (_count == 0)
            {
                // The header at once, when it is whole and Store would take every byte of it as it is;
                // anything else (noise, an oversized length, a header split or escaped) goes byte by byte.
                if (stop - position < SlipFrame.HeaderSize || !IsValidInfo(first))
                {
                    return 0;
                }

                long lengthField = ReadLengthField(data, position + 1);
                if (first != SlipFrame.InfoOverMaximum && lengthField > _buffer.Length - SlipFrame.HeaderSize)
                {
                    return 0;
                }

                Array.Copy(data, position, _buffer, 0, SlipFrame.HeaderSize);
                _count = SlipFrame.HeaderSize;
                _lengthField = lengthField;
                taken = SlipFrame.HeaderSize;
            }

            if (_buffer[0] == SlipFrame.InfoOverMaximum)
            {
                return taken;
            }

            // Only what fits: the byte that overflows the buffer is reported oversized by Store.
            int run = stop - position - taken;
            int room = _buffer.Length - _count;
            if (run > room)
            {
                run = room;
            }

            Array.Copy(data, position + taken, _buffer, _count, run);
            _count += run;
            return taken + run;
        }

        private static long ReadLengthField(byte[] data, int offset)
        {
            return ((long)data[offset] << 24) | ((long)data[offset + 1] << 16) | ((long)data[offset + 2] << 8) | data[offset + 3];
        }

        private void ApplyIdleTimeout(long now)
        {
            bool partial = _state == InFrame && (_count > 0 || _escapePending);
            if (partial && now - _lastByteAt >= _idleTimeoutMilliseconds)
            {
                _idleTimeouts++;
                Skip();
            }
        }

        // Takes one byte other than the delimiter (Feed closes frames itself). Returns true when the
        // byte completed an oversized report.
        private bool Accept(byte value)
        {
            if (_state == Hunting)
            {
                _garbageDropped++;
                Skip();
                return false;
            }

            if (_state == Skipping)
            {
                return false;
            }

            if (_escapePending)
            {
                _escapePending = false;
                if (value == SlipFrame.EscapedEnd)
                {
                    value = SlipFrame.End;
                }
                else if (value == SlipFrame.EscapedEscape)
                {
                    value = SlipFrame.Escape;
                }
                else
                {
                    Drop();
                    return false;
                }
            }
            else if (value == SlipFrame.Escape)
            {
                _escapePending = true;
                return false;
            }

            return Store(value);
        }

        private bool Store(byte value)
        {
            if (_count == 0 && !IsValidInfo(value))
            {
                // Reject noise at its first byte so that it cannot claim a length and look oversized.
                Drop();
                return false;
            }

            if (_count >= SlipFrame.HeaderSize && _buffer[0] == SlipFrame.InfoOverMaximum)
            {
                Drop();
                return false;
            }

            if (_count == _buffer.Length)
            {
                return ReportOversized();
            }

            _buffer[_count++] = value;
            if (_count == SlipFrame.HeaderSize)
            {
                _lengthField = ReadLengthField(_buffer, 1);

                // The over-maximum answer's length field is the sender's maximum, not a message length.
                if (_buffer[0] != SlipFrame.InfoOverMaximum && _lengthField > _buffer.Length - SlipFrame.HeaderSize)
                {
                    return ReportOversized();
                }
            }

            return false;
        }

        private bool CloseFrame()
        {
            if (_state != InFrame)
            {
                StartFrame();
                return false;
            }

            if (_escapePending)
            {
                _garbageDropped++;
                StartFrame();
                return false;
            }

            if (_count == 0)
            {
                return false;
            }

            bool valid = IsComplete();
            int messageLength = _count - SlipFrame.HeaderSize;
            StartFrame();
            if (!valid)
            {
                _garbageDropped++;
                return false;
            }

            _messageLength = messageLength;
            _framesDecoded++;
            _result = SlipDecodeResult.Frame;
            return true;
        }

        private bool IsComplete()
        {
            if (_count < SlipFrame.HeaderSize)
            {
                return false;
            }

            if (_buffer[0] == SlipFrame.InfoOverMaximum)
            {
                return _count == SlipFrame.HeaderSize;
            }

            return _lengthField == _count - SlipFrame.HeaderSize;
        }

        private bool IsValidInfo(byte info)
        {
            if (_direction == SlipDirection.HostToDevice)
            {
                return info == SlipFrame.InfoHostToDevice;
            }

            return info == SlipFrame.InfoDeviceToHost || info == SlipFrame.InfoOverMaximum;
        }

        private bool ReportOversized()
        {
            _oversizedFrames++;
            Skip();
            _result = SlipDecodeResult.Oversized;
            return true;
        }

        private void Drop()
        {
            _garbageDropped++;
            Skip();
        }

        private void StartFrame()
        {
            _state = InFrame;
            _count = 0;
            _escapePending = false;
        }

        private void Skip()
        {
            _state = Skipping;
            _count = 0;
            _escapePending = false;
        }
    }
}
