using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// The outbound half of the <see cref="MqttSession"/>: hands messages to the transport and keeps
    /// the QoS promises the transport alone does not. QoS 0 is sent once if there is a session and
    /// otherwise dropped and counted; QoS 1 and 2 go through the bounded <see cref="MqttOutbox"/>,
    /// are sent oldest first while the session is up, and stay there until the transport reports
    /// them delivered. It is the one place that tracks which message IDs are in flight.
    /// </summary>
    /// <remarks>
    /// <para><b>In flight.</b> A message the transport accepted stays in flight until the transport
    /// reports it delivered or failed, or reports every open message lost
    /// (<see cref="OnInflightLost"/>), connection or not. A transport that resumes its own session
    /// (Paho with CleanSession off resends unacknowledged PUBLISH/PUBREL) simply reports the message
    /// delivered later, and the sender never publishes it a second time, which would duplicate a
    /// QoS 2 message at the subscriber. A transport that forgets (M2Mqtt's Close clears its queues)
    /// reports the loss, and the messages go back to the queue to be sent again after the reconnect.</para>
    /// <para><b>The window.</b> At most <see cref="IMqttTransport.MaxInflight"/> QoS 1/2 messages are
    /// in flight, counting the ones evicted from a full outbox while in flight (the client still holds
    /// them). A QoS 0 message is dropped rather than published into a full window.</para>
    /// <para><b>Early reports.</b> The transport may report an ID before Publish has returned it
    /// (<see cref="IMqttTransport"/>, guarantee 2). Reports for unknown IDs that arrive while a
    /// Publish is in progress are kept and applied when it returns; this is the only place that race
    /// is handled.</para>
    /// <para><b>Threads.</b> <see cref="Submit"/> and <see cref="Flush"/> may run on any thread and
    /// are serialised by a gate; reports come from the transport's threads and only take the state
    /// lock. The transport is never called while the state lock is held.</para>
    /// </remarks>
    public sealed class MqttSender
    {
        // Reports that can arrive during one Publish call: a handful at most.
        private const int EarlyReportCapacity = 8;

        // State flags (bits of _flags), guarded by the state lock.
        private const int OnlineFlag = 1;
        private const int WindowFullFlag = 2;
        private const int FlushWantedFlag = 4;
        private const int SendingFlag = 8;
        private const int LostWhileSendingFlag = 16;

        private readonly IMqttTransport _transport;
        private readonly IMqttTransportListener _linkListener;
        private readonly ILog _log;

        // The state lock is the outbox itself, which the sender owns: everything it guards is the
        // outbox's or about it, and a dedicated lock object would cost two heap blocks.
        private readonly MqttOutbox _outbox;

        // Early reports, two entries each: the message ID, then 1 if delivered or 0 if failed. Also
        // the gate that serialises Submit and Flush (a private array, never handed out).
        private readonly int[] _early = new int[2 * EarlyReportCapacity];

        // IDs of messages evicted from the outbox while in flight: the client still holds them. Its
        // length is the transport's in-flight window.
        private readonly int[] _orphanIds;
        private int _orphanCount;
        private int _earlyCount;
        private int _flags;

        // Counts delivered/failed/lost reports; lets Settle see that the window opened while Publish ran.
        private int _windowEvents;

        // The event counters, by index, in one array (six fields would be six heap blocks).
        private const int SentIndex = 0;
        private const int DeliveredIndex = 1;
        private const int DroppedOfflineIndex = 2;
        private const int DroppedFullIndex = 3;
        private const int FailedIndex = 4;
        private const int RejectedIndex = 5;

        private readonly long[] _counts = new long[RejectedIndex + 1];

        /// <summary>Creates a sender. It starts offline; <see cref="OnConnected"/> brings it online.</summary>
        /// <param name="transport">The MQTT client; its reports reach this sender through the session.</param>
        /// <param name="outbox">Where QoS 1 and 2 messages wait. The sender owns it from now on.</param>
        /// <param name="linkListener">
        /// Told (only <see cref="IMqttTransportListener.OnConnectionLost"/>) when a Publish shows that the
        /// session is gone before the transport said so: the session's connection manager.
        /// </param>
        /// <param name="log">Where publishes and drops are logged.</param>
        public MqttSender(IMqttTransport transport, MqttOutbox outbox, IMqttTransportListener linkListener, ILog log)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (outbox == null)
            {
                throw new ArgumentNullException("outbox");
            }

            if (linkListener == null)
            {
                throw new ArgumentNullException("linkListener");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            int window = transport.MaxInflight;
            if (window < 1)
            {
                throw new ArgumentException("the transport's in-flight window must hold at least one message", "transport");
            }

            _transport = transport;
            _outbox = outbox;
            _linkListener = linkListener;
            _log = log;
            _orphanIds = new int[window];
        }

        /// <summary>
        /// True while the sender believes a session is up (between <see cref="OnConnected"/> and
        /// <see cref="OnDisconnected"/>, or until a Publish reports not connected).
        /// </summary>
        public bool IsOnline
        {
            get
            {
                lock (_outbox)
                {
                    return Has(OnlineFlag);
                }
            }
        }

        /// <summary>
        /// True when queued messages could now be sent: the session came up, the window opened again,
        /// or a failed message went back to the queue. The session's thread then calls <see cref="Flush"/>.
        /// </summary>
        public bool FlushWanted
        {
            get
            {
                lock (_outbox)
                {
                    return Has(FlushWantedFlag);
                }
            }
        }

        /// <summary>QoS 1/2 messages the client holds unacknowledged, counting those evicted from the outbox while in flight.</summary>
        public int InFlight
        {
            get
            {
                lock (_outbox)
                {
                    return InflightLocked();
                }
            }
        }

        /// <summary>Fills <paramref name="counters"/> with the current values, as one consistent snapshot, without allocating.</summary>
        public void ReadCounters(OutboxCounters counters)
        {
            lock (_outbox)
            {
                long[] counts = _counts;
                counters.Set(_outbox.Count, _outbox.InFlightCount, _outbox.Bytes, counts[SentIndex], counts[DeliveredIndex], counts[DroppedOfflineIndex], counts[DroppedFullIndex], counts[FailedIndex], counts[RejectedIndex]);
            }
        }

        /// <summary>The session is up: queued messages may be sent. Call <see cref="Flush"/> afterwards.</summary>
        public void OnConnected()
        {
            lock (_outbox)
            {
                Set(OnlineFlag, true);

                // A new session has a new, empty window as far as the client's own refusals go.
                Set(WindowFullFlag, false);
                Set(FlushWantedFlag, true);
            }
        }

        /// <summary>The session is down: QoS 0 is dropped and QoS 1/2 queued until <see cref="OnConnected"/>.</summary>
        public void OnDisconnected()
        {
            lock (_outbox)
            {
                Set(OnlineFlag, false);
            }
        }

        /// <summary>
        /// Takes one new message: QoS 0 is published now or dropped; QoS 1 and 2 join the outbox
        /// (evicting the oldest messages if it is full) and the outbox is flushed.
        /// </summary>
        /// <param name="topic">Topic to publish to.</param>
        /// <param name="payload">Payload; kept by reference until delivered (QoS 0: until Publish returns).</param>
        /// <param name="qos">0, 1 or 2.</param>
        /// <param name="retain">Whether the broker keeps it as the topic's retained message.</param>
        /// <param name="source">Who produced it ("telemetry"): the first word of its log lines; null to log no line per publish (the producer logs its own).</param>
        /// <param name="sequence">The producer's sequence number, for logs.</param>
        public void Submit(string topic, byte[] payload, int qos, bool retain, string source, long sequence)
        {
            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException("qos");
            }

            lock (_early)
            {
                if (qos == 0)
                {
                    SubmitQos0(topic, payload, retain, source, sequence);
                    return;
                }

                Store(new OutboxMessage(topic, payload, qos, retain, source, sequence));
                FlushCore();
            }
        }

        /// <summary>Sends waiting QoS 1 and 2 messages, oldest first, while the session and the window allow.</summary>
        public void Flush()
        {
            lock (_early)
            {
                FlushCore();
            }
        }

        /// <summary>The transport completed a message's handshake (PUBACK, or PUBCOMP).</summary>
        /// <returns>True when a <see cref="Flush"/> is now worthwhile (the window opened).</returns>
        public bool OnDelivered(int messageId)
        {
            lock (_outbox)
            {
                OutboxMessage message = _outbox.FindInFlight(messageId);
                if (message != null)
                {
                    _outbox.Remove(message);
                    _counts[DeliveredIndex]++;
                }
                else if (!ForgetOrphan(messageId) && Has(SendingFlag))
                {
                    RecordEarly(messageId, true);
                }

                OpenWindow();
                return Has(FlushWantedFlag);
            }
        }

        /// <summary>The transport gave up on a message; it goes back to the outbox to be sent again.</summary>
        /// <returns>True when a <see cref="Flush"/> is now worthwhile.</returns>
        public bool OnDeliveryFailed(int messageId)
        {
            lock (_outbox)
            {
                OutboxMessage message = _outbox.FindInFlight(messageId);
                if (message != null)
                {
                    _outbox.MarkPending(message);
                    _counts[FailedIndex]++;
                    Set(FlushWantedFlag, true);
                }
                else if (!ForgetOrphan(messageId) && Has(SendingFlag))
                {
                    RecordEarly(messageId, false);
                }

                OpenWindow();
                return Has(FlushWantedFlag);
            }
        }

        /// <summary>The transport forgot every open message: each goes back to the queue, counted as failed.</summary>
        /// <returns>True when a <see cref="Flush"/> is now worthwhile.</returns>
        public bool OnInflightLost()
        {
            lock (_outbox)
            {
                for (int i = 0; i < _outbox.Count; i++)
                {
                    OutboxMessage message = _outbox.At(i);
                    if (message.IsInFlight)
                    {
                        _outbox.MarkPending(message);
                        _counts[FailedIndex]++;
                        Set(FlushWantedFlag, true);
                    }
                }

                _orphanCount = 0;

                // A message being published right now is lost with the others if the client takes it.
                Set(LostWhileSendingFlag, Has(SendingFlag));
                OpenWindow();
                return Has(FlushWantedFlag);
            }
        }

        private void SubmitQos0(string topic, byte[] payload, bool retain, string source, long sequence)
        {
            string refusal = null;
            lock (_outbox)
            {
                if (!Has(OnlineFlag))
                {
                    refusal = "offline";
                }
                else if (InflightLocked() >= _orphanIds.Length)
                {
                    refusal = MqttText.Describe(MqttPublishResult.InflightFull);
                }

                if (refusal != null)
                {
                    _counts[DroppedOfflineIndex]++;
                }
            }

            if (refusal != null)
            {
                LogDropped(source, sequence, 0, refusal);
                return;
            }

            int ignoredId;
            MqttPublishResult result = SafePublish(topic, payload, 0, retain, out ignoredId);
            bool lost = false;
            lock (_outbox)
            {
                if (result == MqttPublishResult.Accepted)
                {
                    _counts[SentIndex]++;
                }
                else if (result == MqttPublishResult.Rejected)
                {
                    _counts[RejectedIndex]++;
                }
                else
                {
                    // Not connected, or no room in the window: QoS 0 is never stored, so it is lost now.
                    _counts[DroppedOfflineIndex]++;
                    lost = result == MqttPublishResult.NotConnected && Has(OnlineFlag);
                    if (lost)
                    {
                        Set(OnlineFlag, false);
                    }
                }
            }

            if (result == MqttPublishResult.Accepted)
            {
                LogPublished(source, sequence, 0, false);
            }
            else if (result == MqttPublishResult.Rejected)
            {
                _log.Write(LogLevel.Warning, Name(source) + ": transport rejected seq=" + sequence.ToString() + " qos=0");
            }
            else
            {
                LogDropped(source, sequence, 0, MqttText.Describe(result));
            }

            if (lost)
            {
                _linkListener.OnConnectionLost("publish refused: not connected");
            }
        }

        private void Store(OutboxMessage message)
        {
            int length = message.Payload.Length;
            lock (_outbox)
            {
                if (!_outbox.Fits(length))
                {
                    // Evicting everything would still not make room; keep the older messages instead.
                    _counts[DroppedFullIndex]++;
                    _log.Write(LogLevel.Warning, Name(message.Source) + ": dropped seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + " (larger than the outbox)");
                    return;
                }

                while (!_outbox.HasRoomFor(length))
                {
                    OutboxMessage oldest = _outbox.RemoveOldest();
                    _counts[DroppedFullIndex]++;
                    if (oldest.IsInFlight)
                    {
                        KeepOrphan(oldest.MessageId);
                    }

                    _log.Write(LogLevel.Warning, Name(oldest.Source) + ": outbox full, dropped seq=" + oldest.Sequence.ToString() + " qos=" + oldest.Qos.ToString());
                }

                _outbox.Add(message);
                if (!Has(OnlineFlag) && message.Source != null && _log.IsEnabled(LogLevel.Debug))
                {
                    _log.Write(LogLevel.Debug, message.Source + ": queued seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + " (offline)");
                }
            }
        }

        private void FlushCore()
        {
            // Each message gets at most one attempt per flush, so a transport that fails messages
            // synchronously cannot keep this loop spinning.
            int budget;
            lock (_outbox)
            {
                Set(FlushWantedFlag, false);
                budget = _outbox.Count;
            }

            while (budget-- > 0)
            {
                OutboxMessage message;
                int windowEvents;
                lock (_outbox)
                {
                    if (!Has(OnlineFlag) || Has(WindowFullFlag) || InflightLocked() >= _orphanIds.Length)
                    {
                        return;
                    }

                    message = _outbox.FirstPending();
                    if (message == null)
                    {
                        return;
                    }

                    _outbox.MarkSending(message);
                    Set(SendingFlag, true);
                    Set(LostWhileSendingFlag, false);
                    _earlyCount = 0;
                    windowEvents = _windowEvents;
                }

                int messageId;
                MqttPublishResult result = SafePublish(message.Topic, message.Payload, message.Qos, message.Retain, out messageId);
                if (!Settle(message, result, messageId, windowEvents))
                {
                    return;
                }
            }
        }

        /// <summary>Records what one Publish of a held message did. Returns false when flushing must stop.</summary>
        private bool Settle(OutboxMessage message, MqttPublishResult result, int messageId, int windowEventsBefore)
        {
            bool lost = false;
            bool resend = false;
            lock (_outbox)
            {
                Set(SendingFlag, false);

                // Submit and Flush share the gate, so the message cannot have been evicted meanwhile.
                if (result == MqttPublishResult.Accepted)
                {
                    _counts[SentIndex]++;

                    // A transport hands out an ID again only once it has forgotten the message that had
                    // it, so that message will never be acknowledged: send it again.
                    OutboxMessage stale = _outbox.FindInFlight(messageId);
                    if (stale != null)
                    {
                        _outbox.MarkPending(stale);
                        _counts[FailedIndex]++;
                        Set(FlushWantedFlag, true);
                    }

                    resend = message.SendCount > 0;
                    _outbox.MarkInFlight(message, messageId);
                    if (Has(LostWhileSendingFlag))
                    {
                        _outbox.MarkPending(message);
                        _counts[FailedIndex]++;
                        Set(FlushWantedFlag, true);
                    }
                    else
                    {
                        ApplyEarlyReports(message);
                    }
                }
                else if (result == MqttPublishResult.InflightFull)
                {
                    // Keep it queued; a report or a new session opens the window. If a report already
                    // came while Publish ran, no later one may come: retry instead.
                    _outbox.MarkPending(message);
                    if (_windowEvents == windowEventsBefore)
                    {
                        Set(WindowFullFlag, true);
                    }
                    else
                    {
                        Set(FlushWantedFlag, true);
                    }
                }
                else if (result == MqttPublishResult.Rejected)
                {
                    _outbox.Remove(message);
                    _counts[RejectedIndex]++;
                }
                else
                {
                    _outbox.MarkPending(message);
                    lost = Has(OnlineFlag);
                    Set(OnlineFlag, false);
                }

                _earlyCount = 0;
                Set(LostWhileSendingFlag, false);
            }

            if (result == MqttPublishResult.Accepted)
            {
                LogPublished(message.Source, message.Sequence, message.Qos, resend);
                return true;
            }

            if (result == MqttPublishResult.Rejected)
            {
                _log.Write(LogLevel.Warning, Name(message.Source) + ": transport rejected seq=" + message.Sequence.ToString() + " qos=" + message.Qos.ToString() + ", dropped");
                return true;
            }

            if (lost)
            {
                _linkListener.OnConnectionLost("publish refused: not connected");
            }

            return false;
        }

        // Caller holds the state lock.
        private int InflightLocked()
        {
            return _outbox.InFlightCount + _orphanCount;
        }

        // Caller holds the state lock. Applies a report that arrived before Publish returned this message's ID.
        private void ApplyEarlyReports(OutboxMessage message)
        {
            for (int i = 0; i < _earlyCount; i++)
            {
                if (_early[2 * i] != message.MessageId)
                {
                    continue;
                }

                if (_early[(2 * i) + 1] != 0)
                {
                    _outbox.Remove(message);
                    _counts[DeliveredIndex]++;
                }
                else
                {
                    _outbox.MarkPending(message);
                    _counts[FailedIndex]++;
                    Set(FlushWantedFlag, true);
                }

                return;
            }
        }

        private void RecordEarly(int messageId, bool delivered)
        {
            if (_earlyCount >= EarlyReportCapacity)
            {
                return;
            }

            _early[2 * _earlyCount] = messageId;
            _early[(2 * _earlyCount) + 1] = delivered ? 1 : 0;
            _earlyCount++;
        }

        private void KeepOrphan(int messageId)
        {
            if (_orphanCount < _orphanIds.Length)
            {
                _orphanIds[_orphanCount] = messageId;
                _orphanCount++;
            }
        }

        private bool ForgetOrphan(int messageId)
        {
            for (int i = 0; i < _orphanCount; i++)
            {
                if (_orphanIds[i] == messageId)
                {
                    _orphanCount--;
                    _orphanIds[i] = _orphanIds[_orphanCount];
                    return true;
                }
            }

            return false;
        }

        private void OpenWindow()
        {
            _windowEvents++;
            if (Has(WindowFullFlag))
            {
                Set(WindowFullFlag, false);
                Set(FlushWantedFlag, true);
            }
            else if (_outbox.Count > _outbox.InFlightCount)
            {
                // A message waits and a slot just opened.
                Set(FlushWantedFlag, true);
            }
        }

        // Caller holds the state lock.
        private bool Has(int flag)
        {
            return (_flags & flag) != 0;
        }

        // Caller holds the state lock.
        private void Set(int flag, bool on)
        {
            _flags = on ? _flags | flag : _flags & ~flag;
        }

        private MqttPublishResult SafePublish(string topic, byte[] payload, int qos, bool retain, out int messageId)
        {
            try
            {
                return _transport.Publish(topic, payload, qos, retain, out messageId);
            }
            catch (Exception ex)
            {
                // Publish reports by result; a transport that throws is treated as a broken session,
                // which the connection manager then rebuilds.
                messageId = 0;
                _log.Write(LogLevel.Warning, "mqtt: publish threw " + ex.Message);
                return MqttPublishResult.NotConnected;
            }
        }

        private static string Name(string source)
        {
            return source == null ? "mqtt" : source;
        }

        private void LogPublished(string source, long sequence, int qos, bool resend)
        {
            if (source == null || !_log.IsEnabled(LogLevel.Info))
            {
                return;
            }

            string line = source + ": published seq=" + sequence.ToString() + " qos=" + qos.ToString();
            _log.Write(LogLevel.Info, resend ? line + " (resend)" : line);
        }

        private void LogDropped(string source, long sequence, int qos, string why)
        {
            if (source != null && _log.IsEnabled(LogLevel.Debug))
            {
                _log.Write(LogLevel.Debug, source + ": dropped seq=" + sequence.ToString() + " qos=" + qos.ToString() + " (" + why + ")");
            }
        }
    }
}
