using System;
using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>
    /// The serial service over a scripted channel and a scripted handler: answers, no answers, handler
    /// failures, oversized frames, problem logging and a fuzz run. Opening, reopening and the thread
    /// are the serial link's (SerialLinkTests).
    /// </summary>
    [TestClass]
    public class MmsSerialServiceTests
    {
        private const int Max = 64;
        private const int IdleTimeout = 100;

        [TestMethod]
        public void GetRequestIsAnsweredInADeviceToHostFrame()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            Assert.AreEqual(32, service.Poll(channel));

            Assert.AreEqual(Norm("C0 02 00000022 AA00 8104 8255D101 8204 00000000 8482 0010 D101 850101 870402020102 8903 C30100 C0"), Hex.Format(channel.Output()));
            Assert.AreEqual(Norm(SeedFrames.GetRequest), Hex.Format(handler.LastRequest));
            Assert.AreEqual(1, service.FramesReceived);
        }

        [TestMethod]
        public void SetRequestIsAnsweredInADeviceToHostFrame()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.SetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.SetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual(Norm("C0 02 00000022 AA00 8104 8255D111 8204 00000000 8482 0010 D111 850101 870402020102 8903 C30100 C0"), Hex.Format(channel.Output()));
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(handler.LastRequest));
        }

        [TestMethod]
        public void ResponseBytesAreEscaped()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            MmsSerialService service = Service(Handler(Max, "AA00 C0DB"), new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual(Norm("C0 02 00000004 AA00 DBDC DBDD C0"), Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void AnswerLongerThanTheRequestBufferIsWrittenWhole()
        {
            // The answer's frame normally reuses the request's buffer (Max + 5 bytes here); a longer one,
            // every byte escaped, gets an array of its own and the same bytes on the wire.
            byte[] response = new byte[Max];
            for (int i = 0; i < response.Length; i++)
            {
                response[i] = i % 2 == 0 ? SlipFrame.End : SlipFrame.Escape;
            }

            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = new FakeMmsMessageHandler(Max);
            handler.Response = response;
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame + SeedFrames.SetRequestFrame));
            service.Poll(channel);

            byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response);
            Assert.IsTrue(frame.Length > Max + SlipFrame.HeaderSize);
            Assert.AreEqual(Hex.Format(frame) + Hex.Format(frame), Hex.Format(channel.Output()));
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(handler.LastRequest));
        }

        [TestMethod]
        public void NullResponseWritesNothing()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, null);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual(1, handler.Calls);
            Assert.AreEqual(0, channel.Writes);
        }

        [TestMethod]
        public void NothingReadMeansNothingWritten()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            Assert.AreEqual(0, service.Poll(channel));
            Assert.AreEqual(0, handler.Calls);
            Assert.AreEqual(0, channel.Writes);
        }

        [TestMethod]
        public void HandlerThatThrowsDoesNotStopTheService()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.SetResponse);
            RecordingLog log = new RecordingLog();
            MmsSerialService service = Service(handler, new FakeClock(0), log);

            handler.ThrowCount = 1;
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);
            Assert.AreEqual(0, channel.Writes);
            Assert.AreEqual(1, service.HandlerFailures);
            Assert.AreEqual(1, log.CountAt(LogLevel.Warning));
            Assert.Contains("handler failure 1", log.Line(0));
            Assert.Contains("scripted handler failure", log.Line(0));

            channel.Enqueue(Hex.Parse(SeedFrames.SetRequestFrame));
            service.Poll(channel);
            Assert.AreEqual(Norm(SeedFrames.SetResponseFrame), Hex.Format(channel.Output()));
            Assert.AreEqual(2, handler.Calls);
        }

        [TestMethod]
        public void EveryFrameInOneReadIsAnswered()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame + "11 22" + SeedFrames.SetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual(2, handler.Calls);
            Assert.AreEqual(Norm(SeedFrames.SetRequest), Hex.Format(handler.LastRequest));
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame + SeedFrames.GetResponseFrame), Hex.Format(channel.Output()));
            Assert.AreEqual(1, service.GarbageDropped);
        }

        [TestMethod]
        public void RequestSplitOverSeveralReadsIsAnsweredOnce()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse("C0 00 0000"));
            channel.Enqueue(Hex.Parse("0019 AA00 8104 0155D101 840F D101"));
            channel.Enqueue(Hex.Parse("850101 870402020102 8902 C300 C0"));
            service.Poll(channel);
            service.Poll(channel);
            Assert.AreEqual(0, channel.Writes);
            service.Poll(channel);

            Assert.AreEqual(1, handler.Calls);
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame), Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void OversizedFrameIsAnsweredWithTheMaximumLength()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(24, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual("C00300000018C0", Hex.Format(channel.Output()));
            Assert.AreEqual(0, handler.Calls);
            Assert.AreEqual(1, service.OversizedFrames);

            channel.ClearOutput();
            channel.Enqueue(Hex.Parse("C0 00 00000002 AA00 C0"));
            service.Poll(channel);
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame), Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void OversizedAnswerEscapesTheMaximumLength()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            MmsSerialService service = Service(Handler(0xC0, null), new FakeClock(0), new RecordingLog());

            channel.Enqueue(Hex.Parse("C0 00 00000100 C0"));
            service.Poll(channel);

            Assert.AreEqual("C003000000DBDCC0", Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void OversizedContentFedByteByByteIsAnsweredOnce()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(4, SeedFrames.GetResponse);
            MmsSerialService service = Service(handler, new FakeClock(0), new RecordingLog());

            byte[] frame = Hex.Parse("C0 00 00000004 01 02 03 04 05 06 07 08 C0");
            for (int i = 0; i < frame.Length; i++)
            {
                channel.Enqueue(new byte[] { frame[i] });
                service.Poll(channel);
            }

            Assert.AreEqual("C00300000004C0", Hex.Format(channel.Output()));
            Assert.AreEqual(1, channel.Writes);
            Assert.AreEqual(0, handler.Calls);
        }

        [TestMethod]
        public void IdleTimeoutDropsAPartialRequestAndIsLogged()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            FakeClock clock = new FakeClock(5000);
            RecordingLog log = new RecordingLog();
            MmsSerialService service = Service(handler, clock, log);

            channel.Enqueue(Hex.Parse("C0 00 00000019 AA00 8104"));
            service.Poll(channel);
            clock.Advance(IdleTimeout);
            service.Poll(channel);

            Assert.AreEqual(1, service.IdleTimeouts);
            Assert.AreEqual(1, log.Count);
            Assert.Contains("idle timeout 1", log.Line(0));

            // The rest of the dropped frame is skipped; the next frame is answered.
            channel.Enqueue(Hex.Parse("0155D101 840F D101 850101 870402020102 8902 C300 C0"));
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);
            service.Poll(channel);
            Assert.AreEqual(1, handler.Calls);
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame), Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void GarbageBurstsAreSummarisedNotLoggedOneByOne()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            MmsSerialService service = Service(Handler(Max, SeedFrames.GetResponse), clock, log);

            // Each burst is one dropped frame: a byte that is no valid info byte, then a delimiter.
            byte[] burst = Hex.Parse("11 C0");
            for (int i = 0; i < 10000; i++)
            {
                channel.Enqueue(burst);
                clock.Advance(1);
                service.Poll(channel);
            }

            Assert.AreEqual(10000, service.GarbageDropped);
            Assert.AreEqual(1, log.Count);
            Assert.Contains("garbage 1,", log.Line(0));

            // The rest comes in one line once the interval has passed.
            clock.Advance(MmsSerialService.ProblemLogIntervalMilliseconds);
            service.Poll(channel);
            service.Poll(channel);
            Assert.AreEqual(2, log.Count);
            Assert.AreEqual(2, log.CountAt(LogLevel.Warning));
            Assert.Contains("garbage 9999,", log.Line(1));
        }

        [TestMethod]
        public void RandomNoiseDoesNotStopAnswers()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMmsMessageHandler handler = Handler(Max, SeedFrames.GetResponse);
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            MmsSerialService service = Service(handler, clock, log);

            // Noise rich in the bytes that matter to the decoder, so that it opens, escapes, claims
            // lengths and overflows frames in every order. Chunks stay under one read's size.
            byte[] special = Hex.Parse("C0 DB DC DD 00 00");
            Random random = new Random(20240611);
            for (int i = 0; i < 3000; i++)
            {
                byte[] chunk = new byte[1 + random.Next(48)];
                random.NextBytes(chunk);
                for (int j = 0; j < chunk.Length; j++)
                {
                    if (random.Next(3) == 0)
                    {
                        chunk[j] = special[random.Next(special.Length)];
                    }
                }

                channel.Enqueue(chunk);
                clock.Advance(random.Next(40));
                Assert.AreEqual(chunk.Length, service.Poll(channel));
            }

            channel.ClearOutput();
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);

            Assert.AreEqual(Norm(SeedFrames.GetRequest), Hex.Format(handler.LastRequest));
            string output = Hex.Format(channel.Output());
            Assert.EndsWith(Norm(SeedFrames.GetResponseFrame), output);
            Assert.IsTrue(service.GarbageDropped > 0);

            // At most one line at the start and one per interval.
            Assert.IsTrue(log.Count <= 2 + (int)(clock.UptimeMilliseconds / MmsSerialService.ProblemLogIntervalMilliseconds), "log lines " + log.Count.ToString());
        }

        [TestMethod]
        public void ChannelFailureLeavesPollAndPollingCanContinue()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            MmsSerialService service = Service(Handler(Max, SeedFrames.GetResponse), new FakeClock(0), new RecordingLog());

            channel.FailReads(1);
            Assert.ThrowsException(typeof(InvalidOperationException), () => service.Poll(channel));

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            service.Poll(channel);
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame), Hex.Format(channel.Output()));
        }

        [TestMethod]
        public void ConstructorRejectsMissingParts()
        {
            FakeMmsMessageHandler handler = Handler(Max, null);
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MmsSerialService(null, clock, log, IdleTimeout));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MmsSerialService(handler, null, log, IdleTimeout));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MmsSerialService(handler, clock, null, IdleTimeout));
        }

        private static MmsSerialService Service(FakeMmsMessageHandler handler, FakeClock clock, RecordingLog log)
        {
            return new MmsSerialService(handler, clock, log, IdleTimeout);
        }

        private static FakeMmsMessageHandler Handler(int maxMessageLength, string response)
        {
            FakeMmsMessageHandler handler = new FakeMmsMessageHandler(maxMessageLength);
            handler.Response = response == null ? null : Hex.Parse(response);
            return handler;
        }

        private static string Norm(string hex)
        {
            return Hex.Format(Hex.Parse(hex));
        }
    }
}
