using DeviceFirmware.Protocol;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>The BER-TLV reader and writer on literal bytes.</summary>
    [TestClass]
    public class BerTlvTests
    {
        [TestMethod]
        public void ShortLength()
        {
            byte[] data = Hex.Parse("8902C300");
            byte tag;
            int valueOffset;
            int valueLength;

            int next = BerTlv.Read(data, 0, data.Length, out tag, out valueOffset, out valueLength);

            Assert.AreEqual(4, next);
            Assert.AreEqual((byte)0x89, tag);
            Assert.AreEqual(2, valueOffset);
            Assert.AreEqual(2, valueLength);
        }

        [TestMethod]
        public void NonMinimalLongLengthAsMagTekDevicesSendIt()
        {
            byte[] data = Hex.Parse("84820002D101");
            byte tag;
            int valueOffset;
            int valueLength;

            int next = BerTlv.Read(data, 0, data.Length, out tag, out valueOffset, out valueLength);

            Assert.AreEqual(6, next);
            Assert.AreEqual(4, valueOffset);
            Assert.AreEqual(2, valueLength);
        }

        [TestMethod]
        public void FourByteLengthAndOneByteLongForm()
        {
            byte tag;
            int valueOffset;
            int valueLength;
            byte[] four = Hex.Parse("848400000001FF");
            Assert.AreEqual(7, BerTlv.Read(four, 0, four.Length, out tag, out valueOffset, out valueLength));
            Assert.AreEqual(1, valueLength);

            byte[] one = Hex.Parse("848101AB");
            Assert.AreEqual(4, BerTlv.Read(one, 0, one.Length, out tag, out valueOffset, out valueLength));
            Assert.AreEqual(3, valueOffset);
        }

        [TestMethod]
        public void ErrorsAreReportedNotThrown()
        {
            Assert.AreEqual(BerTlv.ErrorTruncated, ReadAll(""));
            Assert.AreEqual(BerTlv.ErrorTruncated, ReadAll("84"));
            Assert.AreEqual(BerTlv.ErrorTruncated, ReadAll("848200"));
            Assert.AreEqual(BerTlv.ErrorMultiByteTag, ReadAll("9F0100"));
            Assert.AreEqual(BerTlv.ErrorMultiByteTag, ReadAll("DF0100"));
            Assert.AreEqual(BerTlv.ErrorBadLength, ReadAll("8480"));
            Assert.AreEqual(BerTlv.ErrorBadLength, ReadAll("84850000000001"));
            Assert.AreEqual(BerTlv.ErrorOverrun, ReadAll("8403D101"));
            Assert.AreEqual(BerTlv.ErrorOverrun, ReadAll("8484FFFFFFFF00"));
            Assert.AreEqual(BerTlv.ErrorOverrun, ReadAll("84847FFFFFFF00"));
        }

        [TestMethod]
        public void ReadStopsAtTheEnclosingEnd()
        {
            byte[] data = Hex.Parse("8903C30100");
            byte tag;
            int valueOffset;
            int valueLength;

            Assert.AreEqual(BerTlv.ErrorOverrun, BerTlv.Read(data, 0, 4, out tag, out valueOffset, out valueLength));
        }

        [TestMethod]
        public void MinimalLengthsAtEveryBoundary()
        {
            Assert.AreEqual("7F", WriteMinimal(0x7F));
            Assert.AreEqual("8180", WriteMinimal(0x80));
            Assert.AreEqual("81FF", WriteMinimal(0xFF));
            Assert.AreEqual("820100", WriteMinimal(0x100));
            Assert.AreEqual("82FFFF", WriteMinimal(0xFFFF));
            Assert.AreEqual("83010000", WriteMinimal(0x10000));
        }

        [TestMethod]
        public void FixedLengthIsAlwaysThreeBytes()
        {
            byte[] buffer = new byte[3];
            Assert.AreEqual(3, BerTlv.WriteFixedLength(buffer, 0, 0x10));
            Assert.AreEqual("820010", Hex.Format(buffer));
        }

        private static int ReadAll(string hex)
        {
            byte[] data = Hex.Parse(hex);
            byte tag;
            int valueOffset;
            int valueLength;
            return BerTlv.Read(data, 0, data.Length, out tag, out valueOffset, out valueLength);
        }

        private static string WriteMinimal(int length)
        {
            byte[] buffer = new byte[BerTlv.MinimalLengthSize(length)];
            Assert.AreEqual(buffer.Length, BerTlv.WriteMinimalLength(buffer, 0, length));
            return Hex.Format(buffer);
        }
    }
}
