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
/// The simulated device: the core's <see cref="Device"/>, exactly as the ESP32 application composes
/// it, handed host parts instead of ESP32 ones: a <see cref="FileFlashStorage"/>, a
/// <see cref="PseudoTerminal"/> for the configuration UART, <see cref="PahoMqttTransport"/> for MQTT,
/// simulated sensors.
/// </summary>
public sealed class Simulator : IDisposable
{
    private readonly ILog _log;
    private readonly PseudoTerminal _pty;
    private readonly PahoMqttTransport _transport;
    private readonly Device _device;
    private bool _disposed;

    private Simulator(ILog log, PseudoTerminal pty, PahoMqttTransport transport, Device device)
    {
        _log = log;
        _pty = pty;
        _transport = transport;
        _device = device;
    }

    /// <summary>The settings the simulator serves.</summary>
    public SettingsStore Store => _device.Settings;

    /// <summary>The pseudo-terminal's slave device (the link points here).</summary>
    public string SlavePath => _pty.SlavePath;

    /// <summary>Opens the pty, composes the device from host parts and boots it.</summary>
    /// <exception cref="System.IO.IOException">The flash file or the pseudo-terminal could not be set up.</exception>
    public static Simulator Start(SimulatorOptions options, ILog log)
    {
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

        // The wiring outlives the board: the pty stays open across device restarts, like a USB-UART.
        PseudoTerminal pty = PseudoTerminal.Open(options.SerialPath);
        PahoMqttTransport transport = new(log);
        try
        {
            StopwatchClock clock = new();
            DevicePlatform platform = new(new FileFlashStorage(options.FlashPath), clock, log)
            {
                SerialPort = new PseudoTerminalPort(pty),
                Mqtt = transport,

                // Seeded by the device ID: a device's simulated readings are the same on every run.
                Sensors = SimulatedSensors.Create(clock, StableSeed(deviceId)),
            };
            DeviceOptions deviceOptions = new(defaults);
            deviceOptions.Telemetry.IntervalMilliseconds = options.IntervalMilliseconds;

            Device device = new(platform, deviceOptions);
            device.LoadSettings();
            log.Write(LogLevel.Info, $"simulator: device {deviceId}, flash {options.FlashPath}: " + DescribeLoad(device.Settings));
            WarnIfBrokerOverridden(options, device.Settings, defaults, log);
            log.Write(LogLevel.Info, $"simulator: serial {options.SerialPath} -> {pty.SlavePath}");
            device.Start();
            return new Simulator(log, pty, transport, device);
        }
        catch
        {
            transport.Dispose();
            pty.Dispose();
            throw;
        }
    }

    /// <summary>Stops the device (closing the MQTT session and the UART), then the pty and the MQTT client.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _device.Dispose();
        _pty.Dispose();
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
