using System;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// The simulated device: the portable core exactly as the ESP32 application composes it, on host
/// adapters. Settings live in a <see cref="FileFlashStorage"/>; the configuration UART is a
/// <see cref="PseudoTerminal"/> served by the core's <see cref="MmsSerialService"/>; telemetry goes out
/// through the core's <see cref="TelemetryService"/> over <see cref="PahoMqttTransport"/>.
/// </summary>
public sealed class Simulator : IDisposable
{
    private readonly ILog _log;
    private readonly PseudoTerminal _pty;
    private readonly MmsSerialService _serial;
    private readonly PahoMqttTransport _transport;
    private readonly TelemetryService _telemetry;
    private bool _disposed;

    private Simulator(ILog log, SettingsStore store, PseudoTerminal pty, MmsSerialService serial, PahoMqttTransport transport, TelemetryService telemetry)
    {
        _log = log;
        Store = store;
        _pty = pty;
        _serial = serial;
        _transport = transport;
        _telemetry = telemetry;
    }

    /// <summary>The settings the simulator serves.</summary>
    public SettingsStore Store { get; }

    /// <summary>The pseudo-terminal's slave device (the link points here).</summary>
    public string SlavePath => _pty.SlavePath;

    /// <summary>Composes and starts everything: settings, serial side, telemetry.</summary>
    /// <exception cref="System.IO.IOException">The flash file or the pseudo-terminal could not be set up.</exception>
    public static Simulator Start(SimulatorOptions options, ILog log)
    {
        IClock clock = new StopwatchClock();
        string deviceId = options.EffectiveDeviceId;
        SettingsDefaults defaults = SettingsDefaults.ForSimulator(deviceId);
        if (options.BrokerHost != null)
        {
            defaults.WithText(PropertyIndex.MqttBroker, options.BrokerHost);
        }

        if (options.BrokerPort != 0)
        {
            defaults.WithNumber(PropertyIndex.MqttPort, options.BrokerPort);
        }

        FileFlashStorage flash = new(options.FlashPath);
        SettingsStore store = new(flash, defaults, log);
        store.Load();
        log.Write(LogLevel.Info, $"simulator: device {deviceId}, flash {options.FlashPath}: " + DescribeLoad(store));
        WarnIfBrokerOverridden(options, store, defaults, log);

        MmsRequestHandler handler = new(store, log);
        PseudoTerminal pty = PseudoTerminal.Open(options.SerialPath);
        MmsSerialService serial;
        try
        {
            serial = new MmsSerialService(pty, handler, clock, log, MmsSerialService.DefaultIdleTimeoutMilliseconds);
            serial.Start();
        }
        catch
        {
            pty.Dispose();
            throw;
        }

        log.Write(LogLevel.Info, $"simulator: serial {options.SerialPath} -> {pty.SlavePath}");

        PahoMqttTransport transport = new(log);
        Random random = new();
        TelemetryOptions telemetryOptions = new()
        {
            BootId = TelemetryOptions.NewBootId(random),
            IntervalMilliseconds = options.IntervalMilliseconds,
        };

        // Seeded by the device ID: a device's simulated readings are the same on every run.
        ISensor[] sensors = SimulatedSensors.Create(clock, StableSeed(deviceId));
        TelemetryService telemetry = new(transport, store, sensors, clock, log, random, telemetryOptions);
        telemetry.Start();
        log.Write(LogLevel.Info, $"telemetry: boot {telemetryOptions.BootId}, every {telemetryOptions.IntervalMilliseconds} ms");
        return new Simulator(log, store, pty, serial, transport, telemetry);
    }

    /// <summary>Stops telemetry (closing the MQTT session), the serial service, and removes the link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _serial.Stop();
        _pty.Dispose();
        _telemetry.Dispose();
        _transport.Dispose();
        _log.Write(LogLevel.Info, "simulator: stopped");
    }

    // --broker only changes factory defaults. A record in flash holds every property, so once
    // anything was set over serial the stored broker wins, as on a board; say so instead of
    // silently connecting elsewhere.
    private static void WarnIfBrokerOverridden(SimulatorOptions options, SettingsStore store, SettingsDefaults defaults, ILog log)
    {
        if ((options.BrokerHost == null && options.BrokerPort == 0) || store.LoadSource == SettingsLoadSource.Defaults)
        {
            return;
        }

        string stored = store.GetText(PropertyIndex.MqttBroker) + ":" + store.GetUInt16(PropertyIndex.MqttPort);
        string requested = TextOf(defaults.Get(PropertyIndex.MqttBroker)) + ":" + ((defaults.Get(PropertyIndex.MqttPort)[0] << 8) | defaults.Get(PropertyIndex.MqttPort)[1]);
        if (stored != requested)
        {
            log.Write(LogLevel.Warning, $"simulator: --broker {requested} is only a factory default; the flash holds {stored}, which wins (change it with mmsctl set mqtt.broker / mqtt.port)");
        }
    }

    private static string TextOf(byte[] value) => System.Text.Encoding.ASCII.GetString(value);

    private static string DescribeLoad(SettingsStore store) => store.LoadSource switch
    {
        SettingsLoadSource.Defaults => "factory defaults (no valid record)",
        SettingsLoadSource.Slot0 => $"settings from slot 0 (sequence {store.LoadedSequence})",
        _ => $"settings from slot 1 (sequence {store.LoadedSequence})",
    };

    private static int StableSeed(string text)
    {
        int seed = 17;
        foreach (char c in text)
        {
            seed = unchecked((seed * 31) + c);
        }

        return seed;
    }
}
