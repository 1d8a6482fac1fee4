using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>CRC-32 (IEEE 802.3) against published check values.</summary>
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void CheckValueOf123456789IsCBF43926()
        {
            byte[] data = SettingsFixtures.Ascii("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void KnownVectors()
        {
            // Expected values from zlib's crc32, the same algorithm.
            AssertCrc(string.Empty, 0x00000000u);
            AssertCrc("a", 0xE8B7BE43u);
            AssertCrc("The quick brown fox jumps over the lazy dog", 0x414FA339u);
        }

        [TestMethod]
        public void AllZeroAndAllOneBytes()
        {
            byte[] zeros = new byte[32];
            byte[] ones = new byte[32];
            for (int i = 0; i < ones.Length; i++)
            {
                ones[i] = 0xFF;
            }

            Assert.AreEqual(0x190A55ADu, Crc32.Compute(zeros, 0, zeros.Length));
            Assert.AreEqual(0xFF6CAB0Bu, Crc32.Compute(ones, 0, ones.Length));
        }

        [TestMethod]
        public void EveryByteValueOnce()
        {
            byte[] data = new byte[256];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }

            Assert.AreEqual(0x29058C73u, Crc32.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void OffsetAndCountSelectTheBytes()
        {
            byte[] padded = Hex.Parse("AAAA 313233343536373839 5555");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(padded, 2, 9));
        }

        [TestMethod]
        public void UpdateInPiecesEqualsOneCall()
        {
            byte[] data = SettingsFixtures.Ascii("The quick brown fox jumps over the lazy dog");
            for (int split = 0; split <= data.Length; split++)
            {
                uint register = Crc32.Update(Crc32.InitialValue, data, 0, split);
                register = Crc32.Update(register, data, split, data.Length - split);
                Assert.AreEqual(0x414FA339u, register ^ Crc32.FinalXor, "split at " + split.ToString());
            }
        }

        [TestMethod]
        public void EverySingleBitFlipChangesTheCrc()
        {
            byte[] data = SettingsFixtures.Ascii("123456789");
            for (int bit = 0; bit < data.Length * 8; bit++)
            {
                data[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.AreNotEqual(0xCBF43926u, Crc32.Compute(data, 0, data.Length), "bit " + bit.ToString());
                data[bit / 8] ^= (byte)(1 << (bit % 8));
            }
        }

        private static void AssertCrc(string text, uint expected)
        {
            byte[] data = SettingsFixtures.Ascii(text);
            Assert.AreEqual(expected, Crc32.Compute(data, 0, data.Length), "\"" + text + "\"");
        }
    }
}
