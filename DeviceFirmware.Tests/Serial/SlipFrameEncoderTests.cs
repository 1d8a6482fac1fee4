using System;
using DeviceFirmware.Serial;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>SLIP frame encoding: seed frames, escaping, the reusable-buffer overload, the over-maximum answer.</summary>
    [TestClass]
    public class SlipFrameEncoderTests
    {
        [TestMethod]
        public void GetRequestIsFramedHostToDevice()
        {
            AssertFrame(SeedFrames.GetRequestFrame, SlipFrame.InfoHostToDevice, SeedFrames.GetRequest);
        }

        [TestMethod]
        public void SetRequestIsFramedHostToDevice()
        {
            AssertFrame(SeedFrames.SetRequestFrame, SlipFrame.InfoHostToDevice, SeedFrames.SetRequest);
        }

        [TestMethod]
        public void GetResponseIsFramedDeviceToHost()
        {
            AssertFrame(SeedFrames.GetResponseFrame, SlipFrame.InfoDeviceToHost, SeedFrames.GetResponse);
        }

        [TestMethod]
        public void SetResponseIsFramedDeviceToHost()
        {
            AssertFrame(SeedFrames.SetResponseFrame, SlipFrame.InfoDeviceToHost, SeedFrames.SetResponse);
        }

        [TestMethod]
        public void EmptyMessageHasOnlyTheHeader()
        {
            AssertFrame("C0 00 00000000 C0", SlipFrame.InfoHostToDevice, "");
        }

        [TestMethod]
        public void EndAndEscapeAreEscapedInTheMessage()
        {
            AssertFrame("C0 02 00000006 DBDC DBDD 01 DBDD DBDC 02 C0", SlipFrame.InfoDeviceToHost, "C0 DB 01 DB C0 02");
        }

        [TestMethod]
        public void EscapeSequenceValuesAloneAreNotEscaped()
        {
            AssertFrame("C0 00 00000003 DC DD DB DD C0", SlipFrame.InfoHostToDevice, "DC DD DB");
            AssertFrame("C0 00 00000004 DCDDDBDD DBDC C0", SlipFrame.InfoHostToDevice, "DCDDDBC0");
        }

        [TestMethod]
        public void LengthFieldByteC0IsEscaped()
        {
            // 192 = 0x000000C0
            byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, Filled(192, 0x11));
            Assert.AreEqual("C0000000" + "00DBDC", Hex.Format(frame, 0, 7));
            Assert.AreEqual(7 + 192 + 1, frame.Length);
            Assert.AreEqual((byte)0xC0, frame[frame.Length - 1]);
        }

        [TestMethod]
        public void LengthFieldByteDbIsEscaped()
        {
            // 219 = 0x000000DB
            byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, Filled(219, 0x11));
            Assert.AreEqual("C0020000" + "00DBDD" + "11", Hex.Format(frame, 0, 8));
            Assert.AreEqual(7 + 219 + 1, frame.Length);
        }

        [TestMethod]
        public void EveryLengthFieldByteIsEscaped()
        {
            // The length field is written by one routine for every frame; the over-maximum answer
            // reaches its high bytes without a multi-megabyte message.
            Assert.AreEqual(Norm("C0 03 00 DBDC DBDD DBDC C0"), Hex.Format(SlipFrameEncoder.EncodeOverMaximum(0x00C0DBC0)));
            Assert.AreEqual(Norm("C0 03 3F DBDD DBDC DBDD C0"), Hex.Format(SlipFrameEncoder.EncodeOverMaximum(0x3FDBC0DB)));
        }

        [TestMethod]
        public void InfoByteIsEscapedToo()
        {
            AssertFrame("C0 DBDC 00000001 AA C0", SlipFrame.End, "AA");
        }

        [TestMethod]
        public void EncodesIntoReusableBufferAtOffset()
        {
            byte[] buffer = new byte[64];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0x55;
            }

            byte[] message = Hex.Parse("AA00 C0");
            int written = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, message, 0, message.Length, buffer, 3);
            Assert.AreEqual(11, written);
            Assert.AreEqual(Norm("555555 C0 02 00000003 AA00 DBDC C0 55"), Hex.Format(buffer, 0, 15));

            // The same buffer takes the next frame; only the bytes written change.
            written = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, message, 1, 1, buffer, 3);
            Assert.AreEqual(8, written);
            Assert.AreEqual(Norm("555555 C0 00 00000001 00 C0 DBDC C0 55"), Hex.Format(buffer, 0, 15));
        }

        [TestMethod]
        public void TightDestinationIsEnoughWhenExact()
        {
            byte[] message = Hex.Parse(SeedFrames.GetRequest);
            byte[] buffer = new byte[2 + 5 + 25];
            Assert.AreEqual(32, SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, message, 0, message.Length, buffer, 0));
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetRequestFrame)), Hex.Format(buffer));
        }

        [TestMethod]
        public void TooSmallDestinationThrowsAndWritesNothing()
        {
            byte[] buffer = new byte[8];
            Assert.ThrowsException(typeof(ArgumentException), () =>
                SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, Hex.Parse("01 C0"), 0, 2, buffer, 0));
            Assert.AreEqual("0000000000000000", Hex.Format(buffer));
        }

        [TestMethod]
        public void MessageRangeIsChecked()
        {
            byte[] buffer = new byte[32];
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () =>
                SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, new byte[4], 2, 3, buffer, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () =>
                SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, null));
        }

        [TestMethod]
        public void FrameLengthsAreExactAndWorstCase()
        {
            byte[] message = Hex.Parse("C0 DB 01");
            Assert.AreEqual(2 + 5 + 5, SlipFrameEncoder.FrameLength(SlipFrame.InfoHostToDevice, message, 0, 3));
            Assert.AreEqual(2 + 2 * (5 + 3), SlipFrameEncoder.MaxFrameLength(3));
            Assert.AreEqual(12, SlipFrameEncoder.MaxFrameLength(0));
        }

        [TestMethod]
        public void RunsAndEscapesMatchTheByteByByteRule()
        {
            // The message is copied in runs between the bytes to escape. Against the rule written out
            // byte by byte: no escape, one at every position, escapes in a row, every byte escaped,
            // header bytes that need escaping, into a buffer at an offset.
            Random random = new Random(1108);
            for (int round = 0; round < 100; round++)
            {
                int length = round < 40 ? round : random.Next(200);
                byte[] message = new byte[length];
                int escapes = round % 4;
                for (int i = 0; i < length; i++)
                {
                    int pick = random.Next(8);
                    message[i] = escapes == 0 || pick > 1 ? (byte)(0x20 + random.Next(0x60)) : pick == 0 ? SlipFrame.End : SlipFrame.Escape;
                }

                if (round < 40 && length > 0)
                {
                    message[round % length] = SlipFrame.End;
                }

                byte info = (byte)(round % 7 == 0 ? SlipFrame.Escape : round % 2);
                string expected = ByteByByte(info, message);
                Assert.AreEqual(expected, Hex.Format(SlipFrameEncoder.Encode(info, message)), "round " + round.ToString());
                Assert.AreEqual(expected.Length / 2, SlipFrameEncoder.FrameLength(info, message, 0, length));

                byte[] buffer = new byte[3 + SlipFrameEncoder.MaxFrameLength(length)];
                int written = SlipFrameEncoder.Encode(info, message, 0, length, buffer, 3);
                Assert.AreEqual(expected, Hex.Format(buffer, 3, written));
            }

            byte[] allEscaped = Filled(50, SlipFrame.Escape);
            Assert.AreEqual(ByteByByte(SlipFrame.InfoDeviceToHost, allEscaped), Hex.Format(SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, allEscaped)));
        }

        [TestMethod]
        public void OverMaximumAnswerCarriesTheMaximumAndNoMessage()
        {
            Assert.AreEqual("C00300000200C0", Hex.Format(SlipFrameEncoder.EncodeOverMaximum(512)));
        }

        [TestMethod]
        public void OverMaximumAnswerEscapesTheLength()
        {
            Assert.AreEqual("C003000000DBDCC0", Hex.Format(SlipFrameEncoder.EncodeOverMaximum(0xC0)));
            Assert.AreEqual("C003000000DBDDC0", Hex.Format(SlipFrameEncoder.EncodeOverMaximum(0xDB)));
        }

        [TestMethod]
        public void OverMaximumAnswerIntoBuffer()
        {
            byte[] buffer = new byte[16];
            int written = SlipFrameEncoder.EncodeOverMaximum(0x1234, buffer, 2);
            Assert.AreEqual(7, written);
            Assert.AreEqual("0000C00300001234C000", Hex.Format(buffer, 0, 10));
        }

        // The framing rule, one byte at a time, as SlipFrame states it.
        private static string ByteByByte(byte info, byte[] message)
        {
            byte[] unescaped = new byte[5 + message.Length];
            unescaped[0] = info;
            unescaped[1] = (byte)(message.Length >> 24);
            unescaped[2] = (byte)(message.Length >> 16);
            unescaped[3] = (byte)(message.Length >> 8);
            unescaped[4] = (byte)message.Length;
            Array.Copy(message, 0, unescaped, 5, message.Length);
            string text = "C0";
            for (int i = 0; i < unescaped.Length; i++)
            {
                byte b = unescaped[i];
                text += b == SlipFrame.End ? "DBDC" : b == SlipFrame.Escape ? "DBDD" : Hex.Format(new byte[] { b });
            }

            return text + "C0";
        }

        private static void AssertFrame(string expectedFrame, byte info, string message)
        {
            byte[] expected = Hex.Parse(expectedFrame);
            byte[] actual = SlipFrameEncoder.Encode(info, Hex.Parse(message));
            Assert.AreEqual(Hex.Format(expected), Hex.Format(actual));
        }

        private static string Norm(string hex)
        {
            return Hex.Format(Hex.Parse(hex));
        }

        private static byte[] Filled(int length, byte value)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = value;
            }

            return data;
        }
    }
}
