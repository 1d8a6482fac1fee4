using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Composition
{
    /// <summary>
    /// The one-shot behind Reset Device (0x1F01): the request handler schedules it while it builds its
    /// answer, and the <see cref="Device"/> runs it on its own worker, which calls the platform's
    /// <see cref="IReboot"/> <see cref="DelayMilliseconds"/> later. The answer is handed to the
    /// transport as soon as the handler returns (the UART writes it at once, on the thread that
    /// handled it), so the delay lets it leave before the device goes, and stays well inside the
    /// manual's 500 ms.
    /// </summary>
    public sealed class ResetScheduler : IResetScheduler, IPollable
    {
        /// <summary>Default delay between the answer and the reboot.</summary>
        public const int DefaultDelayMilliseconds = 200;

        /// <summary>The manual's bound: the device "starts an automatic reset within 500ms" of its answer.</summary>
        public const int MaxDelayMilliseconds = 500;

        // Poll's answer while nothing is scheduled; the worker sleeps until a Schedule wakes it.
        private const int IdleMilliseconds = 1000;

        private readonly IReboot _reboot;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly int _delayMilliseconds;
        private readonly WakeSignal _wake = new WakeSignal();
        private readonly object _sync = new object();
        private bool _pending;
        private long _dueAt;
        private int _reboots;

        /// <summary>Creates the scheduler; nothing happens until <see cref="ScheduleReset"/>.</summary>
        /// <param name="reboot">Restarts the device.</param>
        /// <param name="clock">Times the delay.</param>
        /// <param name="log">One line when the reset starts.</param>
        /// <param name="delayMilliseconds">0 to 499: time between the answer and the reboot.</param>
        public ResetScheduler(IReboot reboot, IClock clock, ILog log, int delayMilliseconds)
        {
            if (reboot == null)
            {
                throw new ArgumentNullException("reboot");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            if (delayMilliseconds < 0 || delayMilliseconds >= MaxDelayMilliseconds)
            {
                throw new ArgumentOutOfRangeException("delayMilliseconds");
            }

            _reboot = reboot;
            _clock = clock;
            _log = log;
            _delayMilliseconds = delayMilliseconds;
        }

        /// <inheritdoc />
        public WakeSignal Wake
        {
            get { return _wake; }
        }

        /// <summary>Time between the answer and the reboot.</summary>
        public int DelayMilliseconds
        {
            get { return _delayMilliseconds; }
        }

        /// <summary>True while a reset is scheduled and has not started.</summary>
        public bool IsPending
        {
            get
            {
                lock (_sync)
                {
                    return _pending;
                }
            }
        }

        /// <summary>Number of times <see cref="IReboot.Reboot"/> was called (it returns only where a restart is simulated).</summary>
        public int Reboots
        {
            get
            {
                lock (_sync)
                {
                    return _reboots;
                }
            }
        }

        /// <inheritdoc />
        /// <remarks>A second request while one is pending keeps the first deadline: the device resets once, within 500 ms of the first answer.</remarks>
        public bool ScheduleReset()
        {
            lock (_sync)
            {
                if (!_pending)
                {
                    _pending = true;
                    _dueAt = _clock.UptimeMilliseconds + _delayMilliseconds;
                }
            }

            _wake.Set();
            return true;
        }

        /// <summary>Reboots once the scheduled time has come.</summary>
        /// <returns>Milliseconds until the scheduled reset, or a long idle wait when none is scheduled.</returns>
        public int Poll()
        {
            lock (_sync)
            {
                if (!_pending)
                {
                    return IdleMilliseconds;
                }

                long now = _clock.UptimeMilliseconds;
                if (now < _dueAt)
                {
                    return (int)(_dueAt - now);
                }

                _pending = false;
                _reboots++;
            }

            _log.Write(LogLevel.Info, "reset: restarting the device");
            _reboot.Reboot();
            return IdleMilliseconds;
        }
    }
}
