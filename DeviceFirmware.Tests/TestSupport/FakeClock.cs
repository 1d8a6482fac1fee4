using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>An <see cref="IClock"/> that only moves when a test advances it.</summary>
    public sealed class FakeClock : IClock
    {
        private long _now;

        /// <summary>Creates a clock reading <paramref name="start"/> milliseconds.</summary>
        public FakeClock(long start)
        {
            _now = start;
        }

        /// <inheritdoc />
        public long UptimeMilliseconds
        {
            get { return _now; }
        }

        /// <summary>Moves the clock forward.</summary>
        public void Advance(long milliseconds)
        {
            _now += milliseconds;
        }
    }
}
