using System;
using DeviceFirmware.Serial;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>
    /// Streaming SLIP decoding: seed frames both ways, escapes, arbitrary chunking, resynchronisation
    /// after garbage, the length bound and the idle timeout. Each feed is written down as a transcript,
    /// "info:message " per frame and "oversized " per report, so that a test states everything decoded.
    /// </summary>
    [TestClass]
    public class SlipFrameDecoderTests
    {
        private const int Max = 64;
        private const int Timeout = 100;

        [TestMethod]
        public void SeedRequestsDecodeOnTheDevice()
        {
            AssertDecodes(SlipDirection.HostToDevice, SeedFrames.GetRequestFrame, Frame("00", SeedFrames.GetRequest));
            AssertDecodes(SlipDirection.HostToDevice, SeedFrames.SetRequestFrame, Frame("00", SeedFrames.SetRequest));
        }

        [TestMethod]
        public void SeedResponsesDecodeOnTheHost()
        {
            AssertDecodes(SlipDirection.DeviceToHost, SeedFrames.GetResponseFrame, Frame("02", SeedFrames.GetResponse));
            AssertDecodes(SlipDirection.DeviceToHost, SeedFrames.SetResponseFrame, Frame("02", SeedFrames.SetResponse));
        }

        [TestMethod]
        public void DecodedFrameReportsItsFields()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.SetRequest), FeedHex(decoder, SeedFrames.SetRequestFrame, 0));
            Assert.AreEqual((byte)0x00, decoder.Info);
            Assert.AreEqual(26L, decoder.LengthField);
            Assert.AreEqual(26, decoder.MessageLength);
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(decoder.CopyMessage()));
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(decoder.MessageBuffer, decoder.MessageOffset, decoder.MessageLength));
        }

        [TestMethod]
        public void OverMaximumAnswerDecodesOnTheHost()
        {
            SlipFrameDecoder decoder = Host();
            Assert.AreEqual("03: ", FeedHex(decoder, "C0 03 00000200 C0", 0));
            Assert.AreEqual(512L, decoder.LengthField);
            Assert.AreEqual(0, decoder.MessageLength);

            // The device's maximum may exceed the host's own; it is not a message length.
            Assert.AreEqual("03: ", FeedHex(decoder, "C0 03 7FFFFFFF C0", 0));
            Assert.AreEqual(0x7FFFFFFFL, decoder.LengthField);
            Assert.AreEqual(0, decoder.OversizedFrames);
        }

        [TestMethod]
        public void OverMaximumAnswerWithAMessageIsDropped()
        {
            SlipFrameDecoder decoder = Host();
            Assert.AreEqual("", FeedHex(decoder, "C0 03 00000001 AA C0", 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
        }

        [TestMethod]
        public void InfoByteForTheOtherDirectionIsDropped()
        {
            SlipFrameDecoder device = Device();
            Assert.AreEqual("", FeedHex(device, SeedFrames.GetResponseFrame, 0));
            Assert.AreEqual("", FeedHex(device, "C0 03 00000040 C0", 0));
            Assert.AreEqual(2, device.GarbageDropped);
            Assert.AreEqual(0, device.FramesDecoded);

            SlipFrameDecoder host = Host();
            Assert.AreEqual("", FeedHex(host, SeedFrames.GetRequestFrame, 0));
            Assert.AreEqual(1, host.GarbageDropped);
        }

        [TestMethod]
        public void EscapedMessageBytesAreRestored()
        {
            AssertDecodes(SlipDirection.HostToDevice, "C0 00 00000005 DBDC DBDD 01 DBDD DBDC C0", Frame("00", "C0 DB 01 DB C0"));
            AssertDecodes(SlipDirection.HostToDevice, "C0 00 00000003 DC DD DB DD C0", Frame("00", "DC DD DB"));
        }

        [TestMethod]
        public void EscapedLengthFieldIsRestored()
        {
            SlipFrameDecoder host = Host();
            Assert.AreEqual("03: ", FeedHex(host, "C0 03 00 DBDC DBDD DBDC C0", 0));
            Assert.AreEqual(0x00C0DBC0L, host.LengthField);

            // A 192-byte (0xC0) message: its length field's last byte is escaped.
            SlipFrameDecoder device = new SlipFrameDecoder(SlipDirection.HostToDevice, 256, Timeout);
            byte[] frame = Concat(Hex.Parse("C0 00 000000 DBDC"), Filled(192, 0x11), Hex.Parse("C0"));
            Assert.AreEqual(Frame("00", Hex.Format(Filled(192, 0x11))), Feed(device, frame, 0));
            Assert.AreEqual(0xC0L, device.LengthField);
        }

        [TestMethod]
        public void InvalidEscapeDropsTheFrame()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "C0 00 00000002 DB 01 02 C0" + SeedFrames.GetRequestFrame, 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
            Assert.AreEqual(1, decoder.FramesDecoded);
        }

        [TestMethod]
        public void LengthFieldCountingAnEscapeAsTwoBytesDropsTheFrame()
        {
            // Decoded, the message is one byte (C0); the length field says two, the escaped length.
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "C0 00 00000002 DBDC C0" + SeedFrames.GetRequestFrame, 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
        }

        [TestMethod]
        public void AFrameBeforeTheFirstDelimiterIsDroppedAsOneRun()
        {
            // Header, message and closing delimiter, but no opening one: the decoder has not synchronised yet.
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "00 00000002 AA00 C0" + SeedFrames.GetRequestFrame, 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
        }

        [TestMethod]
        public void EscapeBeforeDelimiterDropsTheFrameAndTheDelimiterOpensTheNext()
        {
            SlipFrameDecoder decoder = Device();
            string frameWithoutOpening = SeedFrames.GetRequestFrame.Substring(3);
            // Without the dangling escape the first frame would be complete and valid.
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "C0 00 00000002 AA00 DB C0" + frameWithoutOpening, 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
        }

        [TestMethod]
        public void FedOneByteAtATimeEachSeedDecodesOnItsLastByte()
        {
            AssertByteAtATime(SlipDirection.HostToDevice, SeedFrames.GetRequestFrame, Frame("00", SeedFrames.GetRequest));
            AssertByteAtATime(SlipDirection.HostToDevice, SeedFrames.SetRequestFrame, Frame("00", SeedFrames.SetRequest));
            AssertByteAtATime(SlipDirection.DeviceToHost, SeedFrames.GetResponseFrame, Frame("02", SeedFrames.GetResponse));
            AssertByteAtATime(SlipDirection.DeviceToHost, SeedFrames.SetResponseFrame, Frame("02", SeedFrames.SetResponse));
            AssertByteAtATime(SlipDirection.HostToDevice, "C0 00 00000004 DBDC DBDD 01 DBDD C0", Frame("00", "C0 DB 01 DB"));
        }

        [TestMethod]
        public void SplitInTwoAtEveryIndexEachSeedDecodesOnce()
        {
            AssertEverySplit(SlipDirection.HostToDevice, SeedFrames.GetRequestFrame, Frame("00", SeedFrames.GetRequest));
            AssertEverySplit(SlipDirection.HostToDevice, SeedFrames.SetRequestFrame, Frame("00", SeedFrames.SetRequest));
            AssertEverySplit(SlipDirection.DeviceToHost, SeedFrames.GetResponseFrame, Frame("02", SeedFrames.GetResponse));
            AssertEverySplit(SlipDirection.DeviceToHost, SeedFrames.SetResponseFrame, Frame("02", SeedFrames.SetResponse));

            // Splits inside escape sequences, including one in the length field.
            AssertEverySplit(SlipDirection.HostToDevice, "C0 00 00000004 DBDC DBDD 01 DBDD C0", Frame("00", "C0 DB 01 DB"));
            AssertEverySplit(SlipDirection.DeviceToHost, "C0 03 000000 DBDD C0", "03: ");
        }

        [TestMethod]
        public void GarbageBeforeTheFirstFrameIsDroppedAsOneRun()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "11 22 DB 33 00 00" + SeedFrames.GetRequestFrame, 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
            Assert.AreEqual(1, decoder.FramesDecoded);
        }

        [TestMethod]
        public void NoiseWithDelimitersAndEscapesBetweenFramesIsDropped()
        {
            SlipFrameDecoder decoder = Device();
            string stream = SeedFrames.GetRequestFrame + "11 22 C0 DB 33 C0 44 DB" + SeedFrames.SetRequestFrame;
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest) + Frame("00", SeedFrames.SetRequest), FeedHex(decoder, stream, 0));

            // "11 22", "DB 33" (bad escape) and "44 DB" (bad info byte) are three dropped frames.
            Assert.AreEqual(3, decoder.GarbageDropped);
            Assert.AreEqual(2, decoder.FramesDecoded);
        }

        [TestMethod]
        public void GarbageAfterTheLastFrameIsDropped()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, SeedFrames.GetRequestFrame + "01 02 03", 0));
            Assert.AreEqual(1, decoder.GarbageDropped);
            Assert.AreEqual("", FeedHex(decoder, "C0 00 00 00 C0", 0));
            Assert.AreEqual(2, decoder.GarbageDropped);
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, SeedFrames.GetRequestFrame, 0));
        }

        [TestMethod]
        public void SeveralFramesInOneChunkComeOutOneFeedEach()
        {
            SlipFrameDecoder decoder = Device();
            byte[] chunk = Hex.Parse(SeedFrames.GetRequestFrame + SeedFrames.SetRequestFrame + SeedFrames.GetRequestFrame);
            int first = decoder.Feed(chunk, 0, chunk.Length, 0);
            Assert.AreEqual(2 + 5 + 25, first);
            Assert.AreEqual((int)SlipDecodeResult.Frame, (int)decoder.Result);
            Assert.AreEqual(Norm(SeedFrames.GetRequest), Hex.Format(decoder.CopyMessage()));

            int second = decoder.Feed(chunk, first, chunk.Length - first, 0);
            Assert.AreEqual(2 + 5 + 26, second);
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(decoder.CopyMessage()));

            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), Feed(decoder, chunk, first + second));
            Assert.AreEqual(3, decoder.FramesDecoded);
        }

        [TestMethod]
        public void FramesMayShareADelimiter()
        {
            SlipFrameDecoder decoder = Device();
            string getWithoutClosing = SeedFrames.GetRequestFrame.Substring(0, SeedFrames.GetRequestFrame.Length - 3);
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest) + Frame("00", SeedFrames.SetRequest), FeedHex(decoder, getWithoutClosing + SeedFrames.SetRequestFrame, 0));
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        [TestMethod]
        public void BackToBackDelimitersAreEmptyFramesAndIgnored()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(decoder, "C0 C0 C0" + SeedFrames.GetRequestFrame + "C0 C0", 0));
            Assert.AreEqual(0, decoder.GarbageDropped);
            Assert.AreEqual(1, decoder.FramesDecoded);
        }

        [TestMethod]
        public void FrameShorterThanTheHeaderIsDropped()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual("", FeedHex(decoder, "C0 00 C0 00 0000 C0 00 000000 C0", 0));
            Assert.AreEqual(3, decoder.GarbageDropped);
        }

        [TestMethod]
        public void LengthFieldDifferentFromTheMessageDropsTheFrame()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual("", FeedHex(decoder, "C0 00 00000003 AA00 C0", 0));
            Assert.AreEqual("", FeedHex(decoder, "C0 00 00000001 AA00 C0", 0));
            Assert.AreEqual(2, decoder.GarbageDropped);
            Assert.AreEqual(Frame("00", "AA00"), FeedHex(decoder, "C0 00 00000002 AA00 C0", 0));
        }

        [TestMethod]
        public void DeclaredLengthOverMaximumIsReportedOnceAtTheHeader()
        {
            SlipFrameDecoder decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, 24, Timeout);
            byte[] frame = Hex.Parse(SeedFrames.GetRequestFrame);

            // Reported as soon as the length field is complete (opening delimiter + 5 header bytes).
            for (int i = 0; i < frame.Length; i++)
            {
                decoder.Feed(frame, i, 1, 0);
                bool reported = decoder.Result == SlipDecodeResult.Oversized;
                Assert.AreEqual(i == 5, reported, "byte " + i.ToString());
            }

            Assert.AreEqual(1, decoder.OversizedFrames);
            Assert.AreEqual(25L, decoder.LengthField);
            Assert.AreEqual(0, decoder.GarbageDropped);
            Assert.AreEqual(0, decoder.FramesDecoded);
            Assert.AreEqual(Frame("00", "AA00"), FeedHex(decoder, "C0 00 00000002 AA00 C0", 0));
        }

        [TestMethod]
        public void HugeDeclaredLengthIsOversized()
        {
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual("oversized ", FeedHex(decoder, "C0 00 FFFFFFFF AA00 DB 05 C0", 0));
            Assert.AreEqual(0xFFFFFFFFL, decoder.LengthField);
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        [TestMethod]
        public void MessageGrowingPastMaximumIsReportedOnce()
        {
            SlipFrameDecoder decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, 4, Timeout);
            Assert.AreEqual("oversized ", FeedHex(decoder, "C0 00 00000004 01 02 03 04 05 06 07 08 09 C0", 0));
            Assert.AreEqual(1, decoder.OversizedFrames);
            Assert.AreEqual(0, decoder.GarbageDropped);
            Assert.AreEqual(Frame("00", "01020304"), FeedHex(decoder, "C0 00 00000004 01 02 03 04 C0", 0));
        }

        [TestMethod]
        public void MessageOfExactlyTheMaximumIsAccepted()
        {
            SlipFrameDecoder exact = new SlipFrameDecoder(SlipDirection.HostToDevice, 25, Timeout);
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), FeedHex(exact, SeedFrames.GetRequestFrame, 0));

            SlipFrameDecoder oneShort = new SlipFrameDecoder(SlipDirection.HostToDevice, 24, Timeout);
            Assert.AreEqual("oversized ", FeedHex(oneShort, SeedFrames.GetRequestFrame, 0));

            SlipFrameDecoder none = new SlipFrameDecoder(SlipDirection.HostToDevice, 0, Timeout);
            Assert.AreEqual("00: ", FeedHex(none, "C0 00 00000000 C0", 0));
            Assert.AreEqual("oversized ", FeedHex(none, "C0 00 00000000 AA C0", 0));
        }

        [TestMethod]
        public void IdleTimeoutDropsAPartialFrame()
        {
            SlipFrameDecoder decoder = Device();
            byte[] frame = Hex.Parse(SeedFrames.GetRequestFrame);
            Assert.AreEqual("", Feed(decoder, frame, 0, 10, 1000));
            Assert.AreEqual("", Feed(decoder, frame, 10, frame.Length - 10, 1000 + Timeout));
            Assert.AreEqual(1, decoder.IdleTimeouts);
            Assert.AreEqual(0, decoder.GarbageDropped);
            Assert.AreEqual(0, decoder.FramesDecoded);

            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), Feed(decoder, frame, 0, frame.Length, 1000 + Timeout));
        }

        [TestMethod]
        public void ByteJustBeforeTheTimeoutKeepsTheFrame()
        {
            SlipFrameDecoder decoder = Device();
            byte[] frame = Hex.Parse(SeedFrames.GetRequestFrame);
            Assert.AreEqual("", Feed(decoder, frame, 0, 10, 1000));
            Assert.AreEqual("", Feed(decoder, frame, 10, 1, 1000 + Timeout - 1));
            Assert.AreEqual("", Feed(decoder, frame, 11, 0, 1000 + 2 * Timeout - 2));
            Assert.AreEqual(Frame("00", SeedFrames.GetRequest), Feed(decoder, frame, 11, frame.Length - 11, 1000 + 2 * Timeout - 2));
            Assert.AreEqual(0, decoder.IdleTimeouts);
        }

        [TestMethod]
        public void TimeoutAppliesWhenNothingArrives()
        {
            SlipFrameDecoder decoder = Device();
            byte[] frame = Hex.Parse(SeedFrames.GetRequestFrame);
            Feed(decoder, frame, 0, 3, 0);
            Feed(decoder, frame, 3, 0, Timeout - 1);
            Assert.AreEqual(0, decoder.IdleTimeouts);
            Feed(decoder, frame, 3, 0, Timeout);
            Assert.AreEqual(1, decoder.IdleTimeouts);
        }

        [TestMethod]
        public void PendingEscapeAloneTimesOut()
        {
            SlipFrameDecoder decoder = Device();
            FeedHex(decoder, "C0 DB", 0);
            FeedHex(decoder, "", Timeout);
            Assert.AreEqual(1, decoder.IdleTimeouts);
        }

        [TestMethod]
        public void SilenceBetweenFramesIsNotATimeout()
        {
            SlipFrameDecoder decoder = Device();
            FeedHex(decoder, SeedFrames.GetRequestFrame, 0);
            FeedHex(decoder, "", 100000);
            Assert.AreEqual(Frame("00", SeedFrames.SetRequest), FeedHex(decoder, SeedFrames.SetRequestFrame, 200000));
            Assert.AreEqual(0, decoder.IdleTimeouts);
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        [TestMethod]
        public void LongMessageWithoutEscapesDecodesWholeAndInChunks()
        {
            // The message bytes between header and delimiter are taken as one run.
            byte[] message = new byte[Max];
            for (int i = 0; i < message.Length; i++)
            {
                message[i] = (byte)(i * 3);
            }

            byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, message);
            string expected = Frame("00", Hex.Format(message));
            SlipFrameDecoder decoder = Device();
            Assert.AreEqual(expected, Feed(decoder, frame, 0));
            for (int chunk = 1; chunk <= 9; chunk++)
            {
                string transcript = "";
                for (int offset = 0; offset < frame.Length; offset += chunk)
                {
                    transcript += Feed(decoder, frame, offset, frame.Length - offset < chunk ? frame.Length - offset : chunk, 0);
                }

                Assert.AreEqual(expected, transcript, "chunks of " + chunk.ToString());
            }

            Assert.AreEqual(10, decoder.FramesDecoded);
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        [TestMethod]
        public void AnEscapeAtEveryPositionOfTheMessageIsRestored()
        {
            // Runs stop at each escape: first byte, last byte, two escapes in a row, and splits between
            // the escape byte and its code.
            for (int at = 0; at < 12; at++)
            {
                byte[] message = Filled(12, 0x41);
                message[at] = at % 2 == 0 ? SlipFrame.End : SlipFrame.Escape;
                if (at + 1 < message.Length && at % 3 == 0)
                {
                    message[at + 1] = SlipFrame.Escape;
                }

                byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, message);
                string expected = Frame("00", Hex.Format(message));
                for (int split = 0; split <= frame.Length; split++)
                {
                    SlipFrameDecoder decoder = Device();
                    string transcript = Feed(decoder, frame, 0, split, 0) + Feed(decoder, frame, split, frame.Length - split, 0);
                    Assert.AreEqual(expected, transcript, "escape at " + at.ToString() + ", split at " + split.ToString());
                }
            }
        }

        [TestMethod]
        public void ARunPastTheMaximumIsReportedAtTheByteThatOverflows()
        {
            SlipFrameDecoder decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, 4, Timeout);
            byte[] data = Hex.Parse("C0 00 00000004 01 02 03 04 05 06 07 C0 C0 00 00000001 09 C0");

            // Delimiter, header, four message bytes, and the fifth, which does not fit.
            Assert.AreEqual(11, decoder.Feed(data, 0, data.Length, 0));
            Assert.AreEqual((int)SlipDecodeResult.Oversized, (int)decoder.Result);
            Assert.AreEqual(Frame("00", "09"), Feed(decoder, data, 11));
            Assert.AreEqual(1, decoder.OversizedFrames);
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        [TestMethod]
        public void ChunkingNeverChangesWhatIsDecoded()
        {
            // Random streams of valid frames, escapes, bad headers, oversized frames and noise: fed
            // whole, byte by byte and in random chunks, the transcript and every counter are the same.
            Random random = new Random(1107);
            for (int round = 0; round < 40; round++)
            {
                byte[] stream = RandomStream(random);
                SlipFrameDecoder whole = Device();
                SlipFrameDecoder bytewise = Device();
                SlipFrameDecoder chunked = Device();
                string expected = Feed(whole, stream, 0);
                string oneByOne = "";
                for (int i = 0; i < stream.Length; i++)
                {
                    oneByOne += Feed(bytewise, stream, i, 1, 0);
                }

                string inChunks = "";
                for (int offset = 0; offset < stream.Length;)
                {
                    int chunk = 1 + random.Next(12);
                    if (chunk > stream.Length - offset)
                    {
                        chunk = stream.Length - offset;
                    }

                    inChunks += Feed(chunked, stream, offset, chunk, 0);
                    offset += chunk;
                }

                string what = "round " + round.ToString() + ": " + Hex.Format(stream);
                Assert.AreEqual(expected, oneByOne, what);
                Assert.AreEqual(expected, inChunks, what);
                Assert.AreEqual(Counters(whole), Counters(bytewise), what);
                Assert.AreEqual(Counters(whole), Counters(chunked), what);
            }
        }

        [TestMethod]
        public void ConstructorRejectsBadArguments()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SlipFrameDecoder(SlipDirection.HostToDevice, -1, Timeout));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SlipFrameDecoder(SlipDirection.HostToDevice, Max, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SlipFrameDecoder((SlipDirection)7, Max, Timeout));
        }

        [TestMethod]
        public void FeedRejectsARangeOutsideTheBuffer()
        {
            SlipFrameDecoder decoder = Device();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => decoder.Feed(new byte[4], 3, 2, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => decoder.Feed(null, 0, 0, 0));
        }

        private static SlipFrameDecoder Device()
        {
            return new SlipFrameDecoder(SlipDirection.HostToDevice, Max, Timeout);
        }

        private static SlipFrameDecoder Host()
        {
            return new SlipFrameDecoder(SlipDirection.DeviceToHost, Max, Timeout);
        }

        private static void AssertDecodes(SlipDirection direction, string frame, string expected)
        {
            SlipFrameDecoder decoder = new SlipFrameDecoder(direction, Max, Timeout);
            Assert.AreEqual(expected, FeedHex(decoder, frame, 0));
            Assert.AreEqual(1, decoder.FramesDecoded);
            Assert.AreEqual(0, decoder.GarbageDropped);
        }

        private static void AssertByteAtATime(SlipDirection direction, string frame, string expected)
        {
            SlipFrameDecoder decoder = new SlipFrameDecoder(direction, Max, Timeout);
            byte[] data = Hex.Parse(frame);
            for (int i = 0; i < data.Length; i++)
            {
                string transcript = Feed(decoder, data, i, 1, i);
                Assert.AreEqual(i == data.Length - 1 ? expected : "", transcript, frame + " byte " + i.ToString());
            }
        }

        private static void AssertEverySplit(SlipDirection direction, string frame, string expected)
        {
            byte[] data = Hex.Parse(frame);
            for (int split = 0; split <= data.Length; split++)
            {
                SlipFrameDecoder decoder = new SlipFrameDecoder(direction, Max, Timeout);
                string transcript = Feed(decoder, data, 0, split, 0) + Feed(decoder, data, split, data.Length - split, 1);
                Assert.AreEqual(expected, transcript, frame + " split at " + split.ToString());
                Assert.AreEqual(0, decoder.GarbageDropped);
            }
        }

        private static string Counters(SlipFrameDecoder decoder)
        {
            return decoder.FramesDecoded.ToString() + "/" + decoder.GarbageDropped.ToString() + "/" + decoder.OversizedFrames.ToString();
        }

        // Pieces the decoder must tell apart, in random order: good frames (some with escapes, some
        // at the maximum), frames whose length field lies, bad info bytes, bad escapes, oversized
        // frames and bare noise.
        private static byte[] RandomStream(Random random)
        {
            byte[] stream = new byte[0];
            int pieces = 1 + random.Next(6);
            for (int p = 0; p < pieces; p++)
            {
                byte[] message = new byte[random.Next(Max + 8)];
                for (int i = 0; i < message.Length; i++)
                {
                    int pick = random.Next(10);
                    message[i] = pick == 0 ? SlipFrame.End : pick == 1 ? SlipFrame.Escape : (byte)random.Next(256);
                }

                byte[] piece = SlipFrameEncoder.Encode(random.Next(5) == 0 ? SlipFrame.InfoDeviceToHost : SlipFrame.InfoHostToDevice, message);
                int damage = random.Next(6);
                if (damage == 0 && piece.Length > 3)
                {
                    piece[1 + random.Next(piece.Length - 2)] = (byte)random.Next(256);
                }
                else if (damage == 1)
                {
                    piece = new byte[random.Next(9)];
                    for (int i = 0; i < piece.Length; i++)
                    {
                        piece[i] = (byte)random.Next(256);
                    }
                }

                byte[] longer = new byte[stream.Length + piece.Length];
                Array.Copy(stream, longer, stream.Length);
                Array.Copy(piece, 0, longer, stream.Length, piece.Length);
                stream = longer;
            }

            return stream;
        }

        private static string Frame(string info, string message)
        {
            return info + ":" + Norm(message) + " ";
        }

        private static string FeedHex(SlipFrameDecoder decoder, string hex, long now)
        {
            byte[] data = Hex.Parse(hex);
            return Feed(decoder, data, 0, data.Length, now);
        }

        private static string Feed(SlipFrameDecoder decoder, byte[] data, int offset)
        {
            return Feed(decoder, data, offset, data.Length - offset, 0);
        }

        // Feeds a whole chunk the way the service does and writes down every result.
        private static string Feed(SlipFrameDecoder decoder, byte[] data, int offset, int count, long now)
        {
            string transcript = "";
            int position = offset;
            int end = offset + count;
            do
            {
                int used = decoder.Feed(data, position, end - position, now);
                Assert.IsTrue(used > 0 || position == end, "Feed consumed nothing");
                position += used;
                if (decoder.Result == SlipDecodeResult.Frame)
                {
                    transcript = transcript + Hex.Format(new byte[] { decoder.Info }) + ":"
                        + Hex.Format(decoder.MessageBuffer, decoder.MessageOffset, decoder.MessageLength) + " ";
                }
                else if (decoder.Result == SlipDecodeResult.Oversized)
                {
                    transcript = transcript + "oversized ";
                }
            }
            while (position < end);

            return transcript;
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

        private static byte[] Concat(byte[] a, byte[] b, byte[] c)
        {
            byte[] result = new byte[a.Length + b.Length + c.Length];
            Array.Copy(a, 0, result, 0, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            Array.Copy(c, 0, result, a.Length + b.Length, c.Length);
            return result;
        }
    }
}
