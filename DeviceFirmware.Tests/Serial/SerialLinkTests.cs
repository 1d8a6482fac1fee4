using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>
    /// The serial link: opens the port on the first poll, answers on it, and after a failure to open
    /// or to read closes the channel, waits <see cref="SerialLink.RetryMilliseconds"/> and opens it
    /// again, logging one line per outage and one on recovery.
    /// </summary>
    [TestClass]
    public class SerialLinkTests
    {
        [TestMethod]
        public void FirstPollOpensThePortAndAnswers()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            RecordingLog log = new RecordingLog();
            SerialLink link = NewLink(port, new FakeClock(0), log);
            Assert.IsFalse(link.IsOpen);

            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            Assert.AreEqual(0, link.Poll());

            Assert.IsTrue(link.IsOpen);
            Assert.AreEqual(1, port.Opens);
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetResponseFrame)), Hex.Format(channel.Output()));
            Assert.AreEqual(1, log.CountExactly("serial: FAKE0 open"));
        }

        [TestMethod]
        public void AFailedOpenIsRetriedAfterTheDelayAndLoggedOnce()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            SerialLink link = NewLink(port, clock, log);
            port.FailOpens(3);

            Assert.AreEqual(SerialLink.RetryMilliseconds, link.Poll());
            Assert.AreEqual(SerialLink.RetryMilliseconds, link.Poll());
            Assert.AreEqual(0, port.Opens);

            // No attempt before the delay has passed.
            clock.Advance(SerialLink.RetryMilliseconds - 1);
            Assert.AreEqual(1, link.Poll());
            clock.Advance(1);
            link.Poll();
            clock.Advance(SerialLink.RetryMilliseconds);
            link.Poll();
            clock.Advance(SerialLink.RetryMilliseconds);
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            Assert.AreEqual(0, link.Poll());

            Assert.AreEqual(1, port.Opens);
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetResponseFrame)), Hex.Format(channel.Output()));
            Assert.AreEqual(1, log.CountAt(LogLevel.Error));
            Assert.AreEqual("serial: FAKE0 cannot open, retrying: scripted open failure", log.Line(0));
            Assert.AreEqual(1, log.CountExactly("serial: FAKE0 working again after 3 failed attempts"));
        }

        [TestMethod]
        public void AChannelFailureClosesThePortAndReopensItLater()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            SerialLink link = NewLink(port, clock, log);
            link.Poll();

            channel.FailReads(2);
            Assert.AreEqual(SerialLink.RetryMilliseconds, link.Poll());
            Assert.IsFalse(link.IsOpen);
            Assert.AreEqual(1, channel.Disposals);

            clock.Advance(SerialLink.RetryMilliseconds);
            link.Poll();
            Assert.AreEqual(2, channel.Disposals);
            clock.Advance(SerialLink.RetryMilliseconds);
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            Assert.AreEqual(0, link.Poll());

            Assert.AreEqual(3, port.Opens);
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetResponseFrame)), Hex.Format(channel.Output()));
            Assert.AreEqual(1, log.CountAt(LogLevel.Error));
            Assert.Contains("channel failed, retrying: scripted channel failure", log.Line(1));
            Assert.AreEqual(1, log.CountExactly("serial: FAKE0 working again after 2 failed attempts"));
        }

        [TestMethod]
        public void DisposeClosesTheChannelAndStopsOpening()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            SerialLink link = NewLink(port, new FakeClock(0), new RecordingLog());
            link.Poll();

            link.Dispose();
            Assert.AreEqual(1, channel.Disposals);
            Assert.IsFalse(link.IsOpen);

            int reads = channel.Reads;
            link.Poll();
            Assert.AreEqual(1, port.Opens);
            Assert.AreEqual(reads, channel.Reads);
        }

        [TestMethod]
        public void AWorkerAnswersOnItsThreadUntilStoppedAndSurvivesAFailure()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            channel.EmptyReadDelayMilliseconds = 5;
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            FakeClock clock = new FakeClock(0);
            RecordingLog log = new RecordingLog();
            SerialLink link = NewLink(port, clock, log);
            PollingWorker worker = new PollingWorker("serial", link, log);
            channel.FailReads(1);

            worker.Start();
            try
            {
                Assert.IsTrue(worker.IsRunning);
                Assert.ThrowsException(typeof(System.InvalidOperationException), () => worker.Start());

                // The failed read closed the port; it reopens once the (fake) retry delay has passed.
                Waiting.Until(() => channel.Disposals == 1, "the failed channel is closed");
                clock.Advance(SerialLink.RetryMilliseconds);
                channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
                Waiting.Until(() => channel.OutputLength >= 41, "the answer");
            }
            finally
            {
                Assert.IsTrue(worker.Stop(5000));
            }

            Assert.IsFalse(worker.IsRunning);
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetResponseFrame)), Hex.Format(channel.Output()));
            Assert.AreEqual(2, port.Opens);
            Assert.AreEqual(1, log.CountAt(LogLevel.Error));
            Assert.AreEqual(1, log.CountExactly("serial: FAKE0 working again after 1 failed attempts"));

            // Stopped means stopped: nothing more is read.
            int reads = channel.Reads;
            System.Threading.Thread.Sleep(30);
            Assert.AreEqual(reads, channel.Reads);
        }

        private static SerialLink NewLink(FakeSerialPortOpener port, FakeClock clock, RecordingLog log)
        {
            FakeMmsMessageHandler handler = new FakeMmsMessageHandler(64);
            handler.Response = Hex.Parse(SeedFrames.GetResponse);
            return new SerialLink(port, handler, clock, log);
        }
    }
}
