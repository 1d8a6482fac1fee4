namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// One QoS 1 or 2 message as the <see cref="MqttSender"/> sees it: a new message it hands to the
    /// <see cref="MqttOutbox"/>, or a handle the outbox gives out on a message it holds. Topic,
    /// payload and QoS are fixed when the message is created: a later change of the QoS or topic
    /// property does not touch messages already queued.
    /// </summary>
    /// <remarks>
    /// The outbox keeps no object per message: <see cref="MqttOutbox.Add"/> copies a new message into
    /// the outbox's own storage and ties this object to it by a key. A handle (from
    /// <see cref="MqttOutbox.At"/>, <see cref="MqttOutbox.FirstPending"/>, <see cref="MqttOutbox.FindInFlight"/>
    /// or <see cref="MqttOutbox.RemoveOldest"/>) is a snapshot of one held message, named by the same
    /// key, so every handle on a message stands for it until it leaves the outbox. Its state changes
    /// only through the outbox (MarkSending, MarkInFlight, MarkPending, Remove), which updates the
    /// handle it is given. Only a new message and the handle <see cref="MqttOutbox.FirstPending"/>
    /// returns carry the payload, because that is the one published; the others carry its length.
    /// </remarks>
    public sealed class OutboxMessage
    {
        /// <summary>Transport message ID of a message that is not in flight.</summary>
        public const int NoMessageId = -1;

        internal const int StatePending = 0;
        internal const int StateSending = 1;
        internal const int StateInFlight = 2;

        /// <summary>Key of a message no outbox holds yet.</summary>
        internal const int NoKey = -1;

        /// <summary>Creates a message waiting to be sent.</summary>
        /// <param name="topic">Topic it is published to.</param>
        /// <param name="payload">Payload bytes; the outbox copies them when it takes the message.</param>
        /// <param name="qos">1 or 2.</param>
        /// <param name="retain">Whether the broker keeps it as the topic's retained message.</param>
        /// <param name="source">Who produced it ("telemetry"), the first word of its log lines.</param>
        /// <param name="sequence">Its producer's sequence number, for logs.</param>
        public OutboxMessage(string topic, byte[] payload, int qos, bool retain, string source, long sequence)
            : this(NoKey, topic, payload, payload == null ? 0 : payload.Length, qos, retain, source, sequence, StatePending, NoMessageId, 0)
        {
        }

        internal OutboxMessage(int key, string topic, byte[] payload, int payloadLength, int qos, bool retain, string source, long sequence, int state, int messageId, int sendCount)
        {
            Key = key;
            Topic = topic;
            Payload = payload;
            PayloadLength = payloadLength;
            Qos = qos;
            Retain = retain;
            Source = source;
            Sequence = sequence;
            State = state;
            MessageId = messageId;
            SendCount = sendCount;
        }

        /// <summary>Topic it is published to.</summary>
        public string Topic { get; }

        /// <summary>
        /// Payload bytes: those of a new message, or a copy on the handle <see cref="MqttOutbox.FirstPending"/>
        /// returns for sending; null on the other handles (see <see cref="PayloadLength"/>).
        /// </summary>
        public byte[] Payload { get; }

        /// <summary>Number of payload bytes: what the outbox's byte limit counts.</summary>
        public int PayloadLength { get; }

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

        /// <summary>Number of times it was handed to the transport and accepted (the outbox counts up to 255).</summary>
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

        /// <summary>Names the held message this object stands for; <see cref="NoKey"/> before an outbox takes it.</summary>
        internal int Key { get; private set; }

        internal void Attach(int key)
        {
            Key = key;
        }

        internal void Update(int state, int messageId, int sendCount)
        {
            State = state;
            MessageId = messageId;
            SendCount = sendCount;
        }
    }
}
