using System;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// The simulator's composition: host parts in place of a board's wiring (a <see cref="FileFlashStorage"/>,
/// a <see cref="PseudoTerminal"/> for the configuration UART, <see cref="PahoMqttTransport"/>, simulated
/// sensors), handed to the core's <see cref="Device"/> as the ESP32 application hands it ESP32 parts.
/// </summary>
/// <remarks>
/// The wiring outlives a device, as a board's USB-UART adapter, flash chip and network do: when
/// <see cref="Simulator"/> restarts the device, <see cref="Compose"/> starts afresh only what a boot
/// does (the clock, hence the uptime, and the sensors reading it). Whoever opens the board disposes it.
/// </remarks>
public sealed class SimulatedBoard : IDisposable
{
    private readonly SimulatorOptions _options;
    private readonly ILog _log;
    private readonly PahoMqttTransport _transport;
    private readonly IWorkerFactory _workers;

    // Three slots: the two the settings alternate between and the connection trial's last known good.
    private readonly FileFlashStorage _flash;

    private SimulatedBoard(SimulatorOptions options, ILog log, PseudoTerminal pty, PahoMqttTransport transport, IWorkerFactory workers)
    {
        (_options, _log, Pty, _transport, _workers) = (options, log, pty, transport, workers);
        _flash = new FileFlashStorage(options.FlashPath, FileFlashStorage.DefaultSlotCount);
        Defaults = options.FactoryDefaults();
    }

    /// <summary>The factory defaults: the simulator's profile with its device ID and <c>--broker</c>.</summary>
    public SettingsDefaults Defaults { get; }

    /// <summary>The configuration UART's pseudo-terminal; null for a device without one.</summary>
    public PseudoTerminal Pty { get; }

    /// <summary>Opens the pty (when <see cref="SimulatorOptions.SerialPath"/> is set) and creates the MQTT client.</summary>
    /// <exception cref="System.IO.IOException">The pseudo-terminal could not be set up.</exception>
    /// <param name="options">The device's options.</param>
    /// <param name="log">Where the device logs.</param>
    /// <param name="workers">What runs the device's parts; null for a thread per part.</param>
    public static SimulatedBoard Open(SimulatorOptions options, ILog log, IWorkerFactory workers)
    {
        PseudoTerminal pty = options.SerialPath == null ? null : PseudoTerminal.Open(options.SerialPath);
        PahoMqttTransport transport = null;
        try
        {
            transport = new PahoMqttTransport(log, new PahoTransportSettings { TrustStorePath = options.CaFile });
            return new SimulatedBoard(options, log, pty, transport, workers);
        }
        catch
        {
            transport?.Dispose();
            pty?.Dispose();
            throw;
        }
    }

    /// <summary>Composes one device from the board's parts; nothing runs until the device is started.</summary>
    /// <param name="reboot">What Reset Device calls once it has answered.</param>
    public Device Compose(IReboot reboot)
    {
        StopwatchClock clock = new();
        DevicePlatform platform = new(_flash, clock, _log)
        {
            SerialPort = Pty == null ? null : new PseudoTerminalPort(Pty),
            Mqtt = _transport,
            Sensors = SimulatedSensors.Create(clock, Defaults.DeviceId),
            Reboot = reboot,
            Workers = _workers,
        };
        DeviceOptions deviceOptions = new(Defaults);
        deviceOptions.Telemetry.IntervalMilliseconds = _options.IntervalMilliseconds;
        deviceOptions.ConnectionTrialMilliseconds = _options.RollbackTimeoutSeconds * 1000;
        return new Device(platform, deviceOptions);
    }

    /// <summary>Closes the pty and the MQTT client (dispose the device first).</summary>
    public void Dispose()
    {
        Pty?.Dispose();
        _transport.Dispose();
    }
}
