using DeviceFirmware.Composition;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// An <see cref="IReboot"/> that counts restarts and notes the clock, and an
    /// <see cref="IResetScheduler"/> that counts requests (<see cref="Accepts"/> false: a device that
    /// cannot restart).
    /// </summary>
    public sealed class FakeReboot : IReboot, IResetScheduler
    {
        private readonly IClock _clock;

        /// <summary>Creates the fake; <paramref name="clock"/> may be null when times do not matter.</summary>
        public FakeReboot(IClock clock)
        {
            _clock = clock;
            Accepts = true;
            LastRebootAt = -1;
        }

        /// <summary>Times <see cref="Reboot"/> was called.</summary>
        public int Reboots { get; private set; }

        /// <summary>Clock reading at the last <see cref="Reboot"/>, or -1.</summary>
        public long LastRebootAt { get; private set; }

        /// <summary>Times <see cref="ScheduleReset"/> was called.</summary>
        public int Requests { get; private set; }

        /// <summary>What <see cref="ScheduleReset"/> answers.</summary>
        public bool Accepts { get; set; }

        /// <inheritdoc />
        public void Reboot()
        {
            Reboots++;
            LastRebootAt = _clock == null ? 0 : _clock.UptimeMilliseconds;
        }

        /// <inheritdoc />
        public bool ScheduleReset()
        {
            Requests++;
            return Accepts;
        }
    }
}
