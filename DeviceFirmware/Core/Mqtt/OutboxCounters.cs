namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// A read-only snapshot of the MQTT session's message counters, taken at one moment under its lock,
    /// so the values are consistent with each other. <see cref="Queued"/>, <see cref="InFlight"/> and
    /// <see cref="QueuedBytes"/> are current levels; every other member counts events since boot and
    /// only grows.
    /// </summary>
    /// <remarks>
    /// Every message produced ends in exactly one of: delivered (QoS 1/2), sent (QoS 0), dropped
    /// offline (QoS 0), dropped full (QoS 1/2), rejected, or still queued. <see cref="Sent"/> and
    /// <see cref="Failed"/> count attempts, so a message that failed once and was then delivered is
    /// counted twice in <see cref="Sent"/>, once in <see cref="Failed"/> and once in <see cref="Delivered"/>.
    /// </remarks>
    public sealed class OutboxCounters
    {
        // The values, by index: one array instead of nine fields, each of which is a heap block on
        // nanoCLR (the telemetry publisher keeps one instance for good).
        private const int QueuedIndex = 0;
        private const int InFlightIndex = 1;
        private const int QueuedBytesIndex = 2;
        private const int SentIndex = 3;
        private const int DeliveredIndex = 4;
        private const int DroppedOfflineIndex = 5;
        private const int DroppedFullIndex = 6;
        private const int FailedIndex = 7;
        private const int RejectedIndex = 8;

        private readonly long[] _values = new long[RejectedIndex + 1];

        /// <summary>Creates a snapshot. The session fills these; tests may create them too.</summary>
        public OutboxCounters(int queued, int inFlight, int queuedBytes, long sent, long delivered, long droppedOffline, long droppedFull, long failed, long rejected)
        {
            Set(queued, inFlight, queuedBytes, sent, delivered, droppedOffline, droppedFull, failed, rejected);
        }

        /// <summary>
        /// Overwrites every value. Only the sender calls it, on an instance the telemetry publisher reuses for
        /// each payload, so that producing a message does not allocate a snapshot.
        /// </summary>
        internal void Set(int queued, int inFlight, int queuedBytes, long sent, long delivered, long droppedOffline, long droppedFull, long failed, long rejected)
        {
            long[] values = _values;
            values[QueuedIndex] = queued;
            values[InFlightIndex] = inFlight;
            values[QueuedBytesIndex] = queuedBytes;
            values[SentIndex] = sent;
            values[DeliveredIndex] = delivered;
            values[DroppedOfflineIndex] = droppedOffline;
            values[DroppedFullIndex] = droppedFull;
            values[FailedIndex] = failed;
            values[RejectedIndex] = rejected;
        }

        /// <summary>
        /// QoS 1 and 2 messages the outbox holds now: those waiting to be sent plus those sent and
        /// waiting for their acknowledgement (PUBACK, or PUBCOMP). QoS 0 messages are never held.
        /// </summary>
        public int Queued
        {
            get { return (int)_values[QueuedIndex]; }
        }

        /// <summary>The part of <see cref="Queued"/> that the transport has accepted and not yet acknowledged or failed.</summary>
        public int InFlight
        {
            get { return (int)_values[InFlightIndex]; }
        }

        /// <summary>Payload bytes of the <see cref="Queued"/> messages: the figure the outbox byte limit applies to.</summary>
        public int QueuedBytes
        {
            get { return (int)_values[QueuedBytesIndex]; }
        }

        /// <summary>
        /// Times the transport accepted a message (Publish returned an ID), any QoS. A re-send after a
        /// failure or a clean reconnect counts again.
        /// </summary>
        public long Sent
        {
            get { return _values[SentIndex]; }
        }

        /// <summary>QoS 1 and 2 messages whose acknowledgement completed (the transport reported them delivered).</summary>
        public long Delivered
        {
            get { return _values[DeliveredIndex]; }
        }

        /// <summary>
        /// QoS 0 messages that were not sent because there was no broker session (not configured,
        /// connecting, or connection lost) or because the transport could not take them at that
        /// moment (in-flight window full). QoS 0 is never stored, so each is lost for good.
        /// </summary>
        public long DroppedOffline
        {
            get { return _values[DroppedOfflineIndex]; }
        }

        /// <summary>
        /// QoS 1 and 2 messages the outbox gave up on to respect its limits: the oldest one evicted
        /// to make room for a new one, or a new one larger than the whole byte limit. An evicted
        /// message that was already in flight may still reach the broker, but it is no longer
        /// tracked or re-sent.
        /// </summary>
        public long DroppedFull
        {
            get { return _values[DroppedFullIndex]; }
        }

        /// <summary>
        /// Times the transport reported a held message as failed (retries exhausted, or its state lost
        /// with the connection), or handed out its ID again to a new message (proof it forgot it).
        /// Each such message went back to the outbox to be sent again.
        /// </summary>
        public long Failed
        {
            get { return _values[FailedIndex]; }
        }

        /// <summary>
        /// Messages the transport refused outright (<see cref="MqttPublishResult.Rejected"/>, such as a
        /// bad topic). They are dropped rather than retried, because a retry would be refused again.
        /// </summary>
        public long Rejected
        {
            get { return _values[RejectedIndex]; }
        }
    }
}
