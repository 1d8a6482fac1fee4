namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Reads and writes the BER-TLV subset MMS uses: one-byte tags, short lengths (0x00-0x7F) and
    /// long lengths <c>81 n</c> to <c>84 nnnnnnnn</c>. Non-minimal long lengths such as <c>84 82 00 10</c>
    /// are accepted on input, because MagTek devices emit them. Nothing here allocates.
    /// </summary>
    public static class BerTlv
    {
        /// <summary>Bit 6 of a tag: the value holds further TLVs.</summary>
        public const byte ConstructedBit = 0x20;

        /// <summary>Mask of the tag-number bits of a one-byte tag.</summary>
        public const byte TagNumberMask = 0x1F;

        /// <summary>Mask of the class bits of a tag.</summary>
        public const byte ClassMask = 0xC0;

        /// <summary>Class bits of a context-specific tag (the message and payload tags).</summary>
        public const byte ContextClass = 0x80;

        /// <summary>Class bits of a private tag (the OID arcs inside tag 89).</summary>
        public const byte PrivateClass = 0xC0;

        /// <summary>Length bytes 0x81-0x84 say how many length bytes follow; 0x80 alone is the forbidden indefinite form.</summary>
        public const byte LongLengthFlag = 0x80;

        /// <summary>Largest short-form length.</summary>
        public const int MaxShortLength = 0x7F;

        /// <summary>Most length bytes accepted after the long-form flag.</summary>
        public const int MaxLengthBytes = 4;

        /// <summary>The long-form prefix for a two-byte length, the style MagTek responses use (<c>82 00 10</c>).</summary>
        public const byte TwoByteLengthPrefix = 0x82;

        /// <summary>Size of a length written in the two-byte long form.</summary>
        public const int FixedLengthSize = 3;

        /// <summary>Returned when the buffer ends inside a tag or length.</summary>
        public const int ErrorTruncated = -1;

        /// <summary>Returned for a multi-byte tag (low five bits all set), which MMS does not use.</summary>
        public const int ErrorMultiByteTag = -2;

        /// <summary>Returned for the indefinite length form 0x80, or more than four length bytes.</summary>
        public const int ErrorBadLength = -3;

        /// <summary>Returned when the value runs past the end of its enclosing buffer.</summary>
        public const int ErrorOverrun = -4;

        /// <summary>
        /// Reads one TLV header and checks that its value fits before <paramref name="end"/>.
        /// </summary>
        /// <param name="buffer">Buffer holding the TLV.</param>
        /// <param name="offset">Offset of the tag byte.</param>
        /// <param name="end">Offset just past the enclosing data.</param>
        /// <param name="tag">Receives the tag byte.</param>
        /// <param name="valueOffset">Receives the offset of the first value byte.</param>
        /// <param name="valueLength">Receives the value length.</param>
        /// <returns>Offset just past the value (the next TLV), or a negative Error constant.</returns>
        public static int Read(byte[] buffer, int offset, int end, out byte tag, out int valueOffset, out int valueLength)
        {
            // Short length and a one-byte tag, as nearly every TLV of a request: decided in a few steps
            // (a request is read a dozen TLVs at a time, on an interpreter).
            if (end - offset >= 2)
            {
                byte shortTag = buffer[offset];
                int shortLength = buffer[offset + 1];
                if (shortLength <= MaxShortLength && (shortTag & TagNumberMask) != TagNumberMask && shortLength <= end - offset - 2)
                {
                    tag = shortTag;
                    valueOffset = offset + 2;
                    valueLength = shortLength;
                    return offset + 2 + shortLength;
                }
            }

            tag = 0;
            valueOffset = 0;
            valueLength = 0;
            if (offset >= end)
            {
                return ErrorTruncated;
            }

            tag = buffer[offset];
            if ((tag & TagNumberMask) == TagNumberMask)
            {
                return ErrorMultiByteTag;
            }

            int pos = offset + 1;
            if (pos >= end)
            {
                return ErrorTruncated;
            }

            int first = buffer[pos++];
            int length;
            if (first <= MaxShortLength)
            {
                length = first;
            }
            else
            {
                int count = first & MaxShortLength;
                if (count == 0 || count > MaxLengthBytes)
                {
                    return ErrorBadLength;
                }

                if (end - pos < count)
                {
                    return ErrorTruncated;
                }

                // Accumulate in a long: four length bytes can exceed int.MaxValue, and overflow would not throw.
                long wide = 0;
                for (int i = 0; i < count; i++)
                {
                    wide = (wide << 8) | buffer[pos++];
                }

                if (wide > end - pos)
                {
                    return ErrorOverrun;
                }

                length = (int)wide;
            }

            if (length > end - pos)
            {
                return ErrorOverrun;
            }

            valueOffset = pos;
            valueLength = length;
            return pos + length;
        }

        /// <summary>True when the tag has the constructed bit.</summary>
        public static bool IsConstructed(byte tag)
        {
            return (tag & ConstructedBit) != 0;
        }

        /// <summary>Number of bytes the shortest (DER) encoding of a length takes.</summary>
        public static int MinimalLengthSize(int length)
        {
            if (length <= MaxShortLength)
            {
                return 1;
            }

            if (length <= 0xFF)
            {
                return 2;
            }

            if (length <= 0xFFFF)
            {
                return 3;
            }

            if (length <= 0xFFFFFF)
            {
                return 4;
            }

            return 5;
        }

        /// <summary>Writes a length in the shortest form.</summary>
        /// <returns>Offset just past the length bytes.</returns>
        public static int WriteMinimalLength(byte[] buffer, int offset, int length)
        {
            int size = MinimalLengthSize(length);
            if (size == 1)
            {
                buffer[offset] = (byte)length;
                return offset + 1;
            }

            int count = size - 1;
            buffer[offset] = (byte)(LongLengthFlag | count);
            for (int i = 0; i < count; i++)
            {
                buffer[offset + size - 1 - i] = (byte)(length >> (8 * i));
            }

            return offset + size;
        }

        /// <summary>Writes a length as <c>82 hi lo</c>, the fixed style MagTek responses use. The length must be below 65536.</summary>
        /// <returns>Offset just past the length bytes.</returns>
        public static int WriteFixedLength(byte[] buffer, int offset, int length)
        {
            buffer[offset] = TwoByteLengthPrefix;
            buffer[offset + 1] = (byte)(length >> 8);
            buffer[offset + 2] = (byte)length;
            return offset + FixedLengthSize;
        }

        /// <summary>Number of bytes a length takes in the chosen style.</summary>
        public static int LengthSize(int length, bool fixedStyle)
        {
            return fixedStyle ? FixedLengthSize : MinimalLengthSize(length);
        }

        /// <summary>Writes a length in the chosen style.</summary>
        /// <returns>Offset just past the length bytes.</returns>
        public static int WriteLength(byte[] buffer, int offset, int length, bool fixedStyle)
        {
            return fixedStyle ? WriteFixedLength(buffer, offset, length) : WriteMinimalLength(buffer, offset, length);
        }
    }
}
