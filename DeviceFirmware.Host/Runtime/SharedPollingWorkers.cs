using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Host.Runtime;

/// <summary>
/// <see cref="IWorkerFactory"/> for many devices in one process: the parts that never block
/// (telemetry, the reset one-shot) of every device share a few threads, each part polled when its
/// poll's wait is over or its <see cref="IPollable.Wake"/> is set; a part that may block (the UART,
/// the WLAN, the MQTT session, whose connect can take seconds) gets a <see cref="PollingWorker"/> of
/// its own, as on the board.
/// </summary>
/// <remarks>
/// <para>The rules are <see cref="PollingWorker"/>'s: one poll of a part at a time, a wait of 1 ms to
/// <see cref="PollingWorker.MaxWaitMilliseconds"/>, an exception logged and followed by
/// <see cref="PollingWorker.ErrorPauseMilliseconds"/>, and a stop that waits for the poll under way.
/// A wake is seen through <see cref="WakeSignal.Listener"/>, attached while the part runs here.</para>
/// <para>Measured with 1000 simulated devices: 3012 threads and 13 % of one core when idle with a
/// thread per part; see the README's simulator section for the figures with this pool.</para>
/// </remarks>
public sealed class SharedPollingWorkers : IWorkerFactory, IDisposable
{
    private readonly ILog _log;
    private readonly object _sync = new();
    private readonly PriorityQueue<(Entry Entry, long Ticket), long> _due = new();
    private readonly Thread[] _threads;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _started;
    private bool _disposed;

    /// <summary>Creates the pool; its threads start with the first shared part.</summary>
    /// <param name="threads">Threads the non-blocking parts share, at least 1.</param>
    /// <param name="log">Where a poll's exception is reported (with the part's name).</param>
    public SharedPollingWorkers(int threads, ILog log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _threads = new Thread[threads];
    }

    /// <summary>Threads the shared parts run on.</summary>
    public int ThreadCount => _threads.Length;

    /// <inheritdoc />
    public IWorker Create(string name, IPollable work, bool mayBlock)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(work);
        return mayBlock ? new PollingWorker(name, work, _log) : new Entry(this, name, work);
    }

    /// <summary>Ends the shared threads once they finish the poll under way; shared parts are polled no more.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            Monitor.PulseAll(_sync);
        }
    }

    private long Now => _clock.ElapsedMilliseconds;

    private void Schedule(Entry entry, long at)
    {
        // Caller holds _sync. An entry queued earlier under another time stays in the queue and is
        // skipped when it comes up: only the newest ticket counts.
        entry.DueAt = at;
        entry.Queued = true;
        entry.Ticket++;
        _due.Enqueue((entry, entry.Ticket), at);

        // All: a Stop may be waiting on the same lock, and a pulse it took would leave the threads asleep.
        Monitor.PulseAll(_sync);
    }

    private void Begin(Entry entry)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (entry.Active)
            {
                throw new InvalidOperationException(entry.Name + " worker already running");
            }

            entry.Active = true;
            entry.Work.Wake.Listener = entry;
            Schedule(entry, Now);
            if (!_started)
            {
                _started = true;
                for (int i = 0; i < _threads.Length; i++)
                {
                    _threads[i] = new Thread(Run) { Name = "shared poll " + (i + 1), IsBackground = true };
                    _threads[i].Start();
                }
            }
        }
    }

    private bool End(Entry entry, int waitMilliseconds)
    {
        lock (_sync)
        {
            entry.Active = false;
            entry.Queued = false;
            if (entry.Work.Wake.Listener == entry)
            {
                entry.Work.Wake.Listener = null;
            }

            if (entry.PollingThread == null || entry.PollingThread == Thread.CurrentThread)
            {
                return entry.PollingThread == null;
            }

            long deadline = Now + waitMilliseconds;
            while (entry.PollingThread != null)
            {
                long left = deadline - Now;
                if (left <= 0)
                {
                    _log.Write(LogLevel.Warning, entry.Name + ": poll did not end in time");
                    return false;
                }

                Monitor.Wait(_sync, (int)Math.Min(left, int.MaxValue));
            }

            return true;
        }
    }

    private void Woken(Entry entry)
    {
        lock (_sync)
        {
            if (!entry.Active)
            {
                return;
            }

            if (entry.PollingThread != null)
            {
                // Polled again as soon as this poll ends, as a PollingWorker's set event would do.
                entry.WokenDuringPoll = true;
            }
            else if (!entry.Queued || entry.DueAt > Now)
            {
                Schedule(entry, Now);
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            Entry entry;
            lock (_sync)
            {
                entry = null;
                while (entry == null)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    if (!_due.TryPeek(out (Entry Entry, long Ticket) item, out long at))
                    {
                        Monitor.Wait(_sync);
                        continue;
                    }

                    Entry next = item.Entry;
                    if (!next.Queued || next.Ticket != item.Ticket)
                    {
                        _due.Dequeue(); // stale: stopped, or scheduled again since
                        continue;
                    }

                    long wait = at - Now;
                    if (wait > 0)
                    {
                        Monitor.Wait(_sync, (int)Math.Min(wait, PollingWorker.MaxWaitMilliseconds));
                        continue;
                    }

                    _due.Dequeue();
                    entry = next;
                    entry.Queued = false;
                    entry.WokenDuringPoll = false;
                    entry.PollingThread = Thread.CurrentThread;
                }
            }

            int pause;
            try
            {
                pause = Clamp(entry.Work.Poll());
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Error, entry.Name + ": " + ex.Message);
                pause = PollingWorker.ErrorPauseMilliseconds;
            }

            lock (_sync)
            {
                entry.PollingThread = null;
                if (entry.Active)
                {
                    Schedule(entry, entry.WokenDuringPoll ? Now : Now + pause);
                }

                // A Stop may be waiting for this poll to end.
                Monitor.PulseAll(_sync);
            }
        }
    }

    private static int Clamp(int wait) => Math.Clamp(wait, 1, PollingWorker.MaxWaitMilliseconds);

    /// <summary>One shared part: its worker handle and its place in the schedule. State guarded by the pool's lock.</summary>
    private sealed class Entry : IWorker, IWakeListener
    {
        private readonly SharedPollingWorkers _pool;

        public Entry(SharedPollingWorkers pool, string name, IPollable work)
        {
            _pool = pool;
            Name = name;
            Work = work;
        }

        public string Name { get; }

        public IPollable Work { get; }

        public bool Active { get; set; }

        public bool Queued { get; set; }

        public long DueAt { get; set; }

        public long Ticket { get; set; }

        public bool WokenDuringPoll { get; set; }

        public Thread PollingThread { get; set; }

        public void Start() => _pool.Begin(this);

        public bool Stop(int waitMilliseconds) => _pool.End(this, waitMilliseconds);

        public void OnWake() => _pool.Woken(this);
    }
}
