namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// One QoS 1 or 2 message held by the <see cref="MqttOutbox"/>. Topic, payload and QoS are fixed
    /// when the message is created: a later change of the QoS or topic property does not touch
    /// messages already queued.
    /// </summary>
    public sealed class OutboxMessage
    {
        /// <summary>Transport message ID of a message that is not in flight.</summary>
        public const int NoMessageId = -1;

        internal const int StatePending = 0;
        internal const int StateSending = 1;
        internal const int StateInFlight = 2;

        /// <summary>Creates a message waiting to be sent.</summary>
        /// <param name="topic">Topic it is published to.</param>
        /// <param name="payload">Payload bytes; the message keeps the reference.</param>
        /// <param name="qos">1 or 2.</param>
        /// <param name="retain">Whether the broker keeps it as the topic's retained message.</param>
        /// <param name="source">Who produced it ("telemetry"), the first word of its log lines.</param>
        /// <param name="sequence">Its producer's sequence number, for logs.</param>
        public OutboxMessage(string topic, byte[] payload, int qos, bool retain, string source, long sequence)
        {
            Topic = topic;
            Payload = payload;
            Qos = qos;
            Retain = retain;
            Source = source;
            Sequence = sequence;
            MessageId = NoMessageId;
        }

        /// <summary>Topic it is published to.</summary>
        public string Topic { get; }

        /// <summary>Payload bytes.</summary>
        public byte[] Payload { get; }

        /// <summary>QoS it is published with (1 or 2).</summary>
        public int Qos { get; }

        /// <summary>Whether the broker keeps it as the topic's retained message.</summary>
        public bool Retain { get; }

        /// <summary>Who produced it ("telemetry"), the first word of its log lines.</summary>
        public string Source { get; }

        /// <summary>Its producer's sequence number.</summary>
        public long Sequence { get; }

        /// <summary>ID the transport gave it, while in flight; otherwise <see cref="NoMessageId"/>.</summary>
        public int MessageId { get; private set; }

        /// <summary>Number of times it was handed to the transport and accepted.</summary>
        public int SendCount { get; private set; }

        /// <summary>True while the transport holds it and has not reported it delivered or failed.</summary>
        public bool IsInFlight
        {
            get { return State == StateInFlight; }
        }

        /// <summary>True while it waits in the outbox to be (re-)sent.</summary>
        public bool IsPending
        {
            get { return State == StatePending; }
        }

        internal int State { get; private set; }

        internal void MarkSending()
        {
            State = StateSending;
        }

        internal void MarkInFlight(int messageId)
        {
            State = StateInFlight;
            MessageId = messageId;
            SendCount++;
        }

        internal void MarkPending()
        {
            State = StatePending;
            MessageId = NoMessageId;
        }
    }
}
