using System;
using System.Threading;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Host.Storage;
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
    private readonly PseudoTerminal _pty;
    private readonly PahoMqttTransport _transport;
    private readonly FileFlashStorage _flash;
    private readonly SettingsDefaults _defaults;
    private readonly object _lifecycle = new();
    private Device _device;
    private int _restarts;
    private bool _disposed;

    private Simulator(SimulatorOptions options, ILog log, PseudoTerminal pty, PahoMqttTransport transport, SettingsDefaults defaults)
    {
        _options = options;
        _log = log;
        _pty = pty;
        _transport = transport;
        _flash = new FileFlashStorage(options.FlashPath);
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

    /// <summary>Opens the pty, composes the device from host parts and boots it.</summary>
    /// <exception cref="System.IO.IOException">The flash file or the pseudo-terminal could not be set up.</exception>
    public static Simulator Start(SimulatorOptions options, ILog log)
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

        PseudoTerminal pty = PseudoTerminal.Open(options.SerialPath);
        PahoMqttTransport transport = new(log);
        try
        {
            Simulator simulator = new(options, log, pty, transport, defaults);
            Device device = simulator.Compose();
            device.LoadSettings();
            StartupReport.Loaded(options, defaults.Device, device.Settings, defaults, log);
            log.Write(LogLevel.Info, $"simulator: serial {options.SerialPath} -> {pty.SlavePath}");
            device.Start();
            simulator._device = device;
            return simulator;
        }
        catch
        {
            transport.Dispose();
            pty.Dispose();
            throw;
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

        _pty.Dispose();
        _transport.Dispose();
        _log.Write(LogLevel.Info, "simulator: stopped");
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
            SerialPort = new PseudoTerminalPort(_pty),
            Mqtt = _transport,
            Sensors = SimulatedSensors.Create(clock, _defaults.DeviceId),
            Reboot = this,
        };
        DeviceOptions deviceOptions = new(_defaults);
        deviceOptions.Telemetry.IntervalMilliseconds = _options.IntervalMilliseconds;
        return new Device(platform, deviceOptions);
    }
}
