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

        // Written when a worker attaches or detaches, read by whichever thread sets the signal, under
        // the lock of the private event (no lock object of its own: two heap blocks per signal).
        private IWakeListener _listener;

        /// <summary>
        /// Told of every <see cref="Set"/>, besides the waiting thread: a worker serving many parts on
        /// shared threads attaches here instead of waiting. Null for none (the usual case).
        /// </summary>
        public IWakeListener Listener
        {
            get
            {
                lock (_event)
                {
                    return _listener;
                }
            }

            set
            {
                lock (_event)
                {
                    _listener = value;
                }
            }
        }

        /// <summary>Wakes the waiting thread, or makes its next wait return at once, and tells the <see cref="Listener"/>.</summary>
        public void Set()
        {
            _event.Set();
            IWakeListener listener = Listener;
            if (listener != null)
            {
                listener.OnWake();
            }
        }

        /// <summary>Waits until <see cref="Set"/> or until <paramref name="milliseconds"/> have passed.</summary>
        /// <returns>True when woken by <see cref="Set"/>.</returns>
        public bool Wait(int milliseconds)
        {
            return _event.WaitOne(milliseconds, false);
        }
    }
}
