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

                Sensors = SimulatedSensors.Create(clock, deviceId),
            };
            DeviceOptions deviceOptions = new(defaults);
            deviceOptions.Telemetry.IntervalMilliseconds = options.IntervalMilliseconds;

            Device device = new(platform, deviceOptions);
            device.LoadSettings();
            StartupReport.Loaded(options, deviceId, device.Settings, defaults, log);
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
}
