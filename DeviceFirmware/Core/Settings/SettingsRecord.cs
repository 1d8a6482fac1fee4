using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// The byte layout of one settings record: every property value at once, so that a multi-leaf
    /// Set becomes durable in a single slot write. All multi-byte fields are big-endian, like the
    /// MMS wire format.
    /// </summary>
    /// <remarks>
    /// <code>
    /// offset  size  field
    ///      0     4  magic "DFSR" (44 46 53 52)
    ///      4     1  format version (1)
    ///      5     1  number of entries
    ///      6     2  record length in bytes, header and CRC included
    ///      8     4  sequence number; the slot with the newer one wins
    ///     12     n  entries, each: key (1), value length (1), canonical value bytes
    ///    L-4     4  CRC-32 (IEEE) of bytes 0 to L-5
    /// </code>
    /// Entries are keyed by <see cref="PropertyDefinition.Key"/>, not by table position, so that a
    /// later firmware can add or drop properties: unknown keys are skipped and missing keys take
    /// their default. Only stored properties (<see cref="PropertyDefinition.IsStored"/>) have entries:
    /// fixed settings and device information are not written, and always take the composition's value,
    /// so adding them to the table left this format, and every record written before, unchanged.
    /// Bytes after the record length are ignored, because a slot may keep the tail of a longer record
    /// it held before.
    /// </remarks>
    public static class SettingsRecord
    {
        /// <summary>Offset of the magic.</summary>
        public const int MagicOffset = 0;

        /// <summary>Size of the magic.</summary>
        public const int MagicLength = 4;

        /// <summary>The magic, "DFSR" (DeviceFirmware settings record); neither erased (FF) nor blank (00) flash.</summary>
        public const uint Magic = 0x44465352;

        /// <summary>Offset of the format version.</summary>
        public const int VersionOffset = 4;

        /// <summary>The only format version this firmware writes and reads.</summary>
        public const byte FormatVersion = 1;

        /// <summary>Offset of the number of entries.</summary>
        public const int EntryCountOffset = 5;

        /// <summary>Offset of the record length.</summary>
        public const int LengthOffset = 6;

        /// <summary>Size of the record length field.</summary>
        public const int LengthFieldLength = 2;

        /// <summary>Largest value the record length field can hold.</summary>
        public const int MaxRecordLength = 0xFFFF;

        /// <summary>Offset of the sequence number.</summary>
        public const int SequenceOffset = 8;

        /// <summary>Size of the sequence number.</summary>
        public const int SequenceLength = 4;

        /// <summary>Size of the header; the first entry starts here.</summary>
        public const int HeaderLength = 12;

        /// <summary>Offset of the key within an entry.</summary>
        public const int EntryKeyOffset = 0;

        /// <summary>Offset of the value length within an entry.</summary>
        public const int EntryLengthOffset = 1;

        /// <summary>Size of an entry before its value bytes.</summary>
        public const int EntryHeaderLength = 2;

        /// <summary>Longest value one entry can hold (its length is one byte).</summary>
        public const int MaxValueLength = 0xFF;

        /// <summary>Most entries the count field can announce.</summary>
        public const int MaxEntryCount = 0xFF;

        /// <summary>Size of the CRC at the end of the record.</summary>
        public const int CrcLength = 4;

        /// <summary>Length of a record without entries, the smallest a length field may announce.</summary>
        public const int EmptyRecordLength = HeaderLength + CrcLength;

        /// <summary>
        /// Length of the largest record this firmware writes: every stored property at its maximum
        /// length. A slot must hold at least this many bytes.
        /// </summary>
        public static int MaxLength
        {
            get
            {
                int length = EmptyRecordLength;
                for (int i = 0; i < PropertyTable.Count; i++)
                {
                    if (PropertyTable.Get(i).IsStored)
                    {
                        length += EntryHeaderLength + PropertyTable.Get(i).MaxLength;
                    }
                }

                return length;
            }
        }

        /// <summary>
        /// True when <paramref name="candidate"/> was written after <paramref name="reference"/>,
        /// allowing for the counter wrapping from 0xFFFFFFFF to 0: the two slots never differ by
        /// anywhere near 2^31 writes, so the signed distance decides.
        /// </summary>
        public static bool IsNewer(uint candidate, uint reference)
        {
            int distance = unchecked((int)(candidate - reference));
            return distance > 0;
        }

        /// <summary>Returns the length <see cref="Serialize(uint, byte[][], byte[])"/> will produce for these values.</summary>
        /// <param name="values">One canonical value per <see cref="PropertyTable"/> entry (those not stored are not measured).</param>
        public static int MeasureLength(byte[][] values)
        {
            CheckShape(values);
            int length = EmptyRecordLength;
            for (int i = 0; i < values.Length; i++)
            {
                if (PropertyTable.Get(i).IsStored)
                {
                    length += EntryHeaderLength + values[i].Length;
                }
            }

            return length;
        }

        /// <summary>Writes a record holding every stored value, starting at offset 0 of <paramref name="buffer"/>.</summary>
        /// <param name="sequence">Sequence number of the record.</param>
        /// <param name="values">One canonical value per <see cref="PropertyTable"/> entry, indexed like the table; values of properties that are not stored are ignored.</param>
        /// <param name="buffer">Receives the record; at least <see cref="MeasureLength"/> bytes.</param>
        /// <returns>Length of the record.</returns>
        /// <exception cref="ArgumentException">
        /// A value that <see cref="Parse"/> would refuse, or a buffer that is too small. Checked here so
        /// that the store can never write a record that fails to load.
        /// </exception>
        public static int Serialize(uint sequence, byte[][] values, byte[] buffer)
        {
            CheckShape(values);
            return Serialize(sequence, new SettingsSnapshot(values), buffer, true);
        }

        /// <summary>
        /// Writes a record of a snapshot's stored values, as <see cref="Serialize(uint, byte[][], byte[])"/>
        /// does. The store passes <paramref name="check"/> false: every value it holds was checked where
        /// it came in (a change by <c>SettingsStore.Apply</c>, a record by <see cref="Parse"/>, a default
        /// by <see cref="SettingsDefaults"/>), and checking every text again cost a settings write on
        /// nanoCLR more than the rest of the record together.
        /// </summary>
        internal static int Serialize(uint sequence, SettingsSnapshot values, byte[] buffer, bool check)
        {
            // One pass measures (and checks), one writes.
            int count = PropertyTable.Count;
            byte[] data = values.Data;
            int length = EmptyRecordLength;
            int entries = 0;
            int invalid = -1;
            for (int i = 0; i < count; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                if (!property.IsStored)
                {
                    continue;
                }

                int start = values.Start(i);
                int valueLength = values.Start(i + 1) - start;
                length += EntryHeaderLength + valueLength;
                entries++;
                if (check && invalid < 0 && !IsCanonicalValue(property, data, start, valueLength))
                {
                    invalid = i;
                }
            }

            if (buffer == null || buffer.Length < length)
            {
                throw new ArgumentException("buffer too small for the settings record", "buffer");
            }

            if (invalid >= 0)
            {
                throw new ArgumentException("invalid value for " + PropertyTable.Get(invalid).Name, "values");
            }

            WriteUInt32(buffer, MagicOffset, Magic);
            buffer[VersionOffset] = FormatVersion;
            buffer[EntryCountOffset] = (byte)entries;
            WriteUInt16(buffer, LengthOffset, length);
            WriteUInt32(buffer, SequenceOffset, sequence);

            int position = HeaderLength;
            for (int i = 0; i < count; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                if (!property.IsStored)
                {
                    continue;
                }

                int start = values.Start(i);
                int valueLength = values.Start(i + 1) - start;
                buffer[position + EntryKeyOffset] = property.Key;
                buffer[position + EntryLengthOffset] = (byte)valueLength;
                Array.Copy(data, start, buffer, position + EntryHeaderLength, valueLength);
                position += EntryHeaderLength + valueLength;
            }

            WriteUInt32(buffer, position, Crc32.Compute(buffer, 0, position));
            return length;
        }

        /// <summary>
        /// Reads and checks a record. Any fault rejects the whole record, so a slot is either taken
        /// as it was written or not at all.
        /// </summary>
        /// <param name="buffer">Bytes read from a slot, starting at offset 0.</param>
        /// <param name="count">Number of bytes read; bytes after the record's own length are ignored.</param>
        /// <param name="defaults">Values of properties the record does not hold.</param>
        /// <param name="sequence">Receives the sequence number when the record is valid, else 0.</param>
        /// <param name="values">Receives one value per <see cref="PropertyTable"/> entry when valid, else null: the record's values, and the defaults of properties it does not hold (always those of properties that are not stored). The arrays of the record's values are new.</param>
        /// <returns><see cref="SettingsRecordStatus.Valid"/>, or why the record was refused.</returns>
        public static SettingsRecordStatus Parse(byte[] buffer, int count, SettingsDefaults defaults, out uint sequence, out byte[][] values)
        {
            sequence = 0;
            values = null;
            if (defaults == null)
            {
                throw new ArgumentNullException("defaults");
            }

            if (buffer == null || count <= 0)
            {
                return SettingsRecordStatus.Empty;
            }

            if (count > buffer.Length)
            {
                // A count the buffer cannot hold comes from a broken adapter; trust none of it.
                return SettingsRecordStatus.BadLength;
            }

            if (count < EmptyRecordLength)
            {
                return SettingsRecordStatus.Truncated;
            }

            if (ReadUInt32(buffer, MagicOffset) != Magic)
            {
                return SettingsRecordStatus.BadMagic;
            }

            if (buffer[VersionOffset] != FormatVersion)
            {
                return SettingsRecordStatus.UnsupportedVersion;
            }

            int length = ReadUInt16(buffer, LengthOffset);
            if (length < EmptyRecordLength)
            {
                return SettingsRecordStatus.BadLength;
            }

            if (length > count)
            {
                return SettingsRecordStatus.Truncated;
            }

            int crcOffset = length - CrcLength;
            if (ReadUInt32(buffer, crcOffset) != Crc32.Compute(buffer, 0, crcOffset))
            {
                return SettingsRecordStatus.BadCrc;
            }

            byte[][] parsed = new byte[PropertyTable.Count][];
            int expectedEntries = buffer[EntryCountOffset];
            int entries = 0;
            int position = HeaderLength;
            while (position < crcOffset)
            {
                if (crcOffset - position < EntryHeaderLength)
                {
                    return SettingsRecordStatus.BadEntry;
                }

                byte key = buffer[position + EntryKeyOffset];
                int valueLength = buffer[position + EntryLengthOffset];
                int valueOffset = position + EntryHeaderLength;
                if (valueLength > crcOffset - valueOffset)
                {
                    return SettingsRecordStatus.BadEntry;
                }

                int index = PropertyTable.IndexOfKey(key);
                if (index >= 0)
                {
                    if (parsed[index] != null)
                    {
                        return SettingsRecordStatus.BadEntry;
                    }

                    if (!IsCanonicalValue(PropertyTable.Get(index), buffer, valueOffset, valueLength))
                    {
                        return SettingsRecordStatus.InvalidValue;
                    }

                    parsed[index] = SettingsSnapshot.KeepCopy(buffer, valueOffset, valueLength);
                }

                entries++;
                position = valueOffset + valueLength;
            }

            if (entries != expectedEntries)
            {
                return SettingsRecordStatus.BadEntry;
            }

            for (int i = 0; i < parsed.Length; i++)
            {
                if (parsed[i] == null)
                {
                    parsed[i] = defaults.Get(i);
                }
            }

            sequence = ReadUInt32(buffer, SequenceOffset);
            values = parsed;
            return SettingsRecordStatus.Valid;
        }

        /// <summary>Short English text for a status, for log lines (an enum prints as a number on the device).</summary>
        public static string Describe(SettingsRecordStatus status)
        {
            switch (status)
            {
                case SettingsRecordStatus.Valid:
                    return "valid";
                case SettingsRecordStatus.Empty:
                    return "empty";
                case SettingsRecordStatus.Truncated:
                    return "truncated";
                case SettingsRecordStatus.BadMagic:
                    return "bad magic";
                case SettingsRecordStatus.UnsupportedVersion:
                    return "unsupported version";
                case SettingsRecordStatus.BadLength:
                    return "bad length";
                case SettingsRecordStatus.BadCrc:
                    return "bad CRC";
                case SettingsRecordStatus.BadEntry:
                    return "bad entry";
                case SettingsRecordStatus.InvalidValue:
                    return "invalid value";
                case SettingsRecordStatus.Unreadable:
                    return "unreadable";
                default:
                    return "unknown";
            }
        }

        /// <summary>Reads a big-endian 32-bit field.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Reads a big-endian 16-bit field.</summary>
        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)((value >> 16) & 0xFF);
            buffer[offset + 2] = (byte)((value >> 8) & 0xFF);
            buffer[offset + 3] = (byte)(value & 0xFF);
        }

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)((value >> 8) & 0xFF);
            buffer[offset + 1] = (byte)(value & 0xFF);
        }

        private static bool IsCanonicalValue(PropertyDefinition property, byte[] buffer, int offset, int length)
        {
            // The store compares values byte for byte to skip unchanged writes, so padded text that
            // Validate accepts on the wire is still refused inside a record.
            return property.Validate(buffer, offset, length) == PropertyValueError.None
                && property.CanonicalLength(buffer, offset, length) == length;
        }

        private static void CheckShape(byte[][] values)
        {
            if (values == null || values.Length != PropertyTable.Count)
            {
                throw new ArgumentException("one value per property is required", "values");
            }

            if (values.Length > MaxEntryCount)
            {
                throw new ArgumentException("too many properties for one record", "values");
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == null || values[i].Length > MaxValueLength)
                {
                    throw new ArgumentException("missing or oversized value for " + PropertyTable.Get(i).Name, "values");
                }
            }
        }
    }
}
