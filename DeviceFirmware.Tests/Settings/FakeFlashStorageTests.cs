using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// The flash fake the power-loss tests rest on: if its cut semantics were wrong, the sweeps would
    /// prove nothing, so they are pinned byte for byte here.
    /// </summary>
    [TestClass]
    public class FakeFlashStorageTests
    {
        private const string Old = "0102030405060708";
        private const string New = "A1A2A3A4A5";

        [TestMethod]
        public void WriteReplacesTheWholeSlot()
        {
            FakeFlashStorage flash = Prepared();
            byte[] data = Hex.Parse(New);
            flash.Write(0, data, data.Length);
            Assert.AreEqual(New, Hex.Format(flash.GetContent(0)));
            Assert.AreEqual(1, flash.WriteCount);
            Assert.AreEqual(1, flash.WriteAttempts);
            Assert.AreEqual(0, flash.LastWriteSlot);
        }

        [TestMethod]
        public void InPlaceCutKeepsTheOldTail()
        {
            FakeFlashStorage flash = Prepared();
            Assert.AreEqual("A1A2A30405060708", Cut(flash, 3, FlashCutMode.InPlace));
        }

        [TestMethod]
        public void InPlaceCutBeyondTheOldLengthGrowsTheSlot()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, Hex.Parse("0102"));
            Assert.AreEqual("A1A2A3A4", Cut(flash, 4, FlashCutMode.InPlace));
        }

        [TestMethod]
        public void TruncateCutLeavesOnlyWhatArrived()
        {
            Assert.AreEqual("A1A2A3", Cut(Prepared(), 3, FlashCutMode.Truncate));
            Assert.AreEqual(string.Empty, Cut(Prepared(), 0, FlashCutMode.Truncate));
        }

        [TestMethod]
        public void EraseCutFillsTheRestOfTheSlotWithFF()
        {
            FakeFlashStorage flash = new FakeFlashStorage(2, 6);
            flash.SetContent(0, Hex.Parse("010203"));
            Assert.AreEqual("A1A2FFFFFFFF", Cut(flash, 2, FlashCutMode.EraseThenProgram));
        }

        [TestMethod]
        public void CutAfterEveryByteStillThrows()
        {
            Assert.AreEqual(New, Cut(Prepared(), 5, FlashCutMode.Truncate));
            Assert.AreEqual(New, Cut(Prepared(), 50, FlashCutMode.Truncate));
            Assert.AreEqual(New + "060708", Cut(Prepared(), 5, FlashCutMode.InPlace));
        }

        [TestMethod]
        public void CutIsOneShot()
        {
            FakeFlashStorage flash = Prepared();
            Cut(flash, 1, FlashCutMode.Truncate);
            Assert.IsFalse(flash.HasPendingWriteFault);
            byte[] data = Hex.Parse(New);
            flash.Write(1, data, data.Length);
            Assert.AreEqual(New, Hex.Format(flash.GetContent(1)));
            Assert.AreEqual(1, flash.WriteCount);
            Assert.AreEqual(2, flash.WriteAttempts);
        }

        [TestMethod]
        public void FailNextWriteThrowsOnceAndLeavesTheSlot()
        {
            FakeFlashStorage flash = Prepared();
            flash.FailNextWrite();
            Assert.IsTrue(flash.HasPendingWriteFault);
            byte[] data = Hex.Parse(New);
            Assert.ThrowsException(typeof(FakeFlashException), () => flash.Write(0, data, data.Length));
            Assert.AreEqual(Old, Hex.Format(flash.GetContent(0)));
            flash.Write(0, data, data.Length);
            Assert.AreEqual(New, Hex.Format(flash.GetContent(0)));
        }

        [TestMethod]
        public void WritesFailUntilCleared()
        {
            FakeFlashStorage flash = Prepared();
            flash.WritesFail = true;
            byte[] data = Hex.Parse(New);
            Assert.ThrowsException(typeof(FakeFlashException), () => flash.Write(0, data, data.Length));
            Assert.ThrowsException(typeof(FakeFlashException), () => flash.Write(1, data, data.Length));
            flash.ClearFaults();
            flash.Write(0, data, data.Length);
            Assert.AreEqual(3, flash.WriteAttempts);
            Assert.AreEqual(1, flash.WriteCount);
        }

        [TestMethod]
        public void PowerLossIsFlagged()
        {
            FakeFlashStorage flash = Prepared();
            flash.CutNextWrite(2, FlashCutMode.InPlace);
            byte[] data = Hex.Parse(New);
            bool powerLoss = false;
            try
            {
                flash.Write(0, data, data.Length);
            }
            catch (FakeFlashException e)
            {
                powerLoss = e.PowerLoss;
            }

            Assert.IsTrue(powerLoss);
        }

        [TestMethod]
        public void ReadFailureIsPerSlot()
        {
            FakeFlashStorage flash = Prepared();
            flash.SetContent(1, Hex.Parse("0A0B"));
            flash.SetReadFailure(0, true);
            byte[] buffer = new byte[16];
            Assert.ThrowsException(typeof(FakeFlashException), () => flash.Read(0, buffer));
            Assert.AreEqual(2, flash.Read(1, buffer));
            flash.SetReadFailure(0, false);
            Assert.AreEqual(8, flash.Read(0, buffer));
            Assert.AreEqual(3, flash.ReadCount);
        }

        [TestMethod]
        public void ContentIsCopiedInAndOut()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            byte[] content = Hex.Parse(Old);
            flash.SetContent(0, content);
            content[0] = 0xEE;
            flash.GetContent(0)[1] = 0xEE;
            byte[] data = Hex.Parse(New);
            flash.Write(1, data, data.Length);
            data[0] = 0xEE;
            Assert.AreEqual(Old, Hex.Format(flash.GetContent(0)));
            Assert.AreEqual(New, Hex.Format(flash.GetContent(1)));
            Assert.AreEqual(0, flash.ReadCount);
            Assert.AreEqual(1, flash.WriteCount);
        }

        [TestMethod]
        public void FlipBitsAndClearChangeOneSlot()
        {
            FakeFlashStorage flash = Prepared();
            flash.FlipBits(0, 7, 0x0F);
            Assert.AreEqual("0102030405060707", Hex.Format(flash.GetContent(0)));
            flash.Clear(0);
            Assert.AreEqual(0, flash.GetLength(0));
        }

        [TestMethod]
        public void MisuseIsRefused()
        {
            FakeFlashStorage flash = new FakeFlashStorage(2, 4);
            byte[] data = Hex.Parse(New);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.Write(2, data, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.Write(0, data, 5));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.Write(0, data, 6));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.Read(-1, data));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.SetContent(0, data));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => flash.CutNextWrite(-1, FlashCutMode.Truncate));
            Assert.AreEqual(0, flash.WriteCount);
        }

        private static FakeFlashStorage Prepared()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetContent(0, Hex.Parse(Old));
            return flash;
        }

        private static string Cut(FakeFlashStorage flash, int bytesThatArrive, FlashCutMode mode)
        {
            flash.CutNextWrite(bytesThatArrive, mode);
            byte[] data = Hex.Parse(New);
            Assert.ThrowsException(typeof(FakeFlashException), () => flash.Write(0, data, data.Length));
            Assert.AreEqual(0, flash.WriteCount);
            return Hex.Format(flash.GetContent(0));
        }
    }
}
