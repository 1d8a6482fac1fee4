using System.Threading;

namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Wakes the thread that polls an <see cref="IPollable"/> before its wait is over: set from any
    /// thread when something happened that the poller must act on (a delivery report, a settings
    /// change). Several sets before the next wait count as one.
    /// </summary>
    public sealed class WakeSignal
    {
        // AutoResetEvent(bool), Set(), WaitOne(int, bool): CoreLibrary
        // nanoFramework.CoreLibrary/System/Threading/AutoResetEvent.cs and WaitHandle.cs.
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        /// <summary>Wakes the waiting thread, or makes its next wait return at once.</summary>
        public void Set()
        {
            _event.Set();
        }

        /// <summary>Waits until <see cref="Set"/> or until <paramref name="milliseconds"/> have passed.</summary>
        /// <returns>True when woken by <see cref="Set"/>.</returns>
        public bool Wait(int milliseconds)
        {
            return _event.WaitOne(milliseconds, false);
        }
    }
}
