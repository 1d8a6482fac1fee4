using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Hands messages to the <see cref="IMqttTransport"/> and keeps the QoS promises the transport
    /// alone does not: QoS 0 is sent once if there is a session and otherwise dropped and counted;
    /// QoS 1 and 2 go through the bounded <see cref="TelemetryOutbox"/>, are sent oldest first
    /// while the session is up, and stay there until the transport reports them delivered.
    /// </summary>
    /// <remarks>
    /// <para>In flight across a reconnect: a message the transport accepted stays "in flight" until
    /// the transport reports it delivered or failed, connection or not. A transport that resumes its
    /// own session (Paho with CleanSession=false resends unacknowledged PUBLISH/PUBREL) simply
    /// reports it delivered later, and the sender never publishes it a second time, which would
    /// duplicate a QoS 2 message at the subscriber. A transport that loses its state (M2Mqtt's
    /// Close() clears its queues) reports each such ID failed, and the message goes back to the
    /// outbox to be sent again after the reconnect.</para>
    /// <para>Threads: <see cref="Submit"/> and <see cref="Flush"/> run on the telemetry thread (or a
    /// benchmark's), serialised by a gate; <see cref="OnDelivered"/>, <see cref="OnDeliveryFailed"/>,
    /// <see cref="OnConnected"/> and <see cref="OnDisconnected"/> come from transport and connection
    /// threads. The transport is never called while the state lock is held, so a transport that
    /// raises its callbacks from inside Publish, or while holding its own lock, cannot deadlock
    /// against the sender.</para>
    /// </remarks>
    public sealed class TelemetrySender
    {
        // Deliveries reported before Publish returned the ID (nanoframework/Home#935: the PUBACK can
        // beat the return). Only a few can happen during one Publish call.
        private const int EarlyEventCapacity = 8;

        private readonly IMqttTransport _transport;
        private readonly TelemetryOutbox _outbox;
        private readonly ILog _log;
        private readonly object _gate = new object();
        private readonly object _sync = new object();
        private readonly int[] _earlyIds = new int[EarlyEventCapacity];
        private readonly bool[] _earlyDelivered = new bool[EarlyEventCapacity];

        private IMqttTransportListener _linkListener;
        private bool _online;
        private bool _windowFull;
        private bool _flushWanted;
        private bool _sending;
        private int _earlyCount;

        // Counts delivered/failed reports; lets Settle see that the window opened while Publish ran.
        private int _windowEvents;
        private bool _logPublishes = true;

        private long _sent;
        private long _delivered;
        private long _droppedOffline;
        private long _droppedFull;
        private long _failed;
        private long _rejected;

        /// <summary>Creates a sender. It starts offline; <see cref="OnConnected"/> brings it online.</summary>
        /// <param name="transport">The MQTT client. The sender does not set its listener; the composition routes events here.</param>
        /// <param name="outbox">Where QoS 1 and 2 messages wait. The sender owns it from now on.</param>
        /// <param name="log">Where publishes and drops are logged.</param>
        public TelemetrySender(IMqttTransport transport, TelemetryOutbox outbox, ILog log)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (outbox == null)
            {
                throw new ArgumentNullException("outbox");
            }

            _transport = transport;
            _outbox = outbox;
            _log = log == null ? NullLog.Instance : log;
        }

        /// <summary>
        /// True while the sender believes a session is up (between <see cref="OnConnected"/> and
        /// <see cref="OnDisconnected"/>, or until a Publish reports not connected).
        /// </summary>
        public bool IsOnline
        {
            get
            {
                lock (_sync)
                {
                    return _online;
                }
            }
        }

        /// <summary>
        /// True when queued messages could now be sent: the session came up, the transport's
        /// in-flight window opened again after <see cref="MqttPublishResult.InflightFull"/>, or a
        /// failed message went back to the queue. The telemetry loop then calls <see cref="Flush"/>.
        /// </summary>
        public bool FlushWanted
        {
            get
            {
                lock (_sync)
                {
                    return _flushWanted;
                }
            }
        }

        /// <summary>False to stop logging one line per publish (benchmarks measure the pipeline, not the console).</summary>
        public bool LogPublishes
        {
            get { return _logPublishes; }
            set { _logPublishes = value; }
        }

        /// <summary>
        /// The outbox, for inspection by tests and diagnostics. Read it only from the thread that
        /// drives the sender, or while nothing else runs.
        /// </summary>
        public TelemetryOutbox Outbox
        {
            get { return _outbox; }
        }

        /// <summary>
        /// Who is told when a Publish shows that the session is gone before the transport said so
        /// (<see cref="MqttPublishResult.NotConnected"/> or an exception). Only
        /// <see cref="IMqttTransportListener.OnConnectionLost"/> is called. Null to detach.
        /// </summary>
        public void SetLinkListener(IMqttTransportListener listener)
        {
            lock (_sync)
            {
                _linkListener = listener;
            }
        }

        /// <summary>Takes a consistent snapshot of the counters.</summary>
        public OutboxCounters GetCounters()
        {
            lock (_sync)
            {
                return new OutboxCounters(_outbox.Count, _outbox.InFlightCount, _outbox.Bytes, _sent, _delivered, _droppedOffline, _droppedFull, _failed, _rejected);
            }
        }

        /// <summary>Fills <paramref name="counters"/> with the current values, like <see cref="GetCounters"/> without allocating.</summary>
        internal void ReadCounters(OutboxCounters counters)
        {
            lock (_sync)
            {
                counters.Set(_outbox.Count, _outbox.InFlightCount, _outbox.Bytes, _sent, _delivered, _droppedOffline, _droppedFull, _failed, _rejected);
            }
        }

        /// <summary>The session is up: queued messages may be sent. Call <see cref="Flush"/> afterwards.</summary>
        public void OnConnected()
        {
            lock (_sync)
            {
                _online = true;

                // A new session has a new, empty in-flight window.
                _windowFull = false;
                _flushWanted = true;
            }
        }

        /// <summary>The session is down: QoS 0 is dropped and QoS 1/2 queued until <see cref="OnConnected"/>.</summary>
        public void OnDisconnected()
        {
            lock (_sync)
            {
                _online = false;
            }
        }

        /// <summary>
        /// Takes one new message: QoS 0 is published now or dropped; QoS 1 and 2 join the outbox
        /// (evicting the oldest messages if it is full) and the outbox is flushed.
        /// </summary>
        /// <param name="topic">Topic to publish to.</param>
        /// <param name="payload">Payload; kept by reference until delivered.</param>
        /// <param name="qos">0, 1 or 2.</param>
        /// <param name="sequence">Telemetry sequence number, for logs.</param>
        public void Submit(string topic, byte[] payload, int qos, long sequence)
        {
            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException("qos");
            }

            lock (_gate)
            {
                if (qos == 0)
                {
                    SubmitQos0(topic, payload, sequence);
                    return;
                }

                Store(new OutboxMessage(topic, payload, qos, sequence));
                FlushCore();
            }
        }

        /// <summary>Sends waiting QoS 1 and 2 messages, oldest first, while the session and the transport's window allow.</summary>
        public void Flush()
        {
            lock (_gate)
            {
                FlushCore();
            }
        }


        /// <summary>The transport completed a message's handshake (PUBACK, or PUBCOMP).</summary>
        /// <returns>True when a <see cref="Flush"/> is now worthwhile (the in-flight window opened).</returns>
        public bool OnDelivered(int messageId)
        {
            lock (_sync)
            {
                OutboxMessage message = _outbox.FindInFlight(messageId);
                if (message != null)
                {
                    _outbox.Remove(message);
                    _delivered++;
                }
                else if (_sending)
                {
                    RecordEarly(messageId, true);
                }

                // Unknown IDs (a message evicted while in flight) are ignored, but the window still opened.
                OpenWindow();
                return _flushWanted;
            }
        }

        /// <summary>The transport gave up on a message; it goes back to the outbox to be sent again.</summary>
        /// <returns>True when a <see cref="Flush"/> is now worthwhile.</returns>
        public bool OnDeliveryFailed(int messageId)
        {
            lock (_sync)
            {
                OutboxMessage message = _outbox.FindInFlight(messageId);
                if (message != null)
                {
                    _outbox.MarkPending(message);
                    _failed++;
                    _flushWanted = true;
                }
                else if (_sending)
                {
                    RecordEarly(messageId, false);
                }

                OpenWindow();
                return _flushWanted;
            }
        }

        private void SubmitQos0(string topic, byte[] payload, long sequence)
        {
            bool online;
            lock (_sync)
            {
                online = _online;
                if (!online)
                {
                    _droppedOffline++;
                }
            }

            if (!online)
            {
                _log.Write(LogLevel.Debug, "telemetry: dropped seq=" + sequence.ToString() + " qos=0 (offline)");
                return;
            }

            int result = SafePublish(topic, payload, 0);
            bool lost = false;
            lock (_sync)
            {
                if (result >= 0)
                {
                    _sent++;
                }
                else if (result == MqttPublishResult.Rejected)
                {
                    _rejected++;
                }
                else
                {
                    // Not connected, or no room in the window: QoS 0 is never stored, so it is lost now.
                    _droppedOffline++;
                    lost = result == MqttPublishResult.NotConnected && _online;
                    if (lost)
                    {
                        _online = false;
                    }
                }
            }

            if (result >= 0)
            {
                LogPublished(sequence, 0, false);
            }
            else if (result == MqttPublishResult.Rejected)
            {
                _log.Write(LogLevel.Warning, "telemetry: transport rejected seq=" + sequence.ToString() + " qos=0");
            }
            else
            {
                _log.Write(LogLevel.Debug, "telemetry: dropped seq=" + sequence.ToString() + " qos=0 (" + DescribeResult(result) + ")");
            }

            if (lost)
            {
                ReportLinkLost();
            }
        }

        private void Store(OutboxMessage message)
        {
            int length = message.Payload.Length;
            lock (_sync)
            {
                if (!_outbox.Fits(length))
                {
                    // Evicting everything would still not make room; keep the older messages instead.
                    _droppedFull++;
                    _log.Write(LogLevel.Warning, "telemetry: dropped seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + " (larger than the outbox)");
                    return;
                }

                while (!_outbox.HasRoomFor(length))
                {
                    OutboxMessage oldest = _outbox.RemoveOldest();
                    _droppedFull++;
                    _log.Write(LogLevel.Warning, "telemetry: outbox full, dropped seq=" + oldest.Sequence.ToString() + " qos=" + oldest.Qos.ToString());
                }

                _outbox.Add(message);
                if (!_online)
                {
                    _log.Write(LogLevel.Debug, "telemetry: queued seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + " (offline)");
                }
            }
        }

        private void FlushCore()
        {
            // Each message gets at most one attempt per flush, so a transport that fails messages
            // synchronously cannot keep this loop spinning.
            int budget;
            lock (_sync)
            {
                _flushWanted = false;
                budget = _outbox.Count;
            }

            while (budget-- > 0)
            {
                OutboxMessage message;
                int windowEvents;
                lock (_sync)
                {
                    if (!_online || _windowFull)
                    {
                        return;
                    }

                    message = _outbox.FirstPending();
                    if (message == null)
                    {
                        return;
                    }

                    message.MarkSending();
                    _sending = true;
                    _earlyCount = 0;
                    windowEvents = _windowEvents;
                }

                int result = SafePublish(message.Topic, message.Payload, message.Qos);
                if (!Settle(message, result, windowEvents))
                {
                    return;
                }
            }
        }

        /// <summary>Records what one Publish of a held message did. Returns false when flushing must stop.</summary>
        private bool Settle(OutboxMessage message, int result, int windowEventsBefore)
        {
            bool lost = false;
            bool resend = false;
            lock (_sync)
            {
                _sending = false;
                if (result >= 0)
                {
                    _sent++;

                    // A transport hands out an ID again only once it has forgotten the message that had
                    // it, so that message will never be acknowledged: send it again.
                    OutboxMessage stale = _outbox.FindInFlight(result);
                    if (stale != null)
                    {
                        _outbox.MarkPending(stale);
                        _failed++;
                        _flushWanted = true;
                    }

                    resend = message.SendCount > 0;
                    _outbox.MarkInFlight(message, result);
                    ApplyEarlyEvents(message);
                }
                else if (result == MqttPublishResult.InflightFull)
                {
                    // Keep it queued; OnDelivered/OnDeliveryFailed or a new session opens the window.
                    // If one of those already came while Publish ran, no later one may come: retry instead.
                    _outbox.MarkPending(message);
                    if (_windowEvents == windowEventsBefore)
                    {
                        _windowFull = true;
                    }
                    else
                    {
                        _flushWanted = true;
                    }
                }
                else if (result == MqttPublishResult.Rejected)
                {
                    _outbox.Remove(message);
                    _rejected++;
                }
                else
                {
                    _outbox.MarkPending(message);
                    lost = _online;
                    _online = false;
                }

                _earlyCount = 0;
            }

            if (result >= 0)
            {
                LogPublished(message.Sequence, message.Qos, resend);
                return true;
            }

            if (result == MqttPublishResult.Rejected)
            {
                _log.Write(LogLevel.Warning, "telemetry: transport rejected seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + ", dropped");
                return true;
            }

            if (lost)
            {
                ReportLinkLost();
            }

            return false;
        }

        private void ApplyEarlyEvents(OutboxMessage message)
        {
            for (int i = 0; i < _earlyCount; i++)
            {
                if (_earlyIds[i] != message.MessageId)
                {
                    continue;
                }

                if (_earlyDelivered[i])
                {
                    _outbox.Remove(message);
                    _delivered++;
                }
                else
                {
                    _outbox.MarkPending(message);
                    _failed++;
                    _flushWanted = true;
                }

                return;
            }
        }

        private void RecordEarly(int messageId, bool delivered)
        {
            if (_earlyCount >= EarlyEventCapacity)
            {
                return;
            }

            _earlyIds[_earlyCount] = messageId;
            _earlyDelivered[_earlyCount] = delivered;
            _earlyCount++;
        }

        private void OpenWindow()
        {
            _windowEvents++;
            if (_windowFull)
            {
                _windowFull = false;
                _flushWanted = true;
            }
        }

        private int SafePublish(string topic, byte[] payload, int qos)
        {
            try
            {
                return _transport.Publish(topic, payload, qos);
            }
            catch (Exception ex)
            {
                // The contract says Publish returns codes; a transport that throws is treated as a
                // broken session, which the connection manager then rebuilds.
                _log.Write(LogLevel.Warning, "telemetry: publish threw " + ex.Message);
                return MqttPublishResult.NotConnected;
            }
        }

        private void ReportLinkLost()
        {
            IMqttTransportListener listener;
            lock (_sync)
            {
                listener = _linkListener;
            }

            if (listener != null)
            {
                listener.OnConnectionLost("publish refused: not connected");
            }
        }

        private void LogPublished(long sequence, int qos, bool resend)
        {
            if (!_logPublishes)
            {
                return;
            }

            string line = "telemetry: published seq=" + sequence.ToString() + " qos=" + qos.ToString();
            _log.Write(LogLevel.Info, resend ? line + " (resend)" : line);
        }

        private static string DescribeResult(int result)
        {
            switch (result)
            {
                case MqttPublishResult.NotConnected: return "not connected";
                case MqttPublishResult.InflightFull: return "in-flight window full";
                case MqttPublishResult.Rejected: return "rejected";
                default: return "error " + result.ToString();
            }
        }
    }
}
