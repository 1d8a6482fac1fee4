using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Network;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Composition
{
    /// <summary>
    /// The parts a platform hands to the <see cref="Device"/>: the board's ESP32 adapters, the
    /// simulator's host adapters, or a test's fakes. Flash, clock and log are required; every other
    /// part is optional and its absence says what the device lacks.
    /// </summary>
    public sealed class DevicePlatform
    {
        /// <summary>Creates a platform with the parts every device needs.</summary>
        /// <param name="flash">Where the settings live.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="log">Where every part logs.</param>
        public DevicePlatform(IFlashStorage flash, IClock clock, ILog log)
        {
            if (flash == null)
            {
                throw new ArgumentNullException("flash");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            Flash = flash;
            Clock = clock;
            Log = log;
        }

        /// <summary>Where the settings live.</summary>
        public IFlashStorage Flash { get; }

        /// <summary>Monotonic time.</summary>
        public IClock Clock { get; }

        /// <summary>Where every part logs.</summary>
        public ILog Log { get; }

        /// <summary>The configuration UART; null for a device configured only over MQTT.</summary>
        public ISerialPortOpener SerialPort { get; set; }

        /// <summary>The MQTT client; null for a device without MQTT (no telemetry either).</summary>
        public IMqttTransport Mqtt { get; set; }

        /// <summary>The WLAN interface the device joins with the WLAN properties; null where the network is always there.</summary>
        public INetworkLink Network { get; set; }

        /// <summary>The telemetry readings, in payload order; null for none.</summary>
        public ISensor[] Sensors { get; set; }

        /// <summary>Restarts the device; null where it cannot be restarted.</summary>
        public IReboot Reboot { get; set; }

        /// <summary>Source of the boot ID and the backoff jitter; null for a new <see cref="System.Random"/>.</summary>
        public Random Random { get; set; }

        /// <summary>
        /// What runs the device's parts; null for a <see cref="PollingWorker"/> per part (the board,
        /// and one simulated device). A simulator fleet runs the parts that never block on shared threads.
        /// </summary>
        public IWorkerFactory Workers { get; set; }
    }
}
