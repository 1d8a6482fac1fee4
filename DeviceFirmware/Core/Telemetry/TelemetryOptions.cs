using System;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// What the composition decides about telemetry (the MQTT properties decide the rest). Defaults
    /// suit an ESP32 without PSRAM; the simulator and benchmarks may raise the limits.
    /// </summary>
    public sealed class TelemetryOptions
    {
        /// <summary>Default time between messages: 10 s.</summary>
        public const int DefaultIntervalMs = 10000;

        /// <summary>Default outbox limit in messages.</summary>
        public const int DefaultOutboxMaxMessages = 32;

        /// <summary>Default outbox limit in payload bytes: 8 KB, about 40 typical messages, a tenth of a small ESP32 heap.</summary>
        public const int DefaultOutboxMaxBytes = 8192;

        /// <summary>Default first reconnect delay.</summary>
        public const int DefaultBackoffInitialMs = 1000;

        /// <summary>Default reconnect delay cap: 2 minutes, as far as Tasmota's linear backoff goes.</summary>
        public const int DefaultBackoffMaxMs = 120000;

        /// <summary>Default jitter: up to 20 % taken off each delay.</summary>
        public const int DefaultBackoffJitterPercent = 20;

        /// <summary>Default time Stop waits for each worker thread (a Connect may block 30 s on the device).</summary>
        public const int DefaultStopTimeoutMs = 35000;

        /// <summary>Creates options with every default; <see cref="BootId"/> must still be set.</summary>
        public TelemetryOptions()
        {
            IntervalMilliseconds = DefaultIntervalMs;
            OutboxMaxMessages = DefaultOutboxMaxMessages;
            OutboxMaxBytes = DefaultOutboxMaxBytes;
            BackoffInitialMs = DefaultBackoffInitialMs;
            BackoffMaxMs = DefaultBackoffMaxMs;
            BackoffJitterPercent = DefaultBackoffJitterPercent;
            CleanSession = false;
            LogEachPublish = true;
            StopTimeoutMs = DefaultStopTimeoutMs;
        }

        /// <summary>Identifies this boot in every payload: 1 to 36 letters, digits, '-' or '_' (for example random hex made at start-up).</summary>
        public string BootId { get; set; }

        /// <summary>Time between messages in milliseconds.</summary>
        public int IntervalMilliseconds { get; set; }

        /// <summary>Most QoS 1/2 messages the outbox holds.</summary>
        public int OutboxMaxMessages { get; set; }

        /// <summary>Most payload bytes the outbox holds.</summary>
        public int OutboxMaxBytes { get; set; }

        /// <summary>First reconnect delay in milliseconds.</summary>
        public int BackoffInitialMs { get; set; }

        /// <summary>Largest reconnect delay in milliseconds.</summary>
        public int BackoffMaxMs { get; set; }

        /// <summary>Share of each reconnect delay, 0 to 100 %, that may be taken off at random.</summary>
        public int BackoffJitterPercent { get; set; }

        /// <summary>
        /// CleanSession flag of every connect. False (default) keeps the broker session, so a
        /// transport that resumes in-flight QoS 2 state keeps it exactly-once across reconnects.
        /// </summary>
        public bool CleanSession { get; set; }

        /// <summary>True (default) to log one line per publish; benchmarks turn it off.</summary>
        public bool LogEachPublish { get; set; }

        /// <summary>How long <see cref="TelemetryService.Stop"/> waits for each worker thread.</summary>
        public int StopTimeoutMs { get; set; }

        /// <summary>Length of a boot ID made by <see cref="NewBootId"/>: 8 hex digits, 32 bits.</summary>
        public const int GeneratedBootIdLength = 8;

        /// <summary>
        /// Makes a boot ID: 8 random lowercase hex digits. Together with the per-boot sequence number it
        /// tells messages of different boots apart.
        /// </summary>
        public static string NewBootId(Random random)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[GeneratedBootIdLength];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Digits[random.Next(Digits.Length)];
            }

            return new string(chars);
        }

        /// <summary>Throws when a value is out of range; the classes built from these options check again.</summary>
        public void Validate()
        {
            if (!TelemetryPayloadBuilder.IsValidBootId(BootId))
            {
                throw new ArgumentException("BootId must be 1 to 36 letters, digits, '-' or '_'");
            }

            if (IntervalMilliseconds < 1 || OutboxMaxMessages < 1 || OutboxMaxBytes < 1 || StopTimeoutMs < 0)
            {
                throw new ArgumentException("interval, outbox limits and stop timeout must be positive");
            }

            if (BackoffInitialMs < 1 || BackoffMaxMs < BackoffInitialMs || BackoffJitterPercent < 0 || BackoffJitterPercent > 100)
            {
                throw new ArgumentException("backoff needs 1 <= initial <= max and jitter 0..100");
            }
        }
    }
}
