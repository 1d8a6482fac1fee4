using System;
using System.Threading;

namespace DeviceFirmware.Runtime
{
    /// <summary>
    /// Runs one <see cref="IPollable"/> on its own thread: poll, then wait until the poll's answer
    /// or its <see cref="IPollable.Wake"/>, and again, until <see cref="Stop"/>. The one loop every
    /// thread of the device uses, so that each keeps the same rules: an exception is logged and the
    /// loop goes on after a pause, and no wait exceeds <see cref="MaxWaitMilliseconds"/> (which bounds
    /// the cost of a wake-up that was missed).
    /// </summary>
    public sealed class PollingWorker : IWorker
    {
        /// <summary>Longest wait between two polls, whatever the poll asked for.</summary>
        public const int MaxWaitMilliseconds = 1000;

        /// <summary>Pause after a poll threw, so a persistent fault cannot spin the thread.</summary>
        public const int ErrorPauseMilliseconds = 1000;

        private readonly string _name;
        private readonly IPollable _work;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private Thread _thread;
        private bool _running;

        /// <summary>Creates a worker; no thread runs until <see cref="Start"/>.</summary>
        /// <param name="name">Names the worker in log lines ("serial", "mqtt", "telemetry").</param>
        /// <param name="work">What the thread polls.</param>
        /// <param name="log">Where an exception from a poll is reported.</param>
        public PollingWorker(string name, IPollable work, ILog log)
        {
            if (name == null)
            {
                throw new ArgumentNullException("name");
            }

            if (work == null)
            {
                throw new ArgumentNullException("work");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _name = name;
            _work = work;
            _log = log;
        }

        /// <summary>True while the thread runs (also while it finishes after a <see cref="Stop"/> that timed out).</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _thread != null && _thread.IsAlive;
                }
            }
        }

        /// <summary>Starts the thread.</summary>
        /// <exception cref="InvalidOperationException">The thread of an earlier start is still running.</exception>
        public void Start()
        {
            lock (_sync)
            {
                if (_thread != null && _thread.IsAlive)
                {
                    throw new InvalidOperationException(_name + " worker already running");
                }

                _running = true;

                // Thread(ThreadStart), Start(): CoreLibrary nanoFramework.CoreLibrary/System/Threading/Thread.cs.
                _thread = new Thread(new ThreadStart(Run));
                _thread.Start();
            }
        }

        /// <summary>
        /// Asks the thread to end after its current poll and waits for it. A poll blocked in I/O
        /// (a connect to an unresponsive broker) may outlast the wait; the thread then ends on its own.
        /// </summary>
        /// <param name="waitMilliseconds">Longest wait for the thread to end.</param>
        /// <returns>True when the thread has ended (or never ran).</returns>
        public bool Stop(int waitMilliseconds)
        {
            Thread thread;
            lock (_sync)
            {
                _running = false;
                thread = _thread;
            }

            _work.Wake.Set();
            if (thread == null || thread == Thread.CurrentThread)
            {
                return thread == null;
            }

            // Join(int) returns whether the thread ended: CoreLibrary .../System/Threading/Thread.cs.
            if (thread.Join(waitMilliseconds))
            {
                return true;
            }

            _log.Write(LogLevel.Warning, _name + ": thread did not stop in time");
            return false;
        }

        private bool Running()
        {
            lock (_sync)
            {
                return _running;
            }
        }

        private void Run()
        {
            while (Running())
            {
                int wait;
                try
                {
                    wait = _work.Poll();
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Error, _name + ": " + ex.Message);
                    wait = ErrorPauseMilliseconds;
                }

                if (!Running())
                {
                    return;
                }

                _work.Wake.Wait(Clamp(wait));
            }
        }

        private static int Clamp(int wait)
        {
            if (wait < 1)
            {
                return 1;
            }

            return wait > MaxWaitMilliseconds ? MaxWaitMilliseconds : wait;
        }
    }
}
