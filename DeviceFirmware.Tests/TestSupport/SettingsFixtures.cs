using System;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>Stores, values, changes and comparisons shared by every test that needs settings.</summary>
    public static class SettingsFixtures
    {
        /// <summary>Device ID of every test store; short, so that the literal records stay readable.</summary>
        public const string DeviceId = "D1";

        /// <summary>The factory defaults of device <see cref="DeviceId"/>.</summary>
        public static SettingsDefaults Defaults()
        {
            return SettingsDefaults.ForDevice(DeviceId);
        }

        /// <summary>Creates a store over <paramref name="flash"/> and loads it, as a boot does.</summary>
        public static SettingsStore Boot(IFlashStorage flash)
        {
            SettingsStore store = new SettingsStore(flash, Defaults(), NullLog.Instance);
            store.Load();
            return store;
        }

        /// <summary>Creates a store over <paramref name="flash"/> that logs to <paramref name="log"/>, and loads it.</summary>
        public static SettingsStore Boot(IFlashStorage flash, RecordingLog log)
        {
            SettingsStore store = new SettingsStore(flash, Defaults(), log);
            store.Load();
            return store;
        }

        /// <summary>A loaded store with <paramref name="defaults"/> over RAM flash.</summary>
        public static SettingsStore NewStore(SettingsDefaults defaults)
        {
            SettingsStore store = new SettingsStore(new MemoryFlashStorage(), defaults, NullLog.Instance);
            store.Load();
            return store;
        }

        /// <summary>Applies a numeric property through the store, as a Set request would, and checks it was written.</summary>
        public static void SetNumber(SettingsStore store, int index, int value)
        {
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(NumberChange(index, value)));
        }

        /// <summary>Applies a text property through the store, as a Set request would, and checks it was written.</summary>
        public static void SetText(SettingsStore store, int index, string text)
        {
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(TextChange(index, text)));
        }

        /// <summary>ASCII bytes of a string.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>The wire form of a number for a numeric property: one byte, or two big-endian.</summary>
        public static byte[] Number(int index, int value)
        {
            if (PropertyTable.Get(index).Kind == PropertyKind.UInt16)
            {
                return new byte[] { (byte)(value >> 8), (byte)(value & 0xFF) };
            }

            return new byte[] { (byte)value };
        }

        /// <summary>A change of one text property.</summary>
        public static SettingsChange TextChange(int index, string text)
        {
            SettingsChange change = new SettingsChange();
            AddText(change, index, text);
            return change;
        }

        /// <summary>A change of one numeric property.</summary>
        public static SettingsChange NumberChange(int index, int value)
        {
            SettingsChange change = new SettingsChange();
            AddNumber(change, index, value);
            return change;
        }

        /// <summary>Adds a text value to a change.</summary>
        public static void AddText(SettingsChange change, int index, string text)
        {
            byte[] value = Ascii(text);
            change.Add(index, value, 0, value.Length);
        }

        /// <summary>Adds a numeric value to a change.</summary>
        public static void AddNumber(SettingsChange change, int index, int value)
        {
            byte[] bytes = Number(index, value);
            change.Add(index, bytes, 0, bytes.Length);
        }

        /// <summary>Every value the store serves, as one line of text: equal lines mean equal settings.</summary>
        public static string Fingerprint(SettingsStore store)
        {
            return Describe(Snapshot(store));
        }

        /// <summary>Copies every value the store serves, for comparing generations of settings.</summary>
        public static byte[][] Snapshot(SettingsStore store)
        {
            byte[][] values = new byte[PropertyTable.Count][];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = new byte[store.GetLength(i)];
                store.CopyValue(i, values[i], 0);
            }

            return values;
        }

        /// <summary>Every value of the defaults, copied.</summary>
        public static byte[][] Snapshot(SettingsDefaults defaults)
        {
            byte[][] values = new byte[PropertyTable.Count][];
            for (int i = 0; i < values.Length; i++)
            {
                byte[] value = defaults.Get(i);
                values[i] = new byte[value.Length];
                Array.Copy(value, values[i], value.Length);
            }

            return values;
        }

        /// <summary>True when two snapshots hold the same bytes for every property.</summary>
        public static bool SameValues(byte[][] a, byte[][] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (Hex.Format(a[i]) != Hex.Format(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One line naming every value, for assertion messages.</summary>
        public static string Describe(byte[][] values)
        {
            string text = string.Empty;
            for (int i = 0; i < values.Length; i++)
            {
                text += PropertyTable.Get(i).Name + "=" + Hex.Format(values[i]) + " ";
            }

            return text;
        }

        /// <summary>Appends the big-endian CRC-32 of <paramref name="body"/>, turning hand-written bytes into a record.</summary>
        public static byte[] WithCrc(byte[] body)
        {
            byte[] record = new byte[body.Length + SettingsRecord.CrcLength];
            Array.Copy(body, record, body.Length);
            uint crc = Crc32.Compute(body, 0, body.Length);
            record[body.Length] = (byte)(crc >> 24);
            record[body.Length + 1] = (byte)((crc >> 16) & 0xFF);
            record[body.Length + 2] = (byte)((crc >> 8) & 0xFF);
            record[body.Length + 3] = (byte)(crc & 0xFF);
            return record;
        }

        /// <summary>Recomputes the CRC of a record in place after a test changed its bytes on purpose.</summary>
        public static void FixCrc(byte[] record)
        {
            int crcOffset = record.Length - SettingsRecord.CrcLength;
            byte[] body = new byte[crcOffset];
            Array.Copy(record, body, crcOffset);
            Array.Copy(WithCrc(body), crcOffset, record, crcOffset, SettingsRecord.CrcLength);
        }

        /// <summary>Serializes the defaults with one value replaced, as a complete record.</summary>
        public static byte[] Record(uint sequence, int index, byte[] value)
        {
            byte[][] values = Snapshot(Defaults());
            values[index] = value;
            return Record(sequence, values);
        }

        /// <summary>Serializes a full set of values as a complete record.</summary>
        public static byte[] Record(uint sequence, byte[][] values)
        {
            byte[] buffer = new byte[SettingsRecord.MaxLength];
            int length = SettingsRecord.Serialize(sequence, values, buffer);
            byte[] record = new byte[length];
            Array.Copy(buffer, record, length);
            return record;
        }
    }
}
