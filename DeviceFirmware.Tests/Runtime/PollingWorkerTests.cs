using System;
using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Runtime
{
    /// <summary>
    /// The one thread loop of the device: polls, waits as long as the poll asked (at most
    /// <see cref="PollingWorker.MaxWaitMilliseconds"/>) or until woken, survives exceptions, stops.
    /// </summary>
    [TestClass]
    public class PollingWorkerTests
    {
        [TestMethod]
        public void AWakeEndsTheWaitAtOnce()
        {
            CountingWork work = new CountingWork(PollingWorker.MaxWaitMilliseconds);
            PollingWorker worker = new PollingWorker("test", work, new RecordingLog());
            worker.Start();
            try
            {
                Waiting.Until(() => work.Polls == 1, "the first poll");

                // The worker now sleeps for a second; each wake must bring the next poll long before.
                for (int round = 2; round <= 4; round++)
                {
                    long start = DateTime.UtcNow.Ticks;
                    work.Wake.Set();
                    int expected = round;
                    Waiting.Until(() => work.Polls == expected, "the poll after a wake");
                    long elapsedMs = (DateTime.UtcNow.Ticks - start) / TimeSpan.TicksPerMillisecond;
                    Assert.IsTrue(elapsedMs < PollingWorker.MaxWaitMilliseconds / 4, "woken poll came after " + elapsedMs.ToString() + " ms");
                }
            }
            finally
            {
                Assert.IsTrue(worker.Stop(5000));
            }
        }

        [TestMethod]
        public void AnExceptionIsLoggedAndTheLoopGoesOn()
        {
            CountingWork work = new CountingWork(0);
            work.ThrowOnPoll = 1;
            RecordingLog log = new RecordingLog();
            PollingWorker worker = new PollingWorker("test", work, log);
            worker.Start();
            try
            {
                Waiting.Until(() => work.Polls >= 3, "polls after the failure");
            }
            finally
            {
                Assert.IsTrue(worker.Stop(5000));
            }

            Assert.AreEqual(1, log.CountExactly("test: scripted poll failure"));
            Assert.AreEqual(LogLevel.Error, log.LevelAt(0));
        }

        [TestMethod]
        public void StopEndsTheThreadAndNoPollFollows()
        {
            CountingWork work = new CountingWork(PollingWorker.MaxWaitMilliseconds);
            PollingWorker worker = new PollingWorker("test", work, new RecordingLog());
            Assert.IsTrue(worker.Stop(100));
            worker.Start();
            try
            {
                Waiting.Until(() => work.Polls >= 1, "the first poll");
            }
            catch (Exception)
            {
                worker.Stop(5000);
                throw;
            }

            // Stop wakes the sleeping thread: it ends well within its one-second wait.
            long start = DateTime.UtcNow.Ticks;
            Assert.IsTrue(worker.Stop(5000));
            Assert.IsTrue((DateTime.UtcNow.Ticks - start) / TimeSpan.TicksPerMillisecond < PollingWorker.MaxWaitMilliseconds / 2);
            Assert.IsFalse(worker.IsRunning);
            int polls = work.Polls;
            Thread.Sleep(30);
            Assert.AreEqual(polls, work.Polls);
        }

        [TestMethod]
        public void ASetTellsTheWakeListenerUntilItIsDetached()
        {
            WakeSignal wake = new WakeSignal();
            CountingListener listener = new CountingListener();
            wake.Set();
            wake.Listener = listener;

            wake.Set();
            wake.Set();
            Assert.AreEqual(2, listener.Wakes);

            wake.Listener = null;
            wake.Set();
            Assert.AreEqual(2, listener.Wakes);
            Assert.IsTrue(wake.Wait(0), "the waiting side is woken as before");
        }

        [TestMethod]
        public void ConstructorRejectsMissingParts()
        {
            CountingWork work = new CountingWork(0);
            Assert.ThrowsException(typeof(ArgumentNullException), () => new PollingWorker(null, work, new RecordingLog()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new PollingWorker("test", null, new RecordingLog()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new PollingWorker("test", work, null));
        }

        private sealed class CountingListener : IWakeListener
        {
            public int Wakes;

            public void OnWake()
            {
                Wakes++;
            }
        }

        private sealed class CountingWork : IPollable
        {
            private readonly int _wait;
            private readonly WakeSignal _wake = new WakeSignal();
            private int _polls;

            public CountingWork(int wait)
            {
                _wait = wait;
            }

            public int ThrowOnPoll;

            public WakeSignal Wake
            {
                get { return _wake; }
            }

            public int Polls
            {
                get
                {
                    lock (_wake)
                    {
                        return _polls;
                    }
                }
            }

            public int Poll()
            {
                int poll;
                lock (_wake)
                {
                    poll = ++_polls;
                }

                if (poll == ThrowOnPoll)
                {
                    throw new InvalidOperationException("scripted poll failure");
                }

                return _wait;
            }
        }
    }
}
