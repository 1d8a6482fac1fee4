using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Composition
{
    /// <summary>What a composition decides about its <see cref="Device"/>; the properties in flash decide the rest.</summary>
    public sealed class DeviceOptions
    {
        /// <summary>Default number of attempts to read the settings before the defaults are served.</summary>
        public const int DefaultSettingsLoadAttempts = 3;

        /// <summary>Default pause between two attempts to read the settings.</summary>
        public const int DefaultSettingsRetryMilliseconds = 500;

        /// <summary>Default wait for each worker thread when the device stops (a connect may block 30 s on the board).</summary>
        public const int DefaultStopTimeoutMilliseconds = 35000;

        /// <summary>Creates options with every default.</summary>
        /// <param name="defaults">The factory values of the properties (board or simulator profile).</param>
        public DeviceOptions(SettingsDefaults defaults)
        {
            if (defaults == null)
            {
                throw new ArgumentNullException("defaults");
            }

            Defaults = defaults;
            Telemetry = new TelemetryOptions();
            Mqtt = new MqttSessionOptions();
            SettingsLoadAttempts = DefaultSettingsLoadAttempts;
            SettingsRetryMilliseconds = DefaultSettingsRetryMilliseconds;
            StopTimeoutMilliseconds = DefaultStopTimeoutMilliseconds;
            ConnectionTrialMilliseconds = ConnectionTrial.DefaultTimeoutMilliseconds;
            ResetDelayMilliseconds = ResetScheduler.DefaultDelayMilliseconds;
        }

        /// <summary>The factory values of the properties.</summary>
        public SettingsDefaults Defaults { get; }

        /// <summary>Telemetry interval and boot ID (a boot ID left null is made at random).</summary>
        public TelemetryOptions Telemetry { get; }

        /// <summary>Outbox bounds, reconnect backoff, clean session.</summary>
        public MqttSessionOptions Mqtt { get; }

        /// <summary>Attempts to read the settings before the defaults are served; at least 1.</summary>
        public int SettingsLoadAttempts { get; set; }

        /// <summary>Pause between two attempts to read the settings.</summary>
        public int SettingsRetryMilliseconds { get; set; }

        /// <summary>How long <see cref="Device.Dispose"/> waits for each worker thread.</summary>
        public int StopTimeoutMilliseconds { get; set; }

        /// <summary>
        /// How long connection settings changed over MQTT get to reach a broker before the previous
        /// ones are restored (default 5 minutes).
        /// </summary>
        public int ConnectionTrialMilliseconds { get; set; }

        /// <summary>Time between a Reset Device answer and the reboot: 0 to 499 ms (the manual allows 500).</summary>
        public int ResetDelayMilliseconds { get; set; }
    }
}
