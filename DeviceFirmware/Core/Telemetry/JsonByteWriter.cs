using System;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Writes compact ASCII JSON tokens straight into a byte buffer of bounded size. No StringBuilder, no
    /// strings per token and no floating point: numbers are formatted digit by digit from integers,
    /// so the device and the host produce byte-identical output.
    /// </summary>
    /// <remarks>
    /// The writer does not escape: callers write only keys and values they validated beforehand
    /// (letters, digits, '-', '_'). One instance is not thread-safe.
    /// </remarks>
    public sealed class JsonByteWriter
    {
        /// <summary>Longest text <see cref="WriteFixedPoint"/> can produce: sign, 19 digits and a decimal point.</summary>
        public const int MaxNumberLength = 21;

        /// <summary>Largest number of decimal places <see cref="WriteFixedPoint"/> accepts.</summary>
        public const int MaxDecimals = 6;

        private const byte Quote = (byte)'"';
        private const byte Minus = (byte)'-';
        private const byte Point = (byte)'.';
        private const byte Zero = (byte)'0';

        // Bytes added to what a write needs when the buffer grows, so that the next few digits of a
        // slowly growing number (an uptime, a counter) do not each grow it again.
        private const int GrowthSlack = 32;

        private readonly int _capacity;
        private byte[] _buffer;

        // 10^0 to 10^19: a ulong magnitude (at most 2^63) has at most 19 digits.
        private static readonly ulong[] PowersOfTen = new ulong[]
        {
            1UL, 10UL, 100UL, 1000UL, 10000UL, 100000UL, 1000000UL, 10000000UL, 100000000UL, 1000000000UL,
            10000000000UL, 100000000000UL, 1000000000000UL, 10000000000000UL, 100000000000000UL,
            1000000000000000UL, 10000000000000000UL, 100000000000000000UL, 1000000000000000000UL, 10000000000000000000UL,
        };
        private int _length;

        /// <summary>Creates a writer over a new buffer of <paramref name="capacity"/> bytes.</summary>
        /// <param name="capacity">Largest number of bytes one document may take.</param>
        public JsonByteWriter(int capacity)
            : this(capacity, capacity)
        {
        }

        /// <summary>
        /// Creates a writer whose buffer starts at <paramref name="initialSize"/> bytes and grows as
        /// documents need, up to <paramref name="capacity"/>: a bound computed for the worst case
        /// (every number at its longest) is then not kept in memory for documents that never reach it.
        /// </summary>
        /// <param name="initialSize">Bytes of the buffer at first, 1 to <paramref name="capacity"/>.</param>
        /// <param name="capacity">Largest number of bytes one document may take.</param>
        public JsonByteWriter(int initialSize, int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            if (initialSize < 1 || initialSize > capacity)
            {
                throw new ArgumentOutOfRangeException("initialSize");
            }

            _capacity = capacity;
            _buffer = new byte[initialSize];
        }

        /// <summary>Number of bytes written since the last <see cref="Reset"/>.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Largest number of bytes one document may take.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Starts a new document in the same buffer.</summary>
        public void Reset()
        {
            _length = 0;
        }

        /// <summary>Appends one byte.</summary>
        /// <exception cref="InvalidOperationException">The buffer is full.</exception>
        public void WriteByte(byte value)
        {
            if (_length >= _buffer.Length)
            {
                Grow(_length + 1);
            }

            _buffer[_length++] = value;
        }

        /// <summary>
        /// Writes bytes prepared beforehand (keys and names encoded once, at construction): one copy
        /// instead of a bounds check per character.
        /// </summary>
        public void WriteBytes(byte[] bytes)
        {
            if (bytes.Length > _buffer.Length - _length)
            {
                Grow(_length + bytes.Length);
            }

            // One native copy: on nanoCLR it costs about what three bytes copied in a loop cost, and
            // the keys are 7 to 26 bytes long.
            Array.Copy(bytes, 0, _buffer, _length, bytes.Length);
            _length += bytes.Length;
        }

        // Makes room for a document of `needed` bytes, or refuses past the capacity. Rare: the buffer
        // keeps its size, so it grows only when a document is longer than every one before.
        private void Grow(int needed)
        {
            if (needed > _capacity)
            {
                throw new InvalidOperationException("JSON buffer full");
            }

            int size = needed > _capacity - GrowthSlack ? _capacity : needed + GrowthSlack;
            byte[] larger = new byte[size];
            Array.Copy(_buffer, larger, _length);
            _buffer = larger;
        }

        /// <summary>Returns the ASCII bytes of <paramref name="text"/>, for <see cref="WriteBytes"/>.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>Appends ASCII text as it is (no quotes, no escaping).</summary>
        /// <param name="text">Characters 0x20 to 0x7E only; the caller guarantees it.</param>
        public void WriteAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                WriteByte((byte)text[i]);
            }
        }

        /// <summary>Appends ASCII text in double quotes, without escaping.</summary>
        /// <param name="text">Text that needs no JSON escaping; the caller guarantees it.</param>
        public void WriteQuoted(string text)
        {
            WriteByte(Quote);
            WriteAscii(text);
            WriteByte(Quote);
        }

        /// <summary>Appends an integer in decimal, with a leading '-' when negative.</summary>
        public void WriteInteger(long value)
        {
            WriteFixedPoint(value, 0);
        }

        /// <summary>
        /// Appends <c>scaledValue / 10^decimals</c> in decimal with exactly <paramref name="decimals"/>
        /// fraction digits: (2150, 2) gives <c>21.50</c>, (-5, 2) gives <c>-0.05</c>, (7, 0) gives <c>7</c>.
        /// </summary>
        /// <param name="scaledValue">The value times 10^decimals; any long, <see cref="long.MinValue"/> included.</param>
        /// <param name="decimals">0 to <see cref="MaxDecimals"/>.</param>
        public void WriteFixedPoint(long scaledValue, int decimals)
        {
            if (decimals < 0 || decimals > MaxDecimals)
            {
                throw new ArgumentOutOfRangeException("decimals");
            }

            bool negative = scaledValue < 0;

            // -(long.MinValue) does not fit a long, so shift by one before negating.
            ulong magnitude = negative ? (ulong)(-(scaledValue + 1)) + 1UL : (ulong)scaledValue;
            int digits = 1;
            while (digits < PowersOfTen.Length && magnitude >= PowersOfTen[digits])
            {
                digits++;
            }

            // At least one integer digit before the point: 5 with 2 decimals is 0.05.
            int count = digits > decimals ? digits : decimals + 1;
            int length = count + (negative ? 1 : 0) + (decimals > 0 ? 1 : 0);
            if (length > _buffer.Length - _length)
            {
                Grow(_length + length);
            }

            // Written from the last digit backwards, straight into the buffer: no scratch copy.
            byte[] buffer = _buffer;
            int pos = _length + length;
            for (int k = 0; k < count; k++)
            {
                if (k == decimals && decimals > 0)
                {
                    buffer[--pos] = Point;
                }

                buffer[--pos] = (byte)(Zero + (int)(magnitude % 10UL));
                magnitude /= 10UL;
            }

            if (negative)
            {
                buffer[--pos] = Minus;
            }

            _length += length;
        }

        /// <summary>Copies what was written to the start of <paramref name="destination"/>, which must be long enough.</summary>
        public void CopyTo(byte[] destination)
        {
            Array.Copy(_buffer, destination, _length);
        }

        /// <summary>Returns a new array holding exactly the bytes written.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_buffer, copy, _length);
            return copy;
        }
    }
}
