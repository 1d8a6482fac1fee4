using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>The two-slot settings store: what it loads, when it writes, whom it tells.</summary>
    [TestClass]
    public class SettingsStoreTests
    {
        // The first record written over empty flash: the defaults of "D1" with mqtt.qos 1, sequence 1,
        // in slot 0. CRC computed independently (zlib.crc32).
        private const string FirstWriteQos1 =
            "44465352 01 0C 006E 00000001 1100 1200 2100 2202075B 230101"
            + "2418 446576696365466972 6D77617265 2F4465766963652F 4431"
            + "2518 446576696365466972 6D77617265 2F5365727665722F 4431"
            + "2611 446576696365466972 6D77617265 2D 4431"
            + "2700 2800 2900 2A02003C 5AEF4F2C";

        // Shared with the reader thread of ConcurrentReadersNeverSeeAMixOfGenerations.
        private static SettingsStore s_store;
        private static int s_mismatches;
        private static int s_reads;

        [TestMethod]
        public void EmptyFlashLoadsDefaults()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            RecordingLog log = new RecordingLog();
            SettingsStore store = SettingsFixtures.Boot(flash, log);
            Assert.AreEqual((int)SettingsLoadSource.Defaults, (int)store.LoadSource);
            Assert.AreEqual(0u, store.LoadedSequence);
            Assert.AreEqual(SettingsStore.NoSlot, store.CurrentSlot);
            Assert.AreEqual((int)SettingsRecordStatus.Empty, (int)store.GetSlotStatus(0));
            Assert.AreEqual((int)SettingsRecordStatus.Empty, (int)store.GetSlotStatus(1));
            Assert.AreEqual((byte)0, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(1883, store.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual("DeviceFirmware/Server/D1", store.GetText(PropertyIndex.MqttPublishTopic));
            Assert.AreEqual(1, log.Count);
            Assert.AreEqual((int)LogLevel.Info, (int)log.LevelAt(0));
            Assert.AreEqual(0, flash.WriteAttempts);
        }

        [TestMethod]
        public void NewestOfTwoValidSlotsWins()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(7, 1));
            flash.SetContent(1, QosRecord(8, 2));
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Slot1, (int)store.LoadSource);
            Assert.AreEqual(8u, store.LoadedSequence);
            Assert.AreEqual((byte)2, store.GetByte(PropertyIndex.MqttQos));

            flash.SetContent(0, QosRecord(9, 1));
            store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Slot0, (int)store.LoadSource);
            Assert.AreEqual(9u, store.LoadedSequence);
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void NewestWinsAcrossTheSequenceWrap()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(0xFFFFFFFF, 1));
            flash.SetContent(1, QosRecord(0, 2));
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Slot1, (int)store.LoadSource);
            Assert.AreEqual((byte)2, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void CorruptNewerSlotFallsBackToTheOther()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            RecordingLog log = new RecordingLog();
            flash.SetContent(0, QosRecord(7, 1));
            flash.SetContent(1, QosRecord(8, 2));
            flash.FlipBits(1, 20, 0x10);
            SettingsStore store = SettingsFixtures.Boot(flash, log);
            Assert.AreEqual((int)SettingsLoadSource.Slot0, (int)store.LoadSource);
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)store.GetSlotStatus(0));
            Assert.AreEqual((int)SettingsRecordStatus.BadCrc, (int)store.GetSlotStatus(1));
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(1, log.Count);
            Assert.AreEqual((int)LogLevel.Warning, (int)log.LevelAt(0));
        }

        [TestMethod]
        public void BothSlotsCorruptLoadsDefaults()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(7, 1));
            flash.SetContent(1, Hex.Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"));
            flash.FlipBits(0, 0, 0x01);
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Defaults, (int)store.LoadSource);
            Assert.AreEqual((int)SettingsRecordStatus.BadMagic, (int)store.GetSlotStatus(0));
            Assert.AreEqual((int)SettingsRecordStatus.BadMagic, (int)store.GetSlotStatus(1));
            Assert.AreEqual((byte)0, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void SlotWithAnInvalidValueIsRefusedWhole()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(4, 1));

            // Newer, CRC correct, but QoS 3: a record no firmware should have written.
            byte[] bad = QosRecord(5, 2);
            int qosValueOffset = SettingsRecord.HeaderLength + 3 * 2 + 2 + 2 + 2;
            Assert.AreEqual(0x23, (int)bad[qosValueOffset - 2]);
            bad[qosValueOffset] = 3;
            SettingsFixtures.FixCrc(bad);
            flash.SetContent(1, bad);

            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsRecordStatus.InvalidValue, (int)store.GetSlotStatus(1));
            Assert.AreEqual((int)SettingsLoadSource.Slot0, (int)store.LoadSource);
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void UnreadableSlotDoesNotStopTheOther()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            RecordingLog log = new RecordingLog();
            flash.SetContent(0, QosRecord(8, 2));
            flash.SetContent(1, QosRecord(7, 1));
            flash.SetReadFailure(0, true);
            SettingsStore store = SettingsFixtures.Boot(flash, log);
            Assert.AreEqual((int)SettingsRecordStatus.Unreadable, (int)store.GetSlotStatus(0));
            Assert.AreEqual((int)SettingsLoadSource.Slot1, (int)store.LoadSource);
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(1, log.Count);
            Assert.AreEqual((int)LogLevel.Warning, (int)log.LevelAt(0));

            flash.SetReadFailure(1, true);
            store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Defaults, (int)store.LoadSource);
        }

        [TestMethod]
        public void StoreNeedsTwoSlots()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => new SettingsStore(new FakeFlashStorage(1, 1024), SettingsFixtures.Defaults(), NullLog.Instance));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new SettingsStore(null, SettingsFixtures.Defaults(), NullLog.Instance));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new SettingsStore(new FakeFlashStorage(), null, NullLog.Instance));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new SettingsStore(new FakeFlashStorage(), SettingsFixtures.Defaults(), null));
        }

        [TestMethod]
        public void UnchangedValuesWriteNothing()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            StoreListener listener = new StoreListener(flash, PropertyIndex.MqttQos);
            store.AddListener(listener);

            Assert.AreEqual((int)SettingsApplyResult.Unchanged, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 0)));
            Assert.AreEqual((int)SettingsApplyResult.Unchanged, (int)store.Apply(new SettingsChange()));
            Assert.AreEqual((int)SettingsApplyResult.Unchanged, (int)store.Apply(SettingsFixtures.TextChange(PropertyIndex.MqttPublishTopic, "DeviceFirmware/Server/D1")));

            // Zero padding is not a change: the change keeps the canonical form.
            SettingsChange padded = new SettingsChange();
            byte[] paddedTopic = Hex.Parse("4465766963654669726D776172652F5365727665722F4431 0000000000");
            padded.Add(PropertyIndex.MqttPublishTopic, paddedTopic, 0, paddedTopic.Length);
            Assert.AreEqual((int)SettingsApplyResult.Unchanged, (int)store.Apply(padded));

            Assert.AreEqual(0, flash.WriteAttempts);
            Assert.AreEqual(0, listener.Calls);
        }

        [TestMethod]
        public void FirstWriteGoesToSlot0WithSequence1ByteExact()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 1)));
            Assert.AreEqual(Hex.Format(Hex.Parse(FirstWriteQos1)), Hex.Format(flash.GetContent(0)));
            Assert.AreEqual(0, flash.GetLength(1));
            Assert.AreEqual(0, store.CurrentSlot);
            Assert.AreEqual(1u, store.CurrentSequence);
        }

        [TestMethod]
        public void ChangesAlternateSlotsWithRisingSequence()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(7, 1));
            SettingsStore store = SettingsFixtures.Boot(flash);
            byte[] slot0Before = flash.GetContent(0);

            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2)));
            Assert.AreEqual(1, flash.LastWriteSlot);
            Assert.AreEqual(1, store.CurrentSlot);
            Assert.AreEqual(8u, store.CurrentSequence);
            Assert.AreEqual(8u, SettingsRecord.ReadUInt32(flash.GetContent(1), SettingsRecord.SequenceOffset));
            Assert.AreEqual(Hex.Format(slot0Before), Hex.Format(flash.GetContent(0)));
            Assert.AreEqual(7u, store.LoadedSequence);

            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 0)));
            Assert.AreEqual(0, flash.LastWriteSlot);
            Assert.AreEqual(9u, store.CurrentSequence);
            Assert.AreEqual(2, flash.WriteCount);

            SettingsStore rebooted = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Slot0, (int)rebooted.LoadSource);
            Assert.AreEqual(9u, rebooted.LoadedSequence);
            Assert.AreEqual((byte)0, rebooted.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void WriteGoesOverAnInvalidSlotNotTheValidOne()
        {
            // Slot 0 holds a torn record with a higher sequence; slot 1 the valid one.
            FakeFlashStorage flash = new FakeFlashStorage();
            byte[] torn = QosRecord(12, 2);
            flash.SetContent(0, torn);
            flash.FlipBits(0, torn.Length - 1, 0xFF);
            flash.SetContent(1, QosRecord(11, 1));
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual(1, store.CurrentSlot);

            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 0)));
            Assert.AreEqual(0, flash.LastWriteSlot);
            Assert.AreEqual(12u, store.CurrentSequence);
        }

        [TestMethod]
        public void ApplyBeforeLoadLoadsFirst()
        {
            // Without the load the store would take slot 0 for free and write sequence 1 there,
            // and the next boot would bring back slot 1's older values.
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(49, 1));
            flash.SetContent(1, QosRecord(50, 2));
            SettingsStore store = new SettingsStore(flash, SettingsFixtures.Defaults(), NullLog.Instance);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttPort, 8883)));
            Assert.AreEqual(0, flash.LastWriteSlot);
            Assert.AreEqual(51u, store.CurrentSequence);

            SettingsStore rebooted = SettingsFixtures.Boot(flash);
            Assert.AreEqual(8883, rebooted.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual((byte)2, rebooted.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void SequenceWrapsOnWrite()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, QosRecord(0xFFFFFFFF, 1));
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2)));
            Assert.AreEqual(0u, store.CurrentSequence);

            SettingsStore rebooted = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsLoadSource.Slot1, (int)rebooted.LoadSource);
            Assert.AreEqual((byte)2, rebooted.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void ListenersAreToldOnceAfterTheWrite()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            StoreListener listener = new StoreListener(flash, PropertyIndex.MqttPort);
            store.AddListener(listener);

            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 0);
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 8883);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(change));

            Assert.AreEqual(1, listener.Calls);
            Assert.AreSame(store, listener.LastStore);
            Assert.AreEqual(1, listener.WritesAtLastCall);
            Assert.AreEqual("22B3", listener.WatchedAtLastCall);
            Assert.IsTrue(listener.LastChanged.Contains(PropertyIndex.MqttPort));
            Assert.IsFalse(listener.LastChanged.Contains(PropertyIndex.MqttQos));
            Assert.IsTrue(listener.LastChanged.ContainsConnectionProperty());
            Assert.IsFalse(listener.LastChanged.ContainsWlanProperty());
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                Assert.AreEqual(i == PropertyIndex.MqttPort, listener.LastChanged.Contains(i), PropertyTable.Get(i).Name);
            }
        }

        [TestMethod]
        public void RemovedListenerIsNotTold()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            StoreListener listener = new StoreListener(flash, PropertyIndex.MqttQos);
            store.AddListener(listener);
            store.RemoveListener(listener);
            store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 1));
            Assert.AreEqual(0, listener.Calls);
        }

        [TestMethod]
        public void FailingListenerDoesNotHideTheChangeFromOthers()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            RecordingLog log = new RecordingLog();
            SettingsStore store = SettingsFixtures.Boot(flash, log);
            StoreListener first = new StoreListener(flash, PropertyIndex.MqttQos);
            StoreListener second = new StoreListener(flash, PropertyIndex.MqttQos);
            first.Throws = true;
            store.AddListener(first);
            store.AddListener(second);

            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 1)));
            Assert.AreEqual(1, first.Calls);
            Assert.AreEqual(1, second.Calls);
            Assert.AreEqual(2, log.Count);
            Assert.AreEqual((int)LogLevel.Error, (int)log.LevelAt(1));
        }

        [TestMethod]
        public void StoreServesOldValuesWhileTheWriteIsUnderWay()
        {
            FakeFlashStorage inner = new FakeFlashStorage();
            WriteObservingFlash flash = new WriteObservingFlash(inner, PropertyIndex.MqttQos);
            SettingsStore store = new SettingsStore(flash, SettingsFixtures.Defaults(), NullLog.Instance);
            flash.Store = store;
            store.Load();

            store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2));
            Assert.AreEqual("00", flash.WatchedDuringWrite);
            Assert.AreEqual((byte)2, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void MultiPropertyChangeIsOneWrite()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            SettingsSnapshot before = store.Current;

            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "broker.example");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 8883);
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 2);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(change));
            Assert.AreEqual(1, flash.WriteAttempts);

            Assert.AreEqual("broker.example", store.GetText(PropertyIndex.MqttBroker));
            Assert.AreEqual(8883, store.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual((byte)2, store.GetByte(PropertyIndex.MqttQos));

            // The snapshot taken before is a whole generation and stays so.
            Assert.AreEqual(string.Empty, before.GetText(PropertyIndex.MqttBroker));
            Assert.AreEqual(1883, before.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual((byte)0, before.GetByte(PropertyIndex.MqttQos));

            SettingsStore rebooted = SettingsFixtures.Boot(flash);
            Assert.IsTrue(SettingsFixtures.SameValues(SettingsFixtures.Snapshot(store), SettingsFixtures.Snapshot(rebooted)));
        }

        [TestMethod]
        public void EveryPropertyInOneChangeIsOneWriteAndEmptyTextsStayEmpty()
        {
            // The change grows as values come (1, 2, 4, 8, 12 entries); empty values share one array.
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            SettingsFixtures.SetText(store, PropertyIndex.MqttUsername, "alice");

            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddText(change, PropertyIndex.WlanSsid, "net");
            SettingsFixtures.AddText(change, PropertyIndex.WlanPassword, "password1");
            SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "b.example");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 1884);
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 1);
            SettingsFixtures.AddText(change, PropertyIndex.MqttSubscribeTopic, string.Empty);
            SettingsFixtures.AddText(change, PropertyIndex.MqttPublishTopic, "p/t");
            SettingsFixtures.AddText(change, PropertyIndex.MqttClientId, "cid");
            SettingsFixtures.AddText(change, PropertyIndex.MqttUsername, string.Empty);
            SettingsFixtures.AddText(change, PropertyIndex.MqttPassword, string.Empty);
            SettingsFixtures.AddText(change, PropertyIndex.MqttPeerName, string.Empty);
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttKeepAlive, 30);
            // Every stored property, in table order (fixed settings and device information are not stored).
            int stored = 0;
            for (int index = 0; index < PropertyTable.Count; index++)
            {
                if (PropertyTable.Get(index).IsStored)
                {
                    Assert.AreEqual(index, change.IndexAt(stored));
                    stored++;
                }
            }

            Assert.AreEqual(12, stored);
            Assert.AreEqual(stored, change.Count);
            Assert.IsFalse(change.Add(PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1));

            int writes = flash.WriteAttempts;
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(change));
            Assert.AreEqual(writes + 1, flash.WriteAttempts);
            Assert.AreEqual("password1", store.GetText(PropertyIndex.WlanPassword));
            Assert.AreEqual(string.Empty, store.GetText(PropertyIndex.MqttUsername));
            Assert.AreEqual(0, store.GetLength(PropertyIndex.MqttSubscribeTopic));
            Assert.AreEqual(30, store.GetUInt16(PropertyIndex.MqttKeepAlive));

            SettingsStore rebooted = SettingsFixtures.Boot(flash);
            Assert.IsTrue(SettingsFixtures.SameValues(SettingsFixtures.Snapshot(store), SettingsFixtures.Snapshot(rebooted)));
            Assert.AreEqual(string.Empty, rebooted.GetText(PropertyIndex.MqttPeerName));
        }

        [TestMethod]
        public void FailedMultiPropertyChangeAppliesNothing()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            byte[][] before = SettingsFixtures.Snapshot(store);
            flash.FailNextWrite();

            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "broker.example");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 8883);
            Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(change));
            Assert.IsTrue(SettingsFixtures.SameValues(before, SettingsFixtures.Snapshot(store)));
        }

        [TestMethod]
        public void WriteFailureKeepsTheOldValuesAndTheNextApplyWorks()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            RecordingLog log = new RecordingLog();
            flash.SetContent(0, QosRecord(3, 1));
            SettingsStore store = SettingsFixtures.Boot(flash, log);
            StoreListener listener = new StoreListener(flash, PropertyIndex.MqttQos);
            store.AddListener(listener);
            byte[] goodSlot = flash.GetContent(0);

            flash.FailNextWrite();
            Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2)));
            Assert.AreEqual(1, flash.LastWriteSlot);
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(0, store.CurrentSlot);
            Assert.AreEqual(3u, store.CurrentSequence);
            Assert.AreEqual(0, listener.Calls);
            Assert.AreEqual(2, log.Count);
            Assert.AreEqual((int)LogLevel.Error, (int)log.LevelAt(1));
            Assert.AreEqual((byte)1, SettingsFixtures.Boot(flash).GetByte(PropertyIndex.MqttQos));

            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2)));
            Assert.AreEqual(1, flash.LastWriteSlot);
            Assert.AreEqual(4u, store.CurrentSequence);
            Assert.AreEqual(Hex.Format(goodSlot), Hex.Format(flash.GetContent(0)));
            Assert.AreEqual(1, listener.Calls);
            Assert.AreEqual((byte)2, SettingsFixtures.Boot(flash).GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void RepeatedWriteFailuresNeverTouchTheGoodSlot()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(1, QosRecord(3, 1));
            SettingsStore store = SettingsFixtures.Boot(flash);
            byte[] goodSlot = flash.GetContent(1);
            flash.WritesFail = true;
            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, i % 2 == 0 ? 2 : 0)));
                Assert.AreEqual(0, flash.LastWriteSlot);
            }

            Assert.AreEqual(Hex.Format(goodSlot), Hex.Format(flash.GetContent(1)));
            flash.WritesFail = false;
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 2)));
            Assert.AreEqual(4u, store.CurrentSequence);
        }

        [TestMethod]
        public void RecordTooLargeForTheSlotIsAStorageFailure()
        {
            // 110 bytes of defaults fit; a 64-byte broker name does not.
            FakeFlashStorage flash = new FakeFlashStorage(2, 120);
            SettingsStore store = SettingsFixtures.Boot(flash);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(SettingsFixtures.NumberChange(PropertyIndex.MqttQos, 1)));
            SettingsChange change = SettingsFixtures.TextChange(PropertyIndex.MqttBroker, "b123456789012345678901234567890123456789012345678901234567890123");
            Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(change));
            Assert.AreEqual(1, flash.WriteAttempts);
            Assert.AreEqual(string.Empty, store.GetText(PropertyIndex.MqttBroker));
        }

        [TestMethod]
        public void InvalidValuesAreRefusedBeforeAnyWrite()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);

            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 8883);
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 3);
            Assert.ThrowsException(typeof(System.ArgumentException), () => store.Apply(change));
            Assert.AreEqual(0, flash.WriteAttempts);
            Assert.AreEqual(1883, store.GetUInt16(PropertyIndex.MqttPort));
        }

        [TestMethod]
        public void StoreKeepsItsOwnCopyOfAppliedValues()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            SettingsChange change = SettingsFixtures.TextChange(PropertyIndex.MqttUsername, "alice");
            store.Apply(change);
            change.ValueAt(0)[0] = (byte)'m';
            Assert.AreEqual("alice", store.GetText(PropertyIndex.MqttUsername));
        }

        [TestMethod]
        public void DefaultsAreCheckedWhereTheyAreMadeAndHandedOutAsCopies()
        {
            // The store writes its records without checking every value again: a stored default must
            // be canonical where it is made (no zero padding; a read-only one may be padded).
            // (On nanoCLR a string ends at its first zero, so no such text can be made there.)
            SettingsDefaults defaults = SettingsDefaults.ForSimulator("D1");
            string padded = "broker\0";
            if (padded.Length == 7)
            {
                Assert.ThrowsException(typeof(System.ArgumentException), () => defaults.WithText(PropertyIndex.MqttBroker, padded));
            }

            defaults.WithText(PropertyIndex.ModelName, "DynaFlex Pro\0\0");

            byte[] port = defaults.Get(PropertyIndex.MqttPort);
            port[0] = 0xFF;
            Assert.AreEqual("075B", Hex.Format(defaults.Get(PropertyIndex.MqttPort)));

            // A store serving the defaults keeps serving them as they were when it loaded.
            SettingsStore store = new SettingsStore(new FakeFlashStorage(), defaults, NullLog.Instance);
            store.Load();
            defaults.WithNumber(PropertyIndex.MqttPort, 8883);
            Assert.AreEqual(1883, store.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual("127.0.0.1", store.GetText(PropertyIndex.MqttBroker));
        }

        [TestMethod]
        public void GettersReadTheCurrentValues()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            SettingsStore store = SettingsFixtures.Boot(flash);
            store.Apply(SettingsFixtures.TextChange(PropertyIndex.MqttClientId, "board-7"));
            Assert.AreEqual(7, store.GetLength(PropertyIndex.MqttClientId));
            byte[] destination = Hex.Parse("EEEEEEEEEEEEEEEEEE");
            Assert.AreEqual(7, store.CopyValue(PropertyIndex.MqttClientId, destination, 1));
            Assert.AreEqual("EE626F6172642D37EE", Hex.Format(destination));
            Assert.IsTrue(store.Current.ValueEquals(PropertyIndex.MqttClientId, destination, 1, 7));
            Assert.IsFalse(store.Current.ValueEquals(PropertyIndex.MqttClientId, destination, 0, 7));
            Assert.AreEqual(60, store.Current.GetUInt16(PropertyIndex.MqttKeepAlive));
        }

        [TestMethod]
        public void ConcurrentReadersNeverSeeAMixOfGenerations()
        {
            // Port and keep-alive always change together to the same value whose two bytes are equal;
            // a reader of one snapshot must always find them equal, and no value may be torn. The flash
            // holds every write open until the reader has read during it, so reads and writes really
            // overlap, every time.
            s_flash = new GatedFlash(new FakeFlashStorage());
            s_store = SettingsFixtures.Boot(s_flash);
            s_mismatches = 0;
            s_reads = 0;
            SettingsChange first = new SettingsChange();
            SettingsFixtures.AddNumber(first, PropertyIndex.MqttPort, 0x0101);
            SettingsFixtures.AddNumber(first, PropertyIndex.MqttKeepAlive, 0x0101);
            s_flash.Open = true;
            s_store.Apply(first);
            s_flash.Open = false;

            Thread reader = new Thread(ReadPairsDuringWrites);
            reader.Start();
            for (int i = 2; i < 2 + OverlappedWrites; i++)
            {
                int value = ((i & 0xFF) << 8) | (i & 0xFF);
                SettingsChange change = new SettingsChange();
                SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, value);
                SettingsFixtures.AddNumber(change, PropertyIndex.MqttKeepAlive, value);
                Assert.AreEqual((int)SettingsApplyResult.Written, (int)s_store.Apply(change));
            }

            reader.Join();
            Assert.AreEqual(0, s_mismatches);
            Assert.AreEqual(OverlappedWrites, s_flash.GatedWrites);
            Assert.AreEqual(OverlappedWrites * ReadsPerWrite, s_reads);
        }

        private const int OverlappedWrites = 100;
        private const int ReadsPerWrite = 20;
        private static GatedFlash s_flash;

        // Reads while each write is held open, then lets the write finish.
        private static void ReadPairsDuringWrites()
        {
            for (int write = 0; write < OverlappedWrites; write++)
            {
                if (!s_flash.WriteStarted.WaitOne(10000, false))
                {
                    return;
                }

                for (int i = 0; i < ReadsPerWrite; i++)
                {
                    SettingsSnapshot snapshot = s_store.Current;
                    int port = snapshot.GetUInt16(PropertyIndex.MqttPort);
                    int keepAlive = snapshot.GetUInt16(PropertyIndex.MqttKeepAlive);
                    int single = s_store.GetUInt16(PropertyIndex.MqttPort);
                    if (port != keepAlive || (port >> 8) != (port & 0xFF) || (single >> 8) != (single & 0xFF))
                    {
                        s_mismatches++;
                    }

                    s_reads++;
                }

                s_flash.MayFinish.Set();
            }
        }

        /// <summary>Flash whose writes wait, once started, until the test lets them finish.</summary>
        private sealed class GatedFlash : IFlashStorage
        {
            private readonly FakeFlashStorage _inner;

            public GatedFlash(FakeFlashStorage inner)
            {
                _inner = inner;
            }

            public readonly AutoResetEvent WriteStarted = new AutoResetEvent(false);
            public readonly AutoResetEvent MayFinish = new AutoResetEvent(false);
            public bool Open;
            public int GatedWrites;

            public int SlotCount
            {
                get { return _inner.SlotCount; }
            }

            public int SlotCapacity
            {
                get { return _inner.SlotCapacity; }
            }

            public int Read(int slot, byte[] buffer)
            {
                return _inner.Read(slot, buffer);
            }

            public void Write(int slot, byte[] buffer, int count)
            {
                if (!Open)
                {
                    WriteStarted.Set();
                    Assert.IsTrue(MayFinish.WaitOne(10000, false), "the reader never let the write finish");
                    GatedWrites++;
                }

                _inner.Write(slot, buffer, count);
            }
        }

        private static byte[] QosRecord(uint sequence, int qos)
        {
            return SettingsFixtures.Record(sequence, PropertyIndex.MqttQos, new byte[] { (byte)qos });
        }
    }
}
