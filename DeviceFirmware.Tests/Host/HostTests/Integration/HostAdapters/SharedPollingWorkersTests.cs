using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Runtime;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>
/// The fleet's worker pool with real threads and the real clock: the rules of a PollingWorker, kept
/// for many parts on two threads.
/// </summary>
public sealed class SharedPollingWorkersTests : IDisposable
{
    private readonly RecordingLog _log = new(100);
    private readonly SharedPollingWorkers _pool;

    public SharedPollingWorkersTests() => _pool = new SharedPollingWorkers(2, _log);

    public void Dispose() => _pool.Dispose();

    /// <summary>Proves that a part that may block gets a PollingWorker (a thread of its own) and one that may not does not.</summary>
    [Fact]
    public void APartThatMayBlock_GetsAThreadOfItsOwn()
    {
        Assert.IsType<PollingWorker>(_pool.Create("mqtt", new Work(1000), mayBlock: true));
        Assert.IsNotType<PollingWorker>(_pool.Create("telemetry", new Work(1000), mayBlock: false));
    }

    /// <summary>
    /// Proves that a shared part sleeping for its one-second wait is polled within a quarter of that
    /// after a wake, each of three times (PollingWorkerTests' bound). It does not prove the latency under load.
    /// </summary>
    [Fact]
    public void AWake_BringsThePollForward()
    {
        Work work = new(PollingWorker.MaxWaitMilliseconds);
        IWorker worker = _pool.Create("telemetry", work, false);
        worker.Start();
        Wait.Until(() => work.Polls == 1, "the first poll");

        for (int round = 2; round <= 4; round++)
        {
            Stopwatch watch = Stopwatch.StartNew();
            work.Wake.Set();
            int expected = round;
            Wait.Until(() => work.Polls == expected, "the poll after a wake");
            Assert.True(watch.ElapsedMilliseconds < PollingWorker.MaxWaitMilliseconds / 4, $"woken poll after {watch.ElapsedMilliseconds} ms");
        }

        Assert.True(worker.Stop(5000));
    }

    /// <summary>
    /// Proves that a poll's wait is kept (a part asking for 300 ms is polled about three times a
    /// second, not more) and capped at one second (a part asking for a minute is still polled every
    /// second), as by a PollingWorker. Bounds are loose for a loaded machine.
    /// </summary>
    [Fact]
    public void WaitsAreKept_AndCappedAtOneSecond()
    {
        Work short300 = new(300);
        Work long60s = new(60000);
        IWorker a = _pool.Create("a", short300, false);
        IWorker b = _pool.Create("b", long60s, false);
        a.Start();
        b.Start();

        Thread.Sleep(2100);
        Assert.True(a.Stop(5000));
        Assert.True(b.Stop(5000));

        Assert.InRange(short300.Polls, 4, 9);
        Assert.InRange(long60s.Polls, 2, 4);
    }

    /// <summary>Proves that an exception is logged with the part's name and the part is polled again about a second later.</summary>
    [Fact]
    public void AnException_IsLogged_AndThePartIsPolledAgain()
    {
        Work work = new(0) { ThrowOnPoll = 1 };
        IWorker worker = _pool.Create("telemetry", work, false);
        worker.Start();

        Wait.Until(() => work.Polls >= 2, "the poll after the failure", TimeSpan.FromSeconds(5));
        Assert.True(worker.Stop(5000));

        Assert.Equal("telemetry: scripted poll failure", _log.Line(0));
        Assert.Equal(LogLevel.Error, _log.LevelAt(0));
    }

    /// <summary>
    /// Proves that Stop waits for the poll under way and that no poll follows it, and that a part is
    /// never polled on two threads at once although two threads serve it and it is woken during its
    /// polls. It does not prove fairness between parts.
    /// </summary>
    [Fact]
    public void StopWaitsForThePollUnderWay_AndAPartIsNeverPolledTwiceAtOnce()
    {
        Work slow = new(0) { PollMilliseconds = 50 };
        IWorker worker = _pool.Create("slow", slow, false);
        worker.Start();
        for (int i = 0; i < 20; i++)
        {
            slow.Wake.Set();
            Thread.Sleep(7);
        }

        Wait.Until(() => slow.Polls >= 3, "three polls");
        Assert.True(worker.Stop(5000));
        int polls = slow.Polls;
        Assert.False(slow.InPoll);
        Thread.Sleep(150);

        Assert.Equal(polls, slow.Polls);
        Assert.Equal(1, slow.MostAtOnce);
    }

    /// <summary>Proves that a thousand parts each asking for 200 ms are all polled on the two threads within a second, as a thousand devices' telemetry would be.</summary>
    [Fact]
    public void AThousandParts_ShareTwoThreads()
    {
        Work[] works = Enumerable.Range(0, 1000).Select(_ => new Work(200)).ToArray();
        IWorker[] workers = works.Select((w, i) => _pool.Create("part" + i, w, false)).ToArray();
        foreach (IWorker worker in workers)
        {
            worker.Start();
        }

        Thread.Sleep(1000);
        foreach (IWorker worker in workers)
        {
            Assert.True(worker.Stop(5000));
        }

        Assert.All(works, w => Assert.InRange(w.Polls, 2, 7));
    }

    private sealed class Work : IPollable
    {
        private readonly int _wait;
        private int _polls;
        private int _inPoll;
        private int _mostAtOnce;

        public Work(int wait) => _wait = wait;

        public int ThrowOnPoll { get; init; }

        public int PollMilliseconds { get; init; }

        public WakeSignal Wake { get; } = new();

        public int Polls => Volatile.Read(ref _polls);

        public bool InPoll => Volatile.Read(ref _inPoll) > 0;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Poll()
        {
            int now = Interlocked.Increment(ref _inPoll);
            try
            {
                int most;
                do
                {
                    most = Volatile.Read(ref _mostAtOnce);
                }
                while (now > most && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most);

                int poll = Interlocked.Increment(ref _polls);
                if (PollMilliseconds > 0)
                {
                    Thread.Sleep(PollMilliseconds);
                }

                if (poll == ThrowOnPoll)
                {
                    throw new InvalidOperationException("scripted poll failure");
                }

                return _wait;
            }
            finally
            {
                Interlocked.Decrement(ref _inPoll);
            }
        }
    }
}
