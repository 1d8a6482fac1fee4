using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// Power loss at every byte of a settings write, in the shape of ESP-IDF's NVS "fail after N"
    /// test: cut the write after N bytes, boot a fresh store over the same flash, and require exactly
    /// the old or exactly the new settings, never a mixture, garbage, or defaults where a valid
    /// record existed. Every N from 0 to the record length, every way a slot can be left
    /// (<see cref="FlashCutMode"/>), and each slot as the one holding the current record.
    /// </summary>
    [TestClass]
    public class PowerLossTests
    {
        private const int ModeCount = 3;

        [TestMethod]
        public void CutOfTheFirstWriteOverEmptyFlash()
        {
            byte[][] defaults = SettingsFixtures.Snapshot(SettingsFixtures.Defaults());
            SettingsChange change = SettingsFixtures.TextChange(PropertyIndex.MqttBroker, "broker.example");
            int length = RecordLengthAfter(new FakeFlashStorage(), change);
            for (int mode = 0; mode < ModeCount; mode++)
            {
                for (int cut = 0; cut <= length; cut++)
                {
                    FakeFlashStorage flash = new FakeFlashStorage();
                    SettingsStore store = SettingsFixtures.Boot(flash);
                    byte[][] wanted = ExpectedAfter(store, change);
                    flash.CutNextWrite(cut, (FlashCutMode)mode);
                    Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(change), Where(mode, cut));

                    SettingsStore rebooted = SettingsFixtures.Boot(flash);
                    byte[][] loaded = SettingsFixtures.Snapshot(rebooted);
                    bool isOld = SettingsFixtures.SameValues(defaults, loaded);
                    bool isNew = SettingsFixtures.SameValues(wanted, loaded);
                    Assert.IsTrue(isOld || isNew, Where(mode, cut) + SettingsFixtures.Describe(loaded));
                    AssertOutcomeForCut(cut, length, isNew, mode);
                    Assert.AreEqual(isNew ? (int)SettingsLoadSource.Slot0 : (int)SettingsLoadSource.Defaults, (int)rebooted.LoadSource, Where(mode, cut));
                    AssertRecovers(flash, rebooted, mode, cut);
                }
            }
        }

        [TestMethod]
        public void CutAtEveryByteWhileSlot0IsCurrent()
        {
            SweepFrom(0);
        }

        [TestMethod]
        public void CutAtEveryByteWhileSlot1IsCurrent()
        {
            SweepFrom(1);
        }

        [TestMethod]
        public void SuccessiveSetsWithCutsAtEveryByte()
        {
            // Each round cuts one Set after the same N bytes, reboots, checks old-or-new, then makes
            // one good Set. The values alternate between long and short so that records of different
            // lengths overwrite each other, leaving stale tails in the in-place mode.
            int longest = SettingsRecord.MeasureLength(SettingsFixtures.Snapshot(SettingsFixtures.Defaults())) + 64;
            for (int cut = 0; cut <= longest; cut++)
            {
                FakeFlashStorage flash = new FakeFlashStorage();
                SettingsStore store = SettingsFixtures.Boot(flash);
                byte[][] current = SettingsFixtures.Snapshot(store);
                for (int round = 0; round < 6; round++)
                {
                    int mode = (cut + round) % ModeCount;
                    SettingsChange cutChange = ChangeForRound(2 * round);
                    byte[][] wanted = ExpectedAfter(store, cutChange);
                    flash.CutNextWrite(cut, (FlashCutMode)mode);
                    Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(cutChange), Where(mode, cut));
                    Assert.IsFalse(flash.HasPendingWriteFault, Where(mode, cut));

                    store = SettingsFixtures.Boot(flash);
                    byte[][] loaded = SettingsFixtures.Snapshot(store);
                    bool isOld = SettingsFixtures.SameValues(current, loaded);
                    bool isNew = SettingsFixtures.SameValues(wanted, loaded);
                    string where = Where(mode, cut) + "round " + round.ToString() + " ";
                    Assert.IsTrue(isOld || isNew, where + SettingsFixtures.Describe(loaded));
                    if (round > 0)
                    {
                        Assert.AreNotEqual((int)SettingsLoadSource.Defaults, (int)store.LoadSource, where);
                    }

                    SettingsChange goodChange = ChangeForRound(2 * round + 1);
                    current = ExpectedAfter(store, goodChange);
                    Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(goodChange), where);
                    store = SettingsFixtures.Boot(flash);
                    Assert.IsTrue(SettingsFixtures.SameValues(current, SettingsFixtures.Snapshot(store)), where);
                }
            }
        }

        [TestMethod]
        public void CutsWithoutRebootThenSuccessiveSets()
        {
            // A brown-out the device survives: the write fails, the same store carries on, and its
            // next Set must go to the slot it was writing, not over the good one.
            int length = SettingsRecord.MeasureLength(SettingsFixtures.Snapshot(SettingsFixtures.Defaults())) + 64;
            for (int cut = 0; cut <= length; cut += 7)
            {
                FakeFlashStorage flash = new FakeFlashStorage();
                SettingsStore store = SettingsFixtures.Boot(flash);
                for (int round = 0; round < 6; round++)
                {
                    byte[][] before = SettingsFixtures.Snapshot(store);
                    int mode = round % ModeCount;
                    flash.CutNextWrite(cut, (FlashCutMode)mode);
                    Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(ChangeForRound(2 * round)), Where(mode, cut));
                    Assert.IsTrue(SettingsFixtures.SameValues(before, SettingsFixtures.Snapshot(store)), Where(mode, cut));

                    SettingsChange next = ChangeForRound(2 * round + 1);
                    byte[][] wanted = ExpectedAfter(store, next);
                    Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(next), Where(mode, cut));
                    SettingsStore rebooted = SettingsFixtures.Boot(flash);
                    Assert.IsTrue(SettingsFixtures.SameValues(wanted, SettingsFixtures.Snapshot(rebooted)), Where(mode, cut) + "round " + round.ToString());
                }
            }
        }

        private static void SweepFrom(int currentSlot)
        {
            SettingsChange change = SettingsFixtures.TextChange(PropertyIndex.MqttSubscribeTopic, "site/a/cmd");
            int length = SettingsRecord.MeasureLength(ExpectedAfter(Arrange(new FakeFlashStorage(), currentSlot), change));
            for (int mode = 0; mode < ModeCount; mode++)
            {
                for (int cut = 0; cut <= length; cut++)
                {
                    FakeFlashStorage flash = new FakeFlashStorage();
                    SettingsStore store = Arrange(flash, currentSlot);
                    byte[][] old = SettingsFixtures.Snapshot(store);
                    uint oldSequence = store.CurrentSequence;
                    byte[] goodSlot = flash.GetContent(currentSlot);
                    byte[][] wanted = ExpectedAfter(store, change);

                    flash.CutNextWrite(cut, (FlashCutMode)mode);
                    Assert.AreEqual((int)SettingsApplyResult.StorageFailed, (int)store.Apply(change), Where(mode, cut));
                    Assert.AreEqual(1 - currentSlot, flash.LastWriteSlot, Where(mode, cut));
                    Assert.AreEqual(Hex.Format(goodSlot), Hex.Format(flash.GetContent(currentSlot)), Where(mode, cut));

                    SettingsStore rebooted = SettingsFixtures.Boot(flash);
                    byte[][] loaded = SettingsFixtures.Snapshot(rebooted);
                    bool isOld = SettingsFixtures.SameValues(old, loaded);
                    bool isNew = SettingsFixtures.SameValues(wanted, loaded);
                    Assert.IsTrue(isOld || isNew, Where(mode, cut) + SettingsFixtures.Describe(loaded));
                    AssertOutcomeForCut(cut, length, isNew, mode);
                    Assert.AreEqual(isNew ? 1 - currentSlot : currentSlot, rebooted.CurrentSlot, Where(mode, cut));
                    Assert.AreEqual(isNew ? oldSequence + 1 : oldSequence, rebooted.LoadedSequence, Where(mode, cut));
                    AssertRecovers(flash, rebooted, mode, cut);
                }
            }
        }

        private static SettingsStore Arrange(FakeFlashStorage flash, int currentSlot)
        {
            // Writes alternate 0, 1, 0, ... from empty flash. Three writes leave slot 0 current and
            // an older valid record in slot 1; four leave slot 1 current over an older slot 0.
            SettingsStore store = SettingsFixtures.Boot(flash);
            int writes = currentSlot == 0 ? 3 : 4;
            for (int i = 0; i < writes; i++)
            {
                Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(ChangeForRound(i)));
            }

            Assert.AreEqual(currentSlot, store.CurrentSlot);
            Assert.AreEqual((int)SettingsRecordStatus.Valid, (int)ParseSlot(flash, 1 - currentSlot));
            return SettingsFixtures.Boot(flash);
        }

        private static void AssertOutcomeForCut(int cut, int length, bool isNew, int mode)
        {
            // Nothing arrived: certainly old. Everything arrived: the record is complete, so new.
            // Short of the CRC the new record cannot be complete in any mode.
            if (cut == length)
            {
                Assert.IsTrue(isNew, Where(mode, cut) + "complete write not loaded");
            }
            else if (cut < length - SettingsRecord.CrcLength)
            {
                Assert.IsFalse(isNew, Where(mode, cut) + "incomplete write loaded");
            }
        }

        private static void AssertRecovers(FakeFlashStorage flash, SettingsStore rebooted, int mode, int cut)
        {
            // After the reboot the next Set must land and must not overwrite the record just loaded.
            int loadedSlot = rebooted.CurrentSlot;
            SettingsChange next = SettingsFixtures.NumberChange(PropertyIndex.MqttKeepAlive, 321);
            byte[][] wanted = ExpectedAfter(rebooted, next);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)rebooted.Apply(next), Where(mode, cut));
            Assert.AreNotEqual(loadedSlot, flash.LastWriteSlot, Where(mode, cut));
            Assert.IsTrue(SettingsFixtures.SameValues(wanted, SettingsFixtures.Snapshot(SettingsFixtures.Boot(flash))), Where(mode, cut));
        }

        private static SettingsChange ChangeForRound(int round)
        {
            // Long and short values in turn, over several properties, so record lengths vary.
            SettingsChange change = new SettingsChange();
            switch (round % 4)
            {
                case 0:
                    SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "broker-number-" + round.ToString() + ".long-domain-name.example.com");
                    SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 1);
                    break;
                case 1:
                    SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "b" + round.ToString());
                    SettingsFixtures.AddNumber(change, PropertyIndex.MqttQos, 2);
                    break;
                case 2:
                    SettingsFixtures.AddText(change, PropertyIndex.MqttPublishTopic, "plant/line-" + round.ToString() + "/device/telemetry/out");
                    SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 8000 + round);
                    break;
                default:
                    SettingsFixtures.AddText(change, PropertyIndex.MqttPublishTopic, "t" + round.ToString());
                    SettingsFixtures.AddText(change, PropertyIndex.WlanSsid, "ssid " + round.ToString());
                    break;
            }

            return change;
        }

        private static byte[][] ExpectedAfter(SettingsStore store, SettingsChange change)
        {
            byte[][] values = SettingsFixtures.Snapshot(store);
            for (int i = 0; i < change.Count; i++)
            {
                values[change.IndexAt(i)] = change.ValueAt(i);
            }

            return values;
        }

        private static int RecordLengthAfter(FakeFlashStorage flash, SettingsChange change)
        {
            return SettingsRecord.MeasureLength(ExpectedAfter(SettingsFixtures.Boot(flash), change));
        }

        private static SettingsRecordStatus ParseSlot(FakeFlashStorage flash, int slot)
        {
            byte[] content = flash.GetContent(slot);
            uint sequence;
            byte[][] values;
            return SettingsRecord.Parse(content, content.Length, SettingsFixtures.Defaults(), out sequence, out values);
        }

        private static string Where(int mode, int cut)
        {
            return "mode " + mode.ToString() + " cut " + cut.ToString() + ": ";
        }
    }
}
