using System;
using System.Threading;
using DeviceFirmware.Composition;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// The simulated device's life: boots the <see cref="Device"/> that <see cref="SimulatedBoard"/>
/// composes, restarts it on Reset Device and stops it.
/// </summary>
/// <remarks>
/// A fleet (<c>--devices N</c>) runs one simulator per device, each with its own flash file, device
/// ID and MQTT client; only the first may have a pty. A Reset Device request (0x1F01) restarts the
/// device: its <see cref="IReboot"/> disposes the composed device and has the board compose a new
/// one from the same parts, with a new boot ID and its uptime from zero, as a reboot of the board
/// would.
/// </remarks>
public sealed class Simulator : IDisposable, IReboot
{
    private readonly SimulatorOptions _options;
    private readonly ILog _log;
    private readonly SimulatedBoard _board;
    private readonly object _lifecycle = new();
    private Device _device;
    private int _restarts;
    private bool _disposed;

    // What the devices of earlier boots counted, so that the fleet summary does not go backwards on a restart.
    private long _earlierSent;
    private long _earlierDropped;
    private long _earlierRequests;
    private long _earlierRollbacks;

    private Simulator(SimulatorOptions options, ILog log, SimulatedBoard board)
    {
        _options = options;
        _log = log;
        _board = board;
    }

    /// <summary>Boot ID of the device now running.</summary>
    public string BootId
    {
        get
        {
            lock (_lifecycle)
            {
                return _device?.BootId;
            }
        }
    }

    /// <summary>Number of restarts (Reset Device requests carried out) since the simulator started.</summary>
    public int Restarts
    {
        get
        {
            lock (_lifecycle)
            {
                return _restarts;
            }
        }
    }

    /// <summary>Opens the pty (when <see cref="SimulatorOptions.SerialPath"/> is set), composes the device from host parts and boots it.</summary>
    /// <exception cref="System.IO.IOException">The flash file or the pseudo-terminal could not be set up.</exception>
    public static Simulator Start(SimulatorOptions options, ILog log)
    {
        Simulator simulator = Prepare(options, log);
        try
        {
            simulator.Boot();
            return simulator;
        }
        catch
        {
            simulator._board.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds the simulator's long-lived parts and composes its device without starting anything: no
    /// thread runs and nothing is read until <see cref="Boot"/>. A fleet prepares every device first,
    /// so that a bad option fails before any device connects.
    /// </summary>
    /// <exception cref="System.IO.IOException">The pseudo-terminal could not be set up.</exception>
    /// <param name="options">The device's options.</param>
    /// <param name="log">Where the device logs.</param>
    /// <param name="workers">What runs the device's parts; null for a thread per part (one simulated device).</param>
    public static Simulator Prepare(SimulatorOptions options, ILog log, IWorkerFactory workers = null)
    {
        SimulatedBoard board = SimulatedBoard.Open(options, log, workers);
        try
        {
            Simulator simulator = new(options, log, board);
            simulator._device = board.Compose(simulator);
            return simulator;
        }
        catch
        {
            board.Dispose();
            throw;
        }
    }

    /// <summary>Loads the settings, reports them, and starts the device composed by <see cref="Prepare"/>.</summary>
    public void Boot()
    {
        lock (_lifecycle)
        {
            _device.LoadSettings();
            StartupReport.Loaded(_options, _board.Defaults.Device, _device.Settings, _board.Defaults, _log);
            if (_board.Pty != null)
            {
                _log.Write(LogLevel.Info, $"simulator: serial {_options.SerialPath} -> {_board.Pty.SlavePath}");
            }

            _device.Start();
        }
    }

    /// <summary>
    /// Called by the device's reset one-shot after it answered Reset Device. The restart runs on a
    /// thread of its own: disposing the device joins the thread that calls this.
    /// </summary>
    void IReboot.Reboot()
    {
        Thread restart = new(Restart) { Name = "simulator restart", IsBackground = true };
        restart.Start();
    }

    /// <summary>Restarts the device: disposes it and composes and starts a new one from the same parts.</summary>
    public void Restart()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _log.Write(LogLevel.Info, "simulator: restarting (Reset Device)");
            _device.Dispose();
            OutboxCounters counters = _device.Mqtt.Counters;
            _earlierSent += counters.Sent;
            _earlierDropped += counters.DroppedOffline + counters.DroppedFull;
            _earlierRequests += _device.Telemetry.RemoteCounters.Requests;
            _earlierRollbacks += _device.Telemetry.RemoteCounters.Rollbacks;
            _device = _board.Compose(this);
            _device.Start();
            _restarts++;
            _log.Write(LogLevel.Info, $"simulator: restarted, boot {_device.BootId}");
        }
    }

    /// <summary>Stops the device (closing the MQTT session and the UART), then the pty and the MQTT client.</summary>
    public void Dispose()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _device.Dispose();
        }

        _board.Dispose();
        _log.Write(LogLevel.Info, "simulator: stopped");
    }

    /// <summary>What this device has done since the simulator started, for the fleet's summary line.</summary>
    public SimulatorActivity Activity()
    {
        lock (_lifecycle)
        {
            Device device = _device;
            OutboxCounters counters = device.Mqtt.Counters;
            return new SimulatorActivity(
                device.Mqtt.IsConnected,
                _earlierSent + counters.Sent,
                _earlierDropped + counters.DroppedOffline + counters.DroppedFull,
                _earlierRequests + device.Telemetry.RemoteCounters.Requests,
                _earlierRollbacks + device.Telemetry.RemoteCounters.Rollbacks,
                _restarts);
        }
    }
}

/// <summary>What one simulated device has done since the simulator started (all boots together).</summary>
/// <param name="Connected">A broker session is up now.</param>
/// <param name="Sent">Messages the MQTT client took for the broker: telemetry, status and answers.</param>
/// <param name="Dropped">Messages given up: QoS 0 made while offline, QoS 1/2 evicted from a full outbox.</param>
/// <param name="RemoteRequests">MMS requests that arrived over MQTT.</param>
/// <param name="Rollbacks">Remote connection changes rolled back.</param>
/// <param name="Restarts">Reset Device restarts.</param>
public readonly record struct SimulatorActivity(bool Connected, long Sent, long Dropped, long RemoteRequests, long Rollbacks, int Restarts);
