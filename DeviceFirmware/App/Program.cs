using System;
using System.Device.Wifi;
using System.IO.Ports;
using System.Net.NetworkInformation;
using System.Threading;
using DeviceFirmware.App.Adapters;
using DeviceFirmware.App.Sensors;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using nanoFramework.Hardware.Esp32;

namespace DeviceFirmware.App
{
    /// <summary>
    /// The firmware's entry point and composition: it opens the hardware, builds the adapters and
    /// hands them to the core. Boot order: settings, serial MMS service, WLAN and MQTT, telemetry.
    /// A failing step is logged and retried; none stops the board, because a board that still
    /// answers on its UART can always be reconfigured.
    /// </summary>
    public static class Program
    {
        /// <summary>Attempts to read the settings before falling back to the defaults.</summary>
        private const int SettingsLoadAttempts = 3;

        /// <summary>Pause between two attempts to load the settings.</summary>
        private const int SettingsRetryMilliseconds = 500;

        /// <summary>Pause between two attempts to open the UART.</summary>
        private const int SerialRetryMilliseconds = 5000;

        /// <summary>Pause between two attempts to start the telemetry service.</summary>
        private const int TelemetryRetryMilliseconds = 5000;

        /// <summary>Index of the WLAN adapter: ESP32 boards have one.</summary>
        private const int WifiAdapterIndex = 0;

        /// <summary>Boots the firmware. Never returns.</summary>
        public static void Main()
        {
            ILog log = new ConsoleLog(LogLevel.Info);
            IClock clock = new TickClock();
            log.Write(LogLevel.Info, "DeviceFirmware starting");

            // 1. Settings: everything else reads them.
            string deviceId = ReadDeviceId(log);
            LittleFsFlashStorage flash = new LittleFsFlashStorage(
                BoardConfiguration.SettingsDirectory,
                BoardConfiguration.SettingsFilePrefix,
                BoardConfiguration.SettingsSlotCount,
                BoardConfiguration.SettingsSlotCapacity);
            SettingsStore settings = new SettingsStore(flash, SettingsDefaults.ForDevice(deviceId), log);
            LoadSettings(settings, log);

            // 2. The serial MMS service, on its own thread, before anything that may wait on the network.
            Thread serialThread = new Thread(new SerialStartup(settings, clock, log).Run);
            serialThread.Start();

            // 3. WLAN and MQTT. The connector idles until an SSID is configured; the MQTT transport
            //    creates its client only when the connection manager asks and the WLAN has an address.
            WifiConnector wifi = new WifiConnector(settings, log);
            settings.AddListener(wifi);
            wifi.Start();
            M2MqttTransport mqtt = new M2MqttTransport(wifi, log);

            // 4. Telemetry: its service also runs the MQTT connection manager, which connects as soon as
            //    a broker is configured and the WLAN has an address, and reconnects from its own thread.
            ISensor[] sensors = CreateSensors(settings, wifi, clock, log);
            StartTelemetry(mqtt, sensors, settings, clock, log);

            log.Write(LogLevel.Info, "DeviceFirmware running, device ID " + deviceId);
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Answers MMS requests on <paramref name="channel"/> until the channel fails; the caller then
        /// reopens the port. Runs on the serial thread.
        /// </summary>
        private static void RunSerialService(ISerialChannel channel, SettingsStore settings, IClock clock, ILog log)
        {
            MmsRequestHandler handler = new MmsRequestHandler(settings, log);
            MmsSerialService service = new MmsSerialService(channel, handler, clock, log, MmsSerialService.DefaultIdleTimeoutMilliseconds);
            log.Write(LogLevel.Info, "serial: answering MMS requests");
            while (true)
            {
                // Poll waits at most the port's read timeout; only a channel failure leaves this loop.
                service.Poll();
            }
        }

        /// <summary>
        /// Starts the telemetry service (connection manager and publisher threads). Retried until it
        /// starts, because without it the board only serves its UART.
        /// </summary>
        private static void StartTelemetry(IMqttTransport transport, ISensor[] sensors, SettingsStore settings, IClock clock, ILog log)
        {
            Random random = new Random();
            TelemetryOptions options = new TelemetryOptions();
            options.BootId = TelemetryOptions.NewBootId(random);
            options.IntervalMilliseconds = BoardConfiguration.TelemetryIntervalMilliseconds;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    TelemetryService telemetry = new TelemetryService(transport, settings, sensors, clock, log, random, options);
                    telemetry.Start();
                    log.Write(LogLevel.Info, "telemetry: boot " + options.BootId + ", every " + options.IntervalMilliseconds.ToString() + " ms");
                    return;
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, "telemetry: start attempt " + attempt.ToString() + " failed: " + ex.Message);
                    Thread.Sleep(TelemetryRetryMilliseconds);
                }
            }
        }

        /// <summary>Reads the settings, retrying a few times; the store keeps the defaults if every attempt fails.</summary>
        private static void LoadSettings(SettingsStore settings, ILog log)
        {
            for (int attempt = 1; attempt <= SettingsLoadAttempts; attempt++)
            {
                try
                {
                    settings.Load();
                    return;
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, "settings: load attempt " + attempt.ToString() + " failed: " + ex.Message);
                    Thread.Sleep(SettingsRetryMilliseconds);
                }
            }

            log.Write(LogLevel.Error, "settings: running on defaults");
        }

        /// <summary>The device ID from the WLAN MAC address, which is stable for the life of the chip.</summary>
        private static string ReadDeviceId(ILog log)
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string id = DeviceIdentity.FromMacAddress(interfaces[i].PhysicalAddress);
                        if (id != null)
                        {
                            return id;
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "device ID: " + ex.Message);
            }

            log.Write(LogLevel.Error, "device ID: no MAC address, using \"" + BoardConfiguration.FallbackDeviceId + "\"");
            return BoardConfiguration.FallbackDeviceId;
        }

        /// <summary>The sensors every ESP32 has. Add a board's own sensors here (see Sensors/README.md).</summary>
        private static ISensor[] CreateSensors(SettingsStore settings, INetworkLink network, IClock clock, ILog log)
        {
            ISensor uptime = new UptimeSensor(clock);
            ISensor memory = new FreeMemorySensor();
            try
            {
                WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                if (adapters.Length > WifiAdapterIndex)
                {
                    return new ISensor[] { uptime, memory, new WifiRssiSensor(adapters[WifiAdapterIndex], settings, network, clock, log) };
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "sensors: no WLAN adapter for RSSI: " + ex.Message);
            }

            return new ISensor[] { uptime, memory };
        }

        /// <summary>
        /// Opens the configuration UART and runs the serial service on it, reopening the port if
        /// opening or the service fails. Runs on its own thread.
        /// </summary>
        private sealed class SerialStartup
        {
            private readonly SettingsStore _settings;
            private readonly IClock _clock;
            private readonly ILog _log;

            public SerialStartup(SettingsStore settings, IClock clock, ILog log)
            {
                _settings = settings;
                _clock = clock;
                _log = log;
            }

            public void Run()
            {
                while (true)
                {
                    SerialPort port = null;
                    try
                    {
                        // The pins are mapped before the port object exists, as the ESP32 driver requires.
                        Configuration.SetPinFunction(BoardConfiguration.SerialRxPin, DeviceFunction.COM2_RX);
                        Configuration.SetPinFunction(BoardConfiguration.SerialTxPin, DeviceFunction.COM2_TX);
                        port = new SerialPort(BoardConfiguration.SerialPortName, BoardConfiguration.SerialBaudRate);
                        port.ReadTimeout = BoardConfiguration.SerialReadTimeoutMilliseconds;
                        port.WriteTimeout = BoardConfiguration.SerialWriteTimeoutMilliseconds;
                        port.Open();
                        _log.Write(LogLevel.Info, "serial: " + BoardConfiguration.SerialPortName + " open, RX GPIO" + BoardConfiguration.SerialRxPin.ToString() + ", TX GPIO" + BoardConfiguration.SerialTxPin.ToString());
                        RunSerialService(new Esp32SerialChannel(port, _clock), _settings, _clock, _log);
                    }
                    catch (Exception ex)
                    {
                        _log.Write(LogLevel.Error, "serial: " + ex.Message);
                    }

                    // Disposing unregisters the port, so the next attempt may construct COM2 again.
                    if (port != null)
                    {
                        try
                        {
                            port.Dispose();
                        }
                        catch (Exception)
                        {
                            // Best effort: the next attempt reports what is still wrong.
                        }
                    }

                    Thread.Sleep(SerialRetryMilliseconds);
                }
            }
        }
    }
}
