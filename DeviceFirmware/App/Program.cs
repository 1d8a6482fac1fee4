using System;
using System.Device.Wifi;
using System.Threading;
using DeviceFirmware.App.Adapters;
using DeviceFirmware.App.Sensors;
using DeviceFirmware.Composition;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.App
{
    /// <summary>
    /// The firmware's entry point: it builds the ESP32's parts and hands them to the core's
    /// <see cref="Device"/>, which runs the boot sequence (settings, UART, WLAN, MQTT, telemetry) and
    /// retries every step on its own.
    /// </summary>
    public static class Program
    {
        /// <summary>Boots the firmware. Never returns.</summary>
        public static void Main()
        {
            ILog log = new ConsoleLog(LogLevel.Info);
            IClock clock = new TickClock();
            log.Write(LogLevel.Info, "DeviceFirmware starting");

            DeviceInformation identity = DeviceIdentity.Read(log);
            Esp32WifiLink wifi = new Esp32WifiLink();
            DevicePlatform platform = new DevicePlatform(
                new LittleFsFlashStorage(BoardConfiguration.SettingsDirectory, BoardConfiguration.SettingsFilePrefix, BoardConfiguration.SettingsSlotCount, BoardConfiguration.SettingsSlotCapacity),
                clock,
                log);
            platform.SerialPort = new Esp32Uart(clock);
            platform.Network = wifi;
            platform.Mqtt = new M2MqttTransport(clock, log, BoardConfiguration.BrokerCaCertificatePath);
            platform.Sensors = CreateSensors(wifi, clock, log);
            platform.Reboot = new Esp32Reboot();

            DeviceOptions options = new DeviceOptions(SettingsDefaults.ForDevice(identity));
            options.Telemetry.IntervalMilliseconds = BoardConfiguration.TelemetryIntervalMilliseconds;
            new Device(platform, options).Start();

            log.Write(LogLevel.Info, "DeviceFirmware " + FirmwareVersion.Version + " running, device ID " + identity.DeviceId + ", serial number " + identity.SerialNumberText);
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>The sensors every ESP32 has. Add a board's own sensors here (see Sensors/README.md).</summary>
        private static ISensor[] CreateSensors(Esp32WifiLink wifi, IClock clock, ILog log)
        {
            ISensor uptime = new UptimeSensor(clock);
            ISensor memory = new FreeMemorySensor();
            try
            {
                WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                if (adapters.Length > 0)
                {
                    return new ISensor[] { uptime, memory, new WifiRssiSensor(adapters[0], wifi, clock, log) };
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "sensors: no WLAN adapter for RSSI: " + ex.Message);
            }

            return new ISensor[] { uptime, memory };
        }
    }
}
