using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator.Fleet;

/// <summary>
/// N simulated devices in one process: N <see cref="Simulator"/>s, each the core's Device composed
/// from its own flash file, device ID and Paho client, so each holds its own MQTT session with the
/// broker and keeps its own settings. Nothing is shared between them but the process's log.
/// </summary>
/// <remarks>
/// <para>Each device's flash file is created empty (erased flash) when missing, and every device
/// is composed before any is booted, so a problem (a flash directory that cannot
/// be created, a pty in use) stops the start before anything connected. Devices then boot one after
/// another; each boot reads one flash file and starts the device's workers, which do their connecting
/// on their own threads, so the start does not wait for the broker.</para>
/// <para>Each device's UART, MQTT session and connects run on threads of their own, as on a board;
/// the parts that never block (telemetry, the reset one-shot) of every device share two threads
/// (<see cref="SharedPollingWorkers"/>), so a thousand devices need about a thousand threads, not three.</para>
/// <para>While it runs, a summary line every <see cref="FleetOptions.SummaryIntervalMilliseconds"/>
/// says how many devices are connected and what they did.</para>
/// </remarks>
public sealed class SimulatorFleet : IDisposable
{
    // Stops several devices at once: each stop waits for its broker's DISCONNECT round trip and its
    // workers, mostly idle time, and a thousand of those one after another would take long.
    private const int StopParallelism = 16;

    // Threads shared by every device's telemetry and reset one-shot; two, as the machine this was
    // measured on has two cores, and those polls only compute and hand over.
    private const int SharedThreads = 2;

    private readonly Simulator[] _devices;
    private readonly SharedPollingWorkers _workers;
    private readonly ILog _log;
    private readonly Timer _summary;
    private readonly object _summarySync = new();
    private long _lastSent;
    private bool _disposed;

    private SimulatorFleet(Simulator[] devices, SharedPollingWorkers workers, ILog log, int summaryIntervalMilliseconds)
    {
        _devices = devices;
        _workers = workers;
        _log = log;
        _summary = new Timer(_ => WriteSummary(), null, summaryIntervalMilliseconds, summaryIntervalMilliseconds);
    }

    /// <summary>The devices, in number order.</summary>
    public IReadOnlyList<Simulator> Devices => _devices;

    /// <summary>How long composing and booting every device took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Composes and boots every device.</summary>
    /// <param name="options">Count, flash directory, ID prefix, first device's pty, shared options.</param>
    /// <param name="log">The process's log; each device writes to it through a <see cref="DeviceLog"/>.</param>
    /// <param name="deviceLevel">Each device's lowest logged level (Warning by default, so a large fleet stays readable).</param>
    /// <exception cref="IOException">The flash directory or the pty could not be set up.</exception>
    public static SimulatorFleet Start(FleetOptions options, ILog log, LogLevel deviceLevel)
    {
        Stopwatch watch = Stopwatch.StartNew();
        Directory.CreateDirectory(options.FlashDirectory);
        Simulator[] devices = new Simulator[options.Count];
        SharedPollingWorkers workers = new(SharedThreads, log);
        int booted = 0;
        try
        {
            for (int i = 0; i < devices.Length; i++)
            {
                SimulatorOptions device = options.ForDevice(i + 1);

                // Every device's file from the start (empty: erased flash), so the directory lists the fleet.
                new FileFlashStorage(device.FlashPath).CreateIfMissing();
                devices[i] = Simulator.Prepare(device, new DeviceLog(log, device.DeviceId, deviceLevel), workers);
            }

            for (; booted < devices.Length; booted++)
            {
                devices[booted].Boot();
            }
        }
        catch
        {
            StopAll(devices);
            workers.Dispose();
            throw;
        }

        SimulatorFleet fleet = new(devices, workers, log, options.SummaryIntervalMilliseconds) { StartTime = watch.Elapsed };
        return fleet;
    }

    /// <summary>What every device did, added up.</summary>
    public FleetActivity Activity()
    {
        FleetActivity total = new() { Devices = _devices.Length };
        foreach (Simulator device in _devices)
        {
            SimulatorActivity one = device.Activity();
            total.Connected += one.Connected ? 1 : 0;
            total.Sent += one.Sent;
            total.Dropped += one.Dropped;
            total.RemoteRequests += one.RemoteRequests;
            total.Rollbacks += one.Rollbacks;
            total.Restarts += one.Restarts;
        }

        return total;
    }

    /// <summary>Stops the summary, then every device (each publishes <c>disconnected</c> and closes its session).</summary>
    public void Dispose()
    {
        lock (_summarySync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _summary.Dispose();
        StopAll(_devices);
        _workers.Dispose();
    }

    private static void StopAll(Simulator[] devices)
    {
        Parallel.ForEach(devices, new ParallelOptions { MaxDegreeOfParallelism = StopParallelism }, device => device?.Dispose());
    }

    private void WriteSummary()
    {
        lock (_summarySync)
        {
            if (_disposed)
            {
                return;
            }

            FleetActivity now = Activity();
            long added = now.Sent - _lastSent;
            _lastSent = now.Sent;
            _log.Write(LogLevel.Info, now.Describe(added));
        }
    }
}

/// <summary>The fleet's devices' activity, added up.</summary>
public struct FleetActivity
{
    /// <summary>Devices in the fleet.</summary>
    public int Devices;

    /// <summary>Devices with a broker session up.</summary>
    public int Connected;

    /// <summary>Messages the devices' MQTT clients took for the broker (telemetry, status, answers).</summary>
    public long Sent;

    /// <summary>Messages given up (QoS 0 while offline, QoS 1/2 evicted from a full outbox).</summary>
    public long Dropped;

    /// <summary>MMS requests that arrived over MQTT.</summary>
    public long RemoteRequests;

    /// <summary>Remote connection changes rolled back.</summary>
    public long Rollbacks;

    /// <summary>Reset Device restarts.</summary>
    public long Restarts;

    /// <summary>
    /// The summary line: <c>fleet: 1000 devices, 1000 connected, sent 52341 (+1000), dropped 0,
    /// remote requests 2, rollbacks 0, restarts 0</c>.
    /// </summary>
    /// <param name="sentSinceLast">Messages sent since the previous summary.</param>
    public readonly string Describe(long sentSinceLast)
        => $"fleet: {Devices} devices, {Connected} connected, sent {Sent} (+{sentSinceLast}), dropped {Dropped}, remote requests {RemoteRequests}, rollbacks {Rollbacks}, restarts {Restarts}";
}
