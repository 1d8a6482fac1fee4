using System;
using DeviceFirmware.Composition;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Composition
{
    /// <summary>
    /// The one-shot behind Reset Device: nothing until scheduled, then one reboot once the delay has
    /// passed (well inside the manual's 500 ms), a second request while pending keeps the first deadline.
    /// </summary>
    [TestClass]
    public class ResetSchedulerTests
    {
        [TestMethod]
        public void RebootsOnceWhenTheDelayHasPassed()
        {
            FakeClock clock = new FakeClock(1000);
            FakeReboot reboot = new FakeReboot(clock);
            ResetScheduler scheduler = new ResetScheduler(reboot, clock, new RecordingLog(), 200);
            int idle = scheduler.Poll();

            Assert.IsTrue(scheduler.ScheduleReset());
            clock.Advance(150);
            Assert.IsTrue(scheduler.ScheduleReset());
            int wait = scheduler.Poll();
            int rebootsEarly = reboot.Reboots;
            clock.Advance(50);
            scheduler.Poll();
            clock.Advance(1000);
            scheduler.Poll();

            Assert.IsTrue(idle >= 1000);
            Assert.AreEqual(50, wait);
            Assert.AreEqual(0, rebootsEarly);
            Assert.AreEqual(1, reboot.Reboots);
            Assert.AreEqual(1200L, reboot.LastRebootAt);
            Assert.IsFalse(scheduler.IsPending);
        }

        [TestMethod]
        public void TheDelayStaysInsideTheManualsBound()
        {
            FakeClock clock = new FakeClock(0);
            FakeReboot reboot = new FakeReboot(clock);
            Assert.IsTrue(ResetScheduler.DefaultDelayMilliseconds < ResetScheduler.MaxDelayMilliseconds);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ResetScheduler(reboot, clock, new RecordingLog(), 500));
        }
    }
}
