using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// One generation of settings: every property value as one durable record held them. It never
    /// changes, so a thread that needs several properties that belong together (a topic and its QoS,
    /// a broker and its port) reads them from one snapshot, <see cref="SettingsStore.Current"/>, and
    /// cannot see half of a later change.
    /// </summary>
    /// <remarks>
    /// Every value lives in one byte array: a table of <see cref="PropertyTable.Count"/> + 1 two-byte
    /// offsets (big-endian), then the values back to back, value <c>i</c> running from offset <c>i</c>
    /// to offset <c>i + 1</c>. On nanoCLR each array has a header and each reference in an array of
    /// arrays is a heap block of its own (24 bytes on the lab's 64-bit build, 12 on the ESP32), so one
    /// array for about 300 bytes of values keeps about a kilobyte less than an array per value.
    /// </remarks>
    public sealed class SettingsSnapshot
    {
        /// <summary>The one zero-length value: every empty text shares it, since an empty array cannot change.</summary>
        internal static readonly byte[] EmptyValue = new byte[0];

        // Bytes of one offset in the table.
        private const int OffsetSize = 2;

        // Offsets are two bytes: no snapshot holds more than this (the table's values need about 500).
        private const int LargestData = 0xFFFF;

        // The offset table and the values; never written after construction.
        private readonly byte[] _data;

        /// <summary>Packs one value per property; the arrays are copied, not kept.</summary>
        /// <exception cref="ArgumentException">The values are not one array per property, or too long together.</exception>
        internal SettingsSnapshot(byte[][] values)
            : this(null, values)
        {
        }

        // The values of `basis` (when not null) where `values` holds null, those of `values` elsewhere.
        // Offsets are read and written in place and each run of kept values is one copy: this runs
        // for every settings write, on an interpreter where every call costs.
        private SettingsSnapshot(SettingsSnapshot basis, byte[][] values)
        {
            int count = PropertyTable.Count;
            if (values == null || values.Length != count)
            {
                throw new ArgumentException("one value per property is required", "values");
            }

            byte[] from = basis == null ? null : basis._data;
            int tableLength = (count + 1) * OffsetSize;
            int length = tableLength;
            for (int i = 0; i < count; i++)
            {
                if (values[i] != null)
                {
                    length += values[i].Length;
                }
                else if (from == null)
                {
                    throw new ArgumentException("one value per property is required", "values");
                }
                else
                {
                    int at = i * OffsetSize;
                    length += ((from[at + 2] << 8) | from[at + 3]) - ((from[at] << 8) | from[at + 1]);
                }
            }

            if (length > LargestData)
            {
                throw new ArgumentException("values too long for one snapshot", "values");
            }

            byte[] data = new byte[length];
            int position = tableLength;
            int index = 0;
            while (index < count)
            {
                byte[] value = values[index];
                if (value != null)
                {
                    WriteOffset(data, index, position);
                    Array.Copy(value, 0, data, position, value.Length);
                    position += value.Length;
                    index++;
                    continue;
                }

                // A run of kept values: their offsets move by the same amount, their bytes in one copy.
                int end = index + 1;
                while (end < count && values[end] == null)
                {
                    end++;
                }

                int runStart = (from[index * OffsetSize] << 8) | from[(index * OffsetSize) + 1];
                int runEnd = (from[end * OffsetSize] << 8) | from[(end * OffsetSize) + 1];
                int shift = position - runStart;
                for (int i = index; i < end; i++)
                {
                    WriteOffset(data, i, ((from[i * OffsetSize] << 8) | from[(i * OffsetSize) + 1]) + shift);
                }

                Array.Copy(from, runStart, data, position, runEnd - runStart);
                position += runEnd - runStart;
                index = end;
            }

            WriteOffset(data, count, position);
            _data = data;
        }

        /// <summary>Number of bytes stored for a property (text without its zero padding).</summary>
        public int GetLength(int index)
        {
            return Start(index + 1) - Start(index);
        }

        /// <summary>Copies a property's stored bytes into <paramref name="destination"/>.</summary>
        /// <returns>Number of bytes copied.</returns>
        public int CopyValue(int index, byte[] destination, int offset)
        {
            int start = Start(index);
            int length = Start(index + 1) - start;
            Array.Copy(_data, start, destination, offset, length);
            return length;
        }

        /// <summary>Returns a one-byte property, such as the QoS.</summary>
        public byte GetByte(int index)
        {
            return _data[Start(index)];
        }

        /// <summary>Returns a two-byte big-endian property, such as the port.</summary>
        public int GetUInt16(int index)
        {
            int start = Start(index);
            return (_data[start] << 8) | _data[start + 1];
        }

        /// <summary>Returns a text property as a string (allocates; not for the request path).</summary>
        public string GetText(int index)
        {
            int start = Start(index);
            char[] chars = new char[Start(index + 1) - start];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)_data[start + i];
            }

            return new string(chars);
        }

        /// <summary>True when the property holds exactly these bytes.</summary>
        public bool ValueEquals(int index, byte[] buffer, int offset, int length)
        {
            int start = Start(index);
            if (Start(index + 1) - start != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_data[start + i] != buffer[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Copies a value for keeping: a new array, or for an empty value the one shared empty array
        /// (each empty array would cost a heap block header for nothing).
        /// </summary>
        internal static byte[] KeepCopy(byte[] buffer, int offset, int length)
        {
            if (length == 0)
            {
                return EmptyValue;
            }

            byte[] value = new byte[length];
            Array.Copy(buffer, offset, value, 0, length);
            return value;
        }

        /// <summary>A property's value in an array of its own (see <see cref="KeepCopy"/>).</summary>
        internal byte[] CopyOf(int index)
        {
            int start = Start(index);
            return KeepCopy(_data, start, Start(index + 1) - start);
        }

        /// <summary>A new snapshot: this one's values, with <paramref name="replaced"/>'s where it holds one.</summary>
        /// <param name="replaced">One entry per property; null keeps this snapshot's value.</param>
        internal SettingsSnapshot With(byte[][] replaced)
        {
            return new SettingsSnapshot(this, replaced);
        }

        /// <summary>The array holding the values, for the record writer; never written.</summary>
        internal byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Where a property's value starts in <see cref="Data"/>.</summary>
        internal int Start(int index)
        {
            int at = index * OffsetSize;
            return (_data[at] << 8) | _data[at + 1];
        }

        private static void WriteOffset(byte[] data, int index, int offset)
        {
            data[index * OffsetSize] = (byte)(offset >> 8);
            data[(index * OffsetSize) + 1] = (byte)offset;
        }
    }
}
