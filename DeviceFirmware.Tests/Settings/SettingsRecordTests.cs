using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>The settings record: byte-exact layout, and every way a slot's bytes can be refused.</summary>
    [TestClass]
    public class SettingsRecordTests
    {
        // The defaults of device "D1" as record sequence 1, field by field. The CRC was computed
        // independently (zlib.crc32 over the bytes before it). These are the bytes firmware 1.0.0
        // wrote; 1.1.0 writes and reads them unchanged, because the properties it added (fixed
        // settings, device information) have no entry: DefaultsSerializeByteExact and
        // DefaultsRecordParsesToDefaults pin that compatibility.
        private const string DefaultsHeader = "44465352 01 0C 006E 00000001";
        private const string DefaultsEntries =
            "11 00"                                                      // wlan.ssid, empty
            + "12 00"                                                    // wlan.password, empty
            + "21 00"                                                    // mqtt.broker, empty
            + "22 02 075B"                                               // mqtt.port 1883
            + "23 01 00"                                                 // mqtt.qos 0
            + "24 18 446576696365466972 6D77617265 2F4465766963652F 4431" // "DeviceFirmware/Device/D1"
            + "25 18 446576696365466972 6D77617265 2F5365727665722F 4431" // "DeviceFirmware/Server/D1"
            + "26 11 446576696365466972 6D77617265 2D 4431"               // "DeviceFirmware-D1"
            + "27 00"                                                    // mqtt.username, empty
            + "28 00"                                                    // mqtt.password, empty
            + "29 00"                                                    // mqtt.peer-name, empty
            + "2A 02 003C";                                              // mqtt.keepalive 60
        private const string DefaultsCrc = "938EAE69";

        private static byte[] DefaultsRecord()
        {
            return Hex.Parse(DefaultsHeader + DefaultsEntries + DefaultsCrc);
        }

        [TestMethod]
        public void LayoutConstants()
        {
            Assert.AreEqual(0, SettingsRecord.MagicOffset);
            Assert.AreEqual(4, SettingsRecord.VersionOffset);
            Assert.AreEqual(5, SettingsRecord.EntryCountOffset);
            Assert.AreEqual(6, SettingsRecord.LengthOffset);
            Assert.AreEqual(8, SettingsRecord.SequenceOffset);
            Assert.AreEqual(12, SettingsRecord.HeaderLength);
            Assert.AreEqual(16, SettingsRecord.EmptyRecordLength);
            Assert.AreEqual(0x44465352u, SettingsRecord.Magic);
        }

        [TestMethod]
        public void MaxLengthHoldsEveryPropertyAtItsMaximum()
        {
            // 16 bytes of header and CRC, 12 entries of 2 bytes, 452 value bytes.
            Assert.AreEqual(492, SettingsRecord.MaxLength);
        }

        [TestMethod]
        public void KeysAreUniqueAndNonZero()
        {
            int stored = 0;
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                if (!property.IsStored)
                {
                    // Fixed settings and device information never have an entry.
                    Assert.AreEqual(PropertyDefinition.NoKey, property.Key, property.Name);
                    continue;
                }

                stored++;
                Assert.AreNotEqual((byte)0, property.Key, property.Name);
                Assert.AreEqual(i, PropertyTable.IndexOfKey(property.Key), property.Name);
            }

            Assert.AreEqual(12, stored);
            Assert.AreEqual(-1, PropertyTable.IndexOfKey(PropertyDefinition.NoKey));
        }

        [TestMethod]
        public void AnEntryWithKeyZeroIsSkipped()
        {
            // The defaults record with one more entry, key 00, carrying what would be a serial number.
            byte[] defaults = DefaultsRecord();
            int body = defaults.Length - SettingsRecord.CrcLength;
            byte[] extended = new byte[body + 6];
            System.Array.Copy(defaults, extended, body);
            System.Array.Copy(Hex.Parse("000412345670"), 0, extended, body, 6);
            extended[SettingsRecord.EntryCountOffset]++;
            extended[SettingsRecord.LengthOffset + 1] += 6;
            byte[] record = SettingsFixtures.WithCrc(extended);
            uint sequence;
            byte[][] values;
            SettingsRecordStatus status = SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values);
            string serial = Hex.Format(values[PropertyIndex.SerialNumber]);
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)status);
            Assert.AreEqual("841298C0", serial);
        }

        [TestMethod]
        public void DefaultsSerializeByteExact()
        {
            byte[] record = SettingsFixtures.Record(1, SettingsFixtures.Snapshot(SettingsFixtures.Defaults()));
            Assert.AreEqual(Hex.Format(DefaultsRecord()), Hex.Format(record));
        }

        [TestMethod]
        public void MeasureLengthMatchesSerialize()
        {
            byte[][] values = SettingsFixtures.Snapshot(SettingsFixtures.Defaults());
            Assert.AreEqual(110, SettingsRecord.MeasureLength(values));
            Assert.AreEqual(110, SettingsFixtures.Record(1, values).Length);
        }

        [TestMethod]
        public void DefaultsRecordParsesToDefaults()
        {
            byte[] record = DefaultsRecord();
            uint sequence;
            byte[][] values;
            SettingsRecordStatus status = SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values);
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)status);
            Assert.AreEqual(1u, sequence);
            Assert.IsTrue(SettingsFixtures.SameValues(SettingsFixtures.Snapshot(SettingsFixtures.Defaults()), values));
        }

        [TestMethod]
        public void LongestValuesRoundTrip()
        {
            byte[][] values = new byte[PropertyTable.Count][];
            for (int i = 0; i < values.Length; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                if (!property.IsStored)
                {
                    // Not written: they come back as the defaults whatever the array holds.
                    values[i] = SettingsFixtures.Defaults().Get(i);
                    continue;
                }

                values[i] = property.Kind == PropertyKind.Ascii ? Filled(property.MaxLength, (byte)('a' + i)) : SettingsFixtures.Number(i, property.MaxValue);
            }

            byte[] record = SettingsFixtures.Record(0xFFFFFFFE, values);
            Assert.AreEqual(SettingsRecord.MaxLength, record.Length);
            uint sequence;
            byte[][] parsed;
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out parsed));
            Assert.AreEqual(0xFFFFFFFEu, sequence);
            Assert.IsTrue(SettingsFixtures.SameValues(values, parsed), SettingsFixtures.Describe(parsed));
        }

        [TestMethod]
        public void BytesAfterTheRecordAreIgnored()
        {
            byte[] record = DefaultsRecord();
            byte[] slot = new byte[record.Length + 40];
            System.Array.Copy(record, slot, record.Length);
            for (int i = record.Length; i < slot.Length; i++)
            {
                slot[i] = 0xA5;
            }

            AssertStatus(SettingsRecordStatus.Valid, slot);
        }

        [TestMethod]
        public void NothingIsEmpty()
        {
            AssertStatus(SettingsRecordStatus.Empty, new byte[0]);
            uint sequence;
            byte[][] values;
            Assert.AreEqual((int)SettingsRecordStatus.Empty, (int)SettingsRecord.Parse(new byte[64], 0, SettingsFixtures.Defaults(), out sequence, out values));
            Assert.IsNull(values);
        }

        [TestMethod]
        public void EveryShorterPrefixIsTruncated()
        {
            byte[] record = DefaultsRecord();
            for (int count = 1; count < record.Length; count++)
            {
                uint sequence;
                byte[][] values;
                SettingsRecordStatus status = SettingsRecord.Parse(record, count, SettingsFixtures.Defaults(), out sequence, out values);
                Assert.AreEqual((int)SettingsRecordStatus.Truncated, (int)status, "count " + count.ToString());
                Assert.IsNull(values);
            }
        }

        [TestMethod]
        public void WrongMagicIsRefused()
        {
            byte[] record = DefaultsRecord();
            record[0] = (byte)'X';
            SettingsFixtures.FixCrc(record);
            AssertStatus(SettingsRecordStatus.BadMagic, record);
        }

        [TestMethod]
        public void ErasedAndBlankFlashAreRefused()
        {
            byte[] erased = Filled(64, 0xFF);
            AssertStatus(SettingsRecordStatus.BadMagic, erased);
            AssertStatus(SettingsRecordStatus.BadMagic, new byte[64]);
        }

        [TestMethod]
        public void OtherFormatVersionsAreRefused()
        {
            byte[] record = DefaultsRecord();
            record[SettingsRecord.VersionOffset] = 2;
            SettingsFixtures.FixCrc(record);
            AssertStatus(SettingsRecordStatus.UnsupportedVersion, record);
            record[SettingsRecord.VersionOffset] = 0;
            SettingsFixtures.FixCrc(record);
            AssertStatus(SettingsRecordStatus.UnsupportedVersion, record);
        }

        [TestMethod]
        public void WrongCrcIsRefused()
        {
            byte[] record = DefaultsRecord();
            record[record.Length - 1] ^= 0x01;
            AssertStatus(SettingsRecordStatus.BadCrc, record);
        }

        [TestMethod]
        public void EverySingleBitFlipIsRefused()
        {
            byte[] record = DefaultsRecord();
            for (int bit = 0; bit < record.Length * 8; bit++)
            {
                record[bit / 8] ^= (byte)(1 << (bit % 8));
                uint sequence;
                byte[][] values;
                SettingsRecordStatus status = SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values);
                Assert.AreNotEqual((int)SettingsRecordStatus.Valid, (int)status, "bit " + bit.ToString());
                record[bit / 8] ^= (byte)(1 << (bit % 8));
            }
        }

        [TestMethod]
        public void LengthFieldBeyondTheDataIsTruncated()
        {
            byte[] record = DefaultsRecord();
            record[SettingsRecord.LengthOffset] = 0xFF;
            record[SettingsRecord.LengthOffset + 1] = 0xFF;
            AssertStatus(SettingsRecordStatus.Truncated, record);
            record[SettingsRecord.LengthOffset] = 0x00;
            record[SettingsRecord.LengthOffset + 1] = 0x6F;
            AssertStatus(SettingsRecordStatus.Truncated, record);
        }

        [TestMethod]
        public void LengthFieldBelowAnEmptyRecordIsRefused()
        {
            byte[] record = DefaultsRecord();
            record[SettingsRecord.LengthOffset] = 0x00;
            record[SettingsRecord.LengthOffset + 1] = 0x0F;
            AssertStatus(SettingsRecordStatus.BadLength, record);
            record[SettingsRecord.LengthOffset + 1] = 0x00;
            AssertStatus(SettingsRecordStatus.BadLength, record);
        }

        [TestMethod]
        public void CountLargerThanTheBufferIsRefused()
        {
            byte[] record = DefaultsRecord();
            uint sequence;
            byte[][] values;
            Assert.AreEqual((int)SettingsRecordStatus.BadLength, (int)SettingsRecord.Parse(record, record.Length + 1, SettingsFixtures.Defaults(), out sequence, out values));
        }

        [TestMethod]
        public void EntryLengthRunningPastTheRecordIsRefused()
        {
            // One entry, mqtt.qos, claiming 5 value bytes where only 1 follows before the CRC.
            AssertStatus(SettingsRecordStatus.BadEntry, SettingsFixtures.WithCrc(Hex.Parse("44465352 01 01 0013 00000005 23 05 01")));
        }

        [TestMethod]
        public void EntryHeaderCutByTheCrcIsRefused()
        {
            // A lone key byte with no length byte before the CRC.
            AssertStatus(SettingsRecordStatus.BadEntry, SettingsFixtures.WithCrc(Hex.Parse("44465352 01 01 0011 00000005 23")));
        }

        [TestMethod]
        public void EntryCountDisagreeingWithTheEntriesIsRefused()
        {
            AssertStatus(SettingsRecordStatus.BadEntry, SettingsFixtures.WithCrc(Hex.Parse("44465352 01 02 0013 00000005 23 01 01")));
            AssertStatus(SettingsRecordStatus.BadEntry, SettingsFixtures.WithCrc(Hex.Parse("44465352 01 00 0013 00000005 23 01 01")));
        }

        [TestMethod]
        public void RepeatedKeyIsRefused()
        {
            AssertStatus(SettingsRecordStatus.BadEntry, SettingsFixtures.WithCrc(Hex.Parse("44465352 01 02 0016 00000005 23 01 01 23 01 02")));
        }

        [TestMethod]
        public void MissingKeysTakeTheirDefaults()
        {
            byte[] record = SettingsFixtures.WithCrc(Hex.Parse("44465352 01 01 0013 00000009 23 01 02"));
            uint sequence;
            byte[][] values;
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values));
            Assert.AreEqual(9u, sequence);
            byte[][] expected = SettingsFixtures.Snapshot(SettingsFixtures.Defaults());
            expected[PropertyIndex.MqttQos] = new byte[] { 2 };
            Assert.IsTrue(SettingsFixtures.SameValues(expected, values), SettingsFixtures.Describe(values));
        }

        [TestMethod]
        public void UnknownKeysAreSkipped()
        {
            // Key 7F (a property of some later firmware) with 3 bytes, then mqtt.qos 1, then key 00 empty.
            byte[] record = SettingsFixtures.WithCrc(Hex.Parse("44465352 01 03 001A 00000002 7F 03 AABBCC 23 01 01 00 00"));
            uint sequence;
            byte[][] values;
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values));
            Assert.AreEqual(1, (int)values[PropertyIndex.MqttQos][0]);
            Assert.AreEqual(Hex.Format(SettingsFixtures.Defaults().Get(PropertyIndex.MqttPort)), Hex.Format(values[PropertyIndex.MqttPort]));
        }

        [TestMethod]
        public void EmptyRecordGivesAllDefaults()
        {
            byte[] record = SettingsFixtures.WithCrc(Hex.Parse("44465352 01 00 0010 00000003"));
            uint sequence;
            byte[][] values;
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values));
            Assert.IsTrue(SettingsFixtures.SameValues(SettingsFixtures.Snapshot(SettingsFixtures.Defaults()), values));
        }

        [TestMethod]
        public void InvalidValuesRefuseTheWholeRecord()
        {
            // Each body is one entry that a Set would refuse, or that is not canonical, with a correct CRC.
            string[] entries = new string[]
            {
                "23 01 03",             // mqtt.qos 3: out of range
                "23 02 0001",           // mqtt.qos in two bytes: wrong length
                "22 02 0000",           // mqtt.port 0: out of range
                "22 01 50",             // mqtt.port in one byte: wrong length
                "25 03 612B62",         // mqtt.publish-topic "a+b": wildcard
                "25 00",                // mqtt.publish-topic empty: not allowed
                "24 03 612062",         // mqtt.subscribe-topic "a b": space
                "12 03 616263",         // wlan.password "abc": shorter than 8
                "11 03 616200",         // wlan.ssid "ab" with padding: not canonical
                "21 02 617F",           // mqtt.broker with DEL
            };
            for (int i = 0; i < entries.Length; i++)
            {
                byte[] entry = Hex.Parse(entries[i]);
                int length = SettingsRecord.EmptyRecordLength + entry.Length;
                byte[] body = Hex.Parse("44465352 01 01 " + Hex.Format(new byte[] { 0, (byte)length }) + " 00000004 " + entries[i]);
                byte[] record = SettingsFixtures.WithCrc(body);
                uint sequence;
                byte[][] values;
                SettingsRecordStatus status = SettingsRecord.Parse(record, record.Length, SettingsFixtures.Defaults(), out sequence, out values);
                Assert.AreEqual((int)SettingsRecordStatus.InvalidValue, (int)status, entries[i]);
                Assert.IsNull(values, entries[i]);
            }
        }

        [TestMethod]
        public void SerializeRefusesValuesParseWouldRefuse()
        {
            byte[][] values = SettingsFixtures.Snapshot(SettingsFixtures.Defaults());
            values[PropertyIndex.MqttQos] = new byte[] { 3 };
            Assert.ThrowsException(typeof(System.ArgumentException), () => SettingsFixtures.Record(1, values));
            values[PropertyIndex.MqttQos] = new byte[] { 0 };
            values[PropertyIndex.WlanSsid] = Hex.Parse("616200");
            Assert.ThrowsException(typeof(System.ArgumentException), () => SettingsFixtures.Record(1, values));
            values[PropertyIndex.WlanSsid] = null;
            Assert.ThrowsException(typeof(System.ArgumentException), () => SettingsFixtures.Record(1, values));
        }

        [TestMethod]
        public void SerializeRefusesASmallBuffer()
        {
            byte[][] values = SettingsFixtures.Snapshot(SettingsFixtures.Defaults());
            Assert.ThrowsException(typeof(System.ArgumentException), () => SettingsRecord.Serialize(1, values, new byte[109]));
        }

        [TestMethod]
        public void SequenceComparisonSurvivesTheWrap()
        {
            Assert.IsTrue(SettingsRecord.IsNewer(1, 0));
            Assert.IsFalse(SettingsRecord.IsNewer(0, 1));
            Assert.IsFalse(SettingsRecord.IsNewer(5, 5));
            Assert.IsTrue(SettingsRecord.IsNewer(0, 0xFFFFFFFF));
            Assert.IsFalse(SettingsRecord.IsNewer(0xFFFFFFFF, 0));
            Assert.IsTrue(SettingsRecord.IsNewer(3, 0xFFFFFFFE));
            Assert.IsTrue(SettingsRecord.IsNewer(0x80000000, 0x7FFFFFFF));
        }

        [TestMethod]
        public void DescribeNamesEveryStatus()
        {
            for (int i = 0; i <= (int)SettingsRecordStatus.Unreadable; i++)
            {
                Assert.AreNotEqual("unknown", SettingsRecord.Describe((SettingsRecordStatus)i), i.ToString());
            }
        }

        private static void AssertStatus(SettingsRecordStatus expected, byte[] slot)
        {
            uint sequence;
            byte[][] values;
            SettingsRecordStatus status = SettingsRecord.Parse(slot, slot.Length, SettingsFixtures.Defaults(), out sequence, out values);
            Assert.AreEqual((int)expected, (int)status, Hex.Format(slot));
            if (expected != SettingsRecordStatus.Valid)
            {
                Assert.IsNull(values);
                Assert.AreEqual(0u, sequence);
            }
        }

        private static byte[] Filled(int length, byte value)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = value;
            }

            return bytes;
        }
    }
}
