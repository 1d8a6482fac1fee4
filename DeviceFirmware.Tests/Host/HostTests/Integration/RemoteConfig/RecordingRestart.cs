using System;
using System.Diagnostics;
using System.Threading;
using DeviceFirmware.Composition;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// The platform's <see cref="IReboot"/> for a device in the test process: it notes when the device's
/// reset one-shot called it and what <see cref="Probe"/> said at that very moment (e.g. "has the
/// answer reached the host?"), then carries out <see cref="Restart"/> on a thread of its own, as the
/// simulator does: stopping the device joins the reset worker that is calling this.
/// </summary>
public sealed class RecordingRestart : IReboot
{
    private readonly object _sync = new();
    private int _reboots;
    private long _calledAt;
    private bool _probeAtReboot;
    private Thread _restart;

    /// <summary>Evaluated inside <see cref="IReboot.Reboot"/>, before anything else happens.</summary>
    public Func<bool> Probe { get; set; }

    /// <summary>What the restart does (stop the device, say); runs on its own thread.</summary>
    public Action Restart { get; set; }

    /// <summary>Times the device asked to be restarted.</summary>
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

    /// <summary>When the last call came: a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public long CalledAt
    {
        get
        {
            lock (_sync)
            {
                return _calledAt;
            }
        }
    }

    /// <summary>What <see cref="Probe"/> answered at the last call (false when there is none).</summary>
    public bool ProbeAtReboot
    {
        get
        {
            lock (_sync)
            {
                return _probeAtReboot;
            }
        }
    }

    /// <summary>Waits until the restart's thread has finished.</summary>
    public bool WaitForRestart(TimeSpan timeout)
    {
        Thread restart;
        lock (_sync)
        {
            restart = _restart;
        }

        return restart != null && restart.Join(timeout);
    }

    /// <inheritdoc />
    void IReboot.Reboot()
    {
        long now = Stopwatch.GetTimestamp();
        bool probe = Probe != null && Probe();
        var restart = new Thread(() => Restart?.Invoke()) { Name = "test restart", IsBackground = true };

        // Started before it is published (with the count a test waits for), so that a waiter never
        // joins a thread that has not started.
        restart.Start();
        lock (_sync)
        {
            _reboots++;
            _calledAt = now;
            _probeAtReboot = probe;
            _restart = restart;
        }
    }
}
