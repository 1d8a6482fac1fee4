using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>An <see cref="IClock"/> that only moves when a test moves it.</summary>
    public sealed class FakeClock : IClock
    {
        private long _now;

        /// <summary>Creates a clock reading 0.</summary>
        public FakeClock()
        {
        }

        /// <summary>Creates a clock reading <paramref name="start"/> milliseconds.</summary>
        public FakeClock(long start)
        {
            _now = start;
        }

        /// <summary>Current reading; tests may set it (it should not go backwards).</summary>
        public long UptimeMilliseconds
        {
            get { return _now; }
            set { _now = value; }
        }

        /// <summary>Moves the clock forward.</summary>
        public void Advance(long ms)
        {
            _now += ms;
        }
    }
}
