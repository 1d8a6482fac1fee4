using System;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// What the composition decides about the MQTT session (the MQTT properties decide the rest:
    /// broker, credentials, QoS). Defaults suit an ESP32 without PSRAM.
    /// </summary>
    public sealed class MqttSessionOptions
    {
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

        /// <summary>Default longest wait, before a clean stop or a reconnect for new settings, for messages in flight.</summary>
        public const int DefaultDrainMilliseconds = 2000;

        /// <summary>Default number of inbound messages waiting for the session's thread; more are dropped.</summary>
        public const int DefaultInboundQueueLength = 4;

        /// <summary>Creates options with every default.</summary>
        public MqttSessionOptions()
        {
            OutboxMaxMessages = DefaultOutboxMaxMessages;
            OutboxMaxBytes = DefaultOutboxMaxBytes;
            BackoffInitialMs = DefaultBackoffInitialMs;
            BackoffMaxMs = DefaultBackoffMaxMs;
            BackoffJitterPercent = DefaultBackoffJitterPercent;
            CleanSession = false;
            DrainMilliseconds = DefaultDrainMilliseconds;
            InboundQueueLength = DefaultInboundQueueLength;
        }

        /// <summary>Longest wait, before a clean stop or a reconnect for new settings, for messages in flight to be acknowledged.</summary>
        public int DrainMilliseconds { get; set; }

        /// <summary>Inbound messages that may wait for the session's thread; a burst beyond is dropped and counted.</summary>
        public int InboundQueueLength { get; set; }

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

        /// <summary>Throws when a value is out of range.</summary>
        public void Validate()
        {
            if (OutboxMaxMessages < 1 || OutboxMaxBytes < 1 || InboundQueueLength < 1 || DrainMilliseconds < 0)
            {
                throw new ArgumentException("outbox and inbound limits must be positive, the drain time not negative");
            }

            if (BackoffInitialMs < 1 || BackoffMaxMs < BackoffInitialMs || BackoffJitterPercent < 0 || BackoffJitterPercent > 100)
            {
                throw new ArgumentException("backoff needs 1 <= initial <= max and jitter 0..100");
            }
        }
    }
}
