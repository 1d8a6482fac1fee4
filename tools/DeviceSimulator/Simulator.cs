using System;
using System.Threading;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// The simulated device: the core's <see cref="Device"/>, exactly as the ESP32 application composes
/// it, handed host parts instead of ESP32 ones: a <see cref="FileFlashStorage"/>, a
/// <see cref="PseudoTerminal"/> for the configuration UART, <see cref="PahoMqttTransport"/> for MQTT,
/// simulated sensors.
/// </summary>
/// <remarks>
/// A fleet (<c>--devices N</c>) runs one simulator per device, each with its own flash file, device
/// ID and MQTT client; only the first may have a pty.
/// The wiring outlives the device, as a board's USB-UART adapter, flash chip and network do: the pty
/// (and its link at <c>--serial</c>), the flash file and the MQTT client stay when the device
/// restarts. A Reset Device request (0x1F01) restarts it: the device's <see cref="IReboot"/> disposes
/// the composed device and composes a new one from the same parts (<see cref="Compose"/>), with a new
/// boot ID and its uptime from zero, as a reboot of the board would.
/// </remarks>
public sealed class Simulator : IDisposable, IReboot
{
    private readonly SimulatorOptions _options;
    private readonly ILog _log;
    private readonly PseudoTerminal _pty; // null for a device without a UART
    private readonly PahoMqttTransport _transport;
    private readonly FileFlashStorage _flash;
    private readonly SettingsDefaults _defaults;
    private readonly object _lifecycle = new();
    private IWorkerFactory _workers;
    private Device _device;
    private int _restarts;
    private bool _disposed;

    // What the devices of earlier boots counted, so that the fleet summary does not go backwards on a restart.
    private long _earlierSent;
    private long _earlierDropped;
    private long _earlierRequests;
    private long _earlierRollbacks;

    private Simulator(SimulatorOptions options, ILog log, PseudoTerminal pty, PahoMqttTransport transport, SettingsDefaults defaults)
    {
        _options = options;
        _log = log;
        _pty = pty;
        _transport = transport;
        // Three slots: the two the settings alternate between and the connection trial's last known good.
        _flash = new FileFlashStorage(options.FlashPath, FileFlashStorage.DefaultSlotCount);
        _defaults = defaults;
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
            simulator.ReleaseParts();
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
        string deviceId = options.EffectiveDeviceId;
        SettingsDefaults defaults = SettingsDefaults.ForSimulator(SimulatorOptions.Identity(deviceId));
        if (options.BrokerHost != null)
        {
            defaults.WithText(PropertyIndex.MqttBroker, options.BrokerHost);
        }

        if (options.BrokerPort != 0)
        {
            defaults.WithNumber(PropertyIndex.MqttPort, options.BrokerPort);
        }

        PseudoTerminal pty = options.SerialPath == null ? null : PseudoTerminal.Open(options.SerialPath);
        PahoMqttTransport transport = null;
        try
        {
            transport = new PahoMqttTransport(log, new PahoTransportSettings { TrustStorePath = options.CaFile });
            Simulator simulator = new(options, log, pty, transport, defaults) { _workers = workers };
            simulator._device = simulator.Compose();
            return simulator;
        }
        catch
        {
            transport?.Dispose();
            pty?.Dispose();
            throw;
        }
    }

    /// <summary>Loads the settings, reports them, and starts the device composed by <see cref="Prepare"/>.</summary>
    public void Boot()
    {
        lock (_lifecycle)
        {
            _device.LoadSettings();
            StartupReport.Loaded(_options, _defaults.Device, _device.Settings, _defaults, _log);
            if (_pty != null)
            {
                _log.Write(LogLevel.Info, $"simulator: serial {_options.SerialPath} -> {_pty.SlavePath}");
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
            _device = Compose();
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

        ReleaseParts();
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

    private void ReleaseParts()
    {
        _pty?.Dispose();
        _transport.Dispose();
    }

    /// <summary>
    /// Composes one device from the simulator's parts: the long-lived wiring (pty, flash file, MQTT
    /// client) and what a boot starts afresh (its clock, hence its uptime, and the sensors reading it).
    /// </summary>
    private Device Compose()
    {
        StopwatchClock clock = new();
        DevicePlatform platform = new(_flash, clock, _log)
        {
            SerialPort = _pty == null ? null : new PseudoTerminalPort(_pty),
            Mqtt = _transport,
            Sensors = SimulatedSensors.Create(clock, _defaults.DeviceId),
            Reboot = this,
            Workers = _workers,
        };
        DeviceOptions deviceOptions = new(_defaults);
        deviceOptions.Telemetry.IntervalMilliseconds = _options.IntervalMilliseconds;
        deviceOptions.ConnectionTrialMilliseconds = _options.RollbackTimeoutSeconds * 1000;
        return new Device(platform, deviceOptions);
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
