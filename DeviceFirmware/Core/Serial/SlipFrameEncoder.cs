using System;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Wraps MMS messages in SLIP frames (<see cref="SlipFrame"/>). The buffer overloads write into a
    /// caller-owned array so that the device encodes every frame without allocating.
    /// </summary>
    /// <remarks>
    /// The message is copied in runs: <see cref="Array.IndexOf(Array, object, int, int)"/> finds the next
    /// byte that needs escaping and <see cref="Array.Copy(Array, int, Array, int, int)"/> copies the bytes
    /// before it, both native on nanoFramework (see <see cref="SlipFrameDecoder"/>), so a message without
    /// <see cref="SlipFrame.End"/> or <see cref="SlipFrame.Escape"/> costs a few native calls instead of a
    /// call per byte. Counting escapes for <see cref="FrameLength"/> jumps the same way.
    /// </remarks>
    public static class SlipFrameEncoder
    {
        // Above this, the worst-case frame length (every byte escaped) no longer fits in an int.
        private const int LargestMessageLength = (int.MaxValue - 2) / 2 - SlipFrame.HeaderSize;

        // The bytes that need escaping, boxed once for Array.IndexOf.
        private static readonly object BoxedEnd = SlipFrame.End;
        private static readonly object BoxedEscape = SlipFrame.Escape;

        /// <summary>
        /// Worst-case frame length for a message: both delimiters plus every header and message byte
        /// escaped. A buffer this long always suffices.
        /// </summary>
        /// <param name="messageLength">Message length in bytes.</param>
        /// <exception cref="ArgumentOutOfRangeException">The length is negative or absurdly large.</exception>
        public static int MaxFrameLength(int messageLength)
        {
            CheckMessageLength(messageLength);
            return 2 + 2 * (SlipFrame.HeaderSize + messageLength);
        }

        /// <summary>Exact length of the frame <see cref="Encode(byte, byte[], int, int, byte[], int)"/> writes.</summary>
        /// <param name="info">Info byte.</param>
        /// <param name="message">Buffer holding the message.</param>
        /// <param name="offset">Offset of the message's first byte.</param>
        /// <param name="count">Message length in bytes.</param>
        public static int FrameLength(byte info, byte[] message, int offset, int count)
        {
            CheckRange(message, offset, count, "message");
            CheckMessageLength(count);
            return 2 + EscapedHeaderLength(info, count) + count + Occurrences(message, offset, count, BoxedEnd) + Occurrences(message, offset, count, BoxedEscape);
        }

        /// <summary>Writes one frame into <paramref name="destination"/>.</summary>
        /// <param name="info">Info byte, normally <see cref="SlipFrame.InfoHostToDevice"/> or <see cref="SlipFrame.InfoDeviceToHost"/>.</param>
        /// <param name="message">Buffer holding the message.</param>
        /// <param name="offset">Offset of the message's first byte.</param>
        /// <param name="count">Message length in bytes; also written to the length field.</param>
        /// <param name="destination">Receives the frame. <see cref="MaxFrameLength"/> bytes from <paramref name="destinationOffset"/> always suffice.</param>
        /// <param name="destinationOffset">Where the opening delimiter goes.</param>
        /// <returns>Number of bytes written.</returns>
        /// <exception cref="ArgumentException">The destination is too small; nothing was written.</exception>
        public static int Encode(byte info, byte[] message, int offset, int count, byte[] destination, int destinationOffset)
        {
            // CheckRange and CheckMessageLength, written out: this runs for every answer.
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            if (offset < 0 || count < 0 || offset > message.Length - count)
            {
                throw new ArgumentOutOfRangeException("message", "offset and count do not fit the buffer");
            }

            if (count > LargestMessageLength)
            {
                throw new ArgumentOutOfRangeException("length", "message length out of range");
            }

            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            // Counting escapes costs a pass over the message, so it is done only when the worst case
            // might not fit the room.
            int room = destinationOffset < 0 || destinationOffset > destination.Length ? -1 : destination.Length - destinationOffset;
            if (room < 2 + (2 * (SlipFrame.HeaderSize + count)) && room < FrameLength(info, message, offset, count))
            {
                throw new ArgumentException("destination too small for the frame");
            }

            int position = destinationOffset;
            destination[position++] = SlipFrame.End;

            // A message shorter than 0xC0 bytes, with a usual info byte, has a header with nothing to
            // escape (End and Escape are both 0xC0 or above): five stores. Otherwise WriteHeader.
            if (info < SlipFrame.End && count < SlipFrame.End)
            {
                destination[position] = info;
                destination[position + 1] = 0;
                destination[position + 2] = 0;
                destination[position + 3] = 0;
                destination[position + 4] = (byte)count;
                position += SlipFrame.HeaderSize;
            }
            else
            {
                position = WriteHeader(info, count, destination, position);
            }

            // The runs between bytes that need escaping, each one native copy; a message without
            // such bytes is two searches and one copy.
            int end = offset + count;
            int next = offset;
            while (next < end)
            {
                int special = Array.IndexOf(message, BoxedEnd, next, end - next);
                int limit = special < 0 ? end : special;
                int escape = Array.IndexOf(message, BoxedEscape, next, limit - next);
                special = escape >= 0 ? escape : limit;
                int run = special - next;
                Array.Copy(message, next, destination, position, run);
                position += run;
                if (special == end)
                {
                    break;
                }

                position = WriteEscaped(message[special], destination, position);
                next = special + 1;
            }

            destination[position++] = SlipFrame.End;
            return position - destinationOffset;
        }

        /// <summary>Returns one frame in a new array of exactly its length (for host tools and tests).</summary>
        /// <param name="info">Info byte.</param>
        /// <param name="message">The whole array is the message.</param>
        public static byte[] Encode(byte info, byte[] message)
        {
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            byte[] frame = new byte[FrameLength(info, message, 0, message.Length)];
            Encode(info, message, 0, message.Length, frame, 0);
            return frame;
        }

        /// <summary>
        /// Writes the device's answer to an oversized frame: info <see cref="SlipFrame.InfoOverMaximum"/>,
        /// the maximum message length in the length field, and an empty message.
        /// </summary>
        /// <param name="maxMessageLength">The device's maximum message length.</param>
        /// <param name="destination">Receives the frame; 12 bytes always suffice.</param>
        /// <param name="destinationOffset">Where the opening delimiter goes.</param>
        /// <returns>Number of bytes written.</returns>
        public static int EncodeOverMaximum(int maxMessageLength, byte[] destination, int destinationOffset)
        {
            CheckMessageLength(maxMessageLength);
            CheckDestination(destination, destinationOffset, 2 + EscapedHeaderLength(SlipFrame.InfoOverMaximum, maxMessageLength));

            int position = destinationOffset;
            destination[position++] = SlipFrame.End;
            position = WriteHeader(SlipFrame.InfoOverMaximum, maxMessageLength, destination, position);
            destination[position++] = SlipFrame.End;
            return position - destinationOffset;
        }

        /// <summary>Returns the answer to an oversized frame in a new array of exactly its length.</summary>
        /// <param name="maxMessageLength">The device's maximum message length.</param>
        public static byte[] EncodeOverMaximum(int maxMessageLength)
        {
            byte[] frame = new byte[2 + EscapedHeaderLength(SlipFrame.InfoOverMaximum, maxMessageLength)];
            EncodeOverMaximum(maxMessageLength, frame, 0);
            return frame;
        }

        private static int Occurrences(byte[] message, int offset, int count, object boxedValue)
        {
            int found = 0;
            int end = offset + count;
            int next = Array.IndexOf(message, boxedValue, offset, count);
            while (next >= 0)
            {
                found++;
                next = next + 1 < end ? Array.IndexOf(message, boxedValue, next + 1, end - next - 1) : -1;
            }

            return found;
        }

        private static int WriteHeader(byte info, int length, byte[] destination, int position)
        {
            byte b1 = (byte)((length >> 24) & 0xFF);
            byte b2 = (byte)((length >> 16) & 0xFF);
            byte b3 = (byte)((length >> 8) & 0xFF);
            byte b4 = (byte)(length & 0xFF);

            // The usual header has no byte of 0xC0 or above, so nothing to escape (End and Escape are
            // both above): five stores. Otherwise each byte is escaped as needed.
            if ((info | b1 | b2 | b3 | b4) < SlipFrame.End)
            {
                destination[position] = info;
                destination[position + 1] = b1;
                destination[position + 2] = b2;
                destination[position + 3] = b3;
                destination[position + 4] = b4;
                return position + SlipFrame.HeaderSize;
            }

            position = WriteEscaped(info, destination, position);
            position = WriteEscaped(b1, destination, position);
            position = WriteEscaped(b2, destination, position);
            position = WriteEscaped(b3, destination, position);
            return WriteEscaped(b4, destination, position);
        }

        private static int WriteEscaped(byte value, byte[] destination, int position)
        {
            if (value == SlipFrame.End)
            {
                destination[position++] = SlipFrame.Escape;
                destination[position++] = SlipFrame.EscapedEnd;
            }
            else if (value == SlipFrame.Escape)
            {
                destination[position++] = SlipFrame.Escape;
                destination[position++] = SlipFrame.EscapedEscape;
            }
            else
            {
                destination[position++] = value;
            }

            return position;
        }

        private static int EscapedHeaderLength(byte info, int length)
        {
            return EscapedLength(info)
                + EscapedLength((byte)((length >> 24) & 0xFF))
                + EscapedLength((byte)((length >> 16) & 0xFF))
                + EscapedLength((byte)((length >> 8) & 0xFF))
                + EscapedLength((byte)(length & 0xFF));
        }

        private static int EscapedLength(byte value)
        {
            return value == SlipFrame.End || value == SlipFrame.Escape ? 2 : 1;
        }

        private static void CheckMessageLength(int length)
        {
            if (length < 0 || length > LargestMessageLength)
            {
                throw new ArgumentOutOfRangeException("length", "message length out of range");
            }
        }

        private static void CheckRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(name);
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(name, "offset and count do not fit the buffer");
            }
        }

        private static void CheckDestination(byte[] destination, int offset, int needed)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0 || offset > destination.Length || destination.Length - offset < needed)
            {
                throw new ArgumentException("destination too small for the frame");
            }
        }
    }
}
