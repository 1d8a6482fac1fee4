using System;
using DeviceFirmware.Network;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// The device's one MQTT session: the <see cref="MqttConnectionManager"/> keeps it up, the
    /// <see cref="MqttSender"/> sends through it and tracks every message in flight, and the
    /// transport's reports are routed here. Its clients hand it messages (<see cref="Publish"/>), may
    /// ask to be told when it comes up or goes down (<see cref="AddListener"/>), and one client may
    /// receive messages on a subscription (<see cref="SetClient"/>): telemetry is one client, remote
    /// configuration another.
    /// </summary>
    /// <remarks>
    /// <para><b>Status.</b> The session reports the device's liveness on
    /// <c>&lt;publish topic&gt;</c><see cref="DeviceTopics.StatusSuffix"/>, retained: <c>connected</c>
    /// first thing after every connect; the Last Will <c>disconnected</c>, which the broker publishes
    /// when the device vanishes; and <c>disconnected</c> itself before a clean stop or a reconnect for
    /// new settings, after which it waits (up to <see cref="MqttSessionOptions.DrainMilliseconds"/>)
    /// until every message in flight, the answer to the request that changed the settings among them,
    /// has been acknowledged.</para>
    /// <para><b>Inbound.</b> Messages arrive on the transport's thread and wait in a small bounded
    /// queue (<see cref="MqttSessionOptions.InboundQueueLength"/>; more are dropped and counted in
    /// <see cref="InboundDropped"/>); the session's thread hands them to the client one at a time.</para>
    /// </remarks>
    /// <remarks>
    /// <para>Driven by <see cref="Poll"/>, which connects when due (blocking in the transport's
    /// Connect, up to about 30 s on the device) and sends what waits. The device runs it on its own
    /// <see cref="PollingWorker"/>; tests call it with a fake clock. <see cref="Publish"/> may be called
    /// from any thread: it sends at once when it can, and otherwise queues or drops by QoS.</para>
    /// <para>The constructor attaches to the transport (SetListener) and the settings store
    /// (AddListener); <see cref="Dispose"/> closes the session and detaches. The transport and the
    /// store stay the caller's.</para>
    /// </remarks>
    public sealed class MqttSession : IPollable, IDisposable
    {
        // Flags (bits of _flags), touched on the session's thread only.
        private const int ResubscribeFlag = 1;
        private const int OfflineAnnouncedFlag = 2;

        private readonly IMqttTransport _transport;

        // Also holds the settings store and the clock the session was given (no copies here).
        private readonly MqttConnectionManager _connection;
        private readonly MqttSender _sender;
        private readonly Router _router;
        private readonly WakeSignal _wake = new WakeSignal();
        private readonly ILog _log;
        private readonly int _drainMs;
        private readonly int _inboundLength;

        // Guards the listeners, the status note, the inbound ring and the subscribed filter: each is
        // held for a few instructions and never around a call out, so one lock serves all (on the
        // heap a lock object is two blocks).
        private readonly object _sync = new object();

        // Copied on every change (listeners come and go at composition), so a notification reads the
        // array without copying it. Null while there is none.
        private IMqttSessionListener[] _listeners;

        // Inbound messages: filled on the transport's thread, emptied here. Made with the first
        // message: a device that is never configured over MQTT keeps no ring.
        private InboundRing _inbound;
        private long _inboundDropped;
        private string _statusNote;
        private string _subscribedFilter;

        // Touched on the session's thread only (Poll, and the router's OnConnected, which Poll calls).
        private IMqttSessionClient _client;
        private int _flags;
        private long _drainUntil;
        private long _statusSequence;

        /// <summary>Builds the session; nothing is sent until the first <see cref="Poll"/>.</summary>
        /// <param name="transport">The MQTT client (M2Mqtt adapter, Paho, or a fake).</param>
        /// <param name="network">The board's network link; null where the network is always there (the host).</param>
        /// <param name="settings">The loaded settings store: broker, port, credentials, keep-alive.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="log">One line per connection change and per publish.</param>
        /// <param name="random">Jitter source for the reconnect backoff; may be null when the options ask for no jitter.</param>
        /// <param name="options">Outbox bounds, backoff, clean session; validated here.</param>
        public MqttSession(IMqttTransport transport, INetworkLink network, SettingsStore settings, IClock clock, ILog log, Random random, MqttSessionOptions options)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            options.Validate();
            _transport = transport;
            _log = log;
            _drainMs = options.DrainMilliseconds;
            _inboundLength = options.InboundQueueLength;
            _router = new Router(this);
            ReconnectBackoff backoff = new ReconnectBackoff(options.BackoffInitialMs, options.BackoffMaxMs, options.BackoffJitterPercent, random);
            _connection = new MqttConnectionManager(transport, network, settings, backoff, clock, log, options.CleanSession);
            _sender = new MqttSender(transport, new MqttOutbox(options.OutboxMaxMessages, options.OutboxMaxBytes), _router, log);
            _connection.SetStateListener(_router);
            transport.SetListener(_router);
            settings.AddListener(_router);
        }

        /// <inheritdoc />
        public WakeSignal Wake
        {
            get { return _wake; }
        }

        /// <summary>Where the session stands.</summary>
        public ConnectionState State
        {
            get { return _connection.State; }
        }

        /// <summary>True while a session with the broker is up.</summary>
        public bool IsConnected
        {
            get { return _connection.IsConnected; }
        }

        /// <summary>Successful connects since the session was built.</summary>
        public int ConnectCount
        {
            get { return _connection.ConnectCount; }
        }

        /// <summary>Options of the session that is up (or was last up); null before the first connect.</summary>
        public MqttConnectOptions CurrentOptions
        {
            get { return _connection.CurrentOptions; }
        }

        /// <summary>
        /// True when the transport copies each payload before Publish returns: a client may then build
        /// QoS 0 payloads into a reused array. QoS 1 and 2 payloads always need their own array, because
        /// they wait in the outbox until delivered.
        /// </summary>
        public bool CopiesPayload
        {
            get { return _transport.CopiesPayload; }
        }

        /// <summary>Inbound messages dropped because the queue was full (a burst faster than the device handles them).</summary>
        public long InboundDropped
        {
            get
            {
                lock (_sync)
                {
                    return _inboundDropped;
                }
            }
        }

        /// <summary>The topic filter the session holds a subscription to now; null for none.</summary>
        public string SubscribedFilter
        {
            get
            {
                lock (_sync)
                {
                    return _subscribedFilter;
                }
            }
        }

        /// <summary>Takes a consistent snapshot of the message counters.</summary>
        public OutboxCounters Counters
        {
            get
            {
                OutboxCounters counters = new OutboxCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
                _sender.ReadCounters(counters);
                return counters;
            }
        }

        /// <summary>Fills <paramref name="counters"/> with the current values without allocating.</summary>
        public void ReadCounters(OutboxCounters counters)
        {
            _sender.ReadCounters(counters);
        }

        /// <summary>Adds a client to tell when the session comes up or goes down.</summary>
        public void AddListener(IMqttSessionListener listener)
        {
            if (listener == null)
            {
                throw new ArgumentNullException("listener");
            }

            lock (_sync)
            {
                int count = _listeners == null ? 0 : _listeners.Length;
                IMqttSessionListener[] listeners = new IMqttSessionListener[count + 1];
                if (count > 0)
                {
                    Array.Copy(_listeners, 0, listeners, 0, count);
                }

                listeners[count] = listener;
                _listeners = listeners;
            }
        }

        /// <summary>
        /// Sets the client that receives messages (null for none); the session subscribes to its filter
        /// at the next poll. Set it before the session runs.
        /// </summary>
        public void SetClient(IMqttSessionClient client)
        {
            _client = client;
            _flags |= ResubscribeFlag;
        }

        /// <summary>
        /// Publishes <paramref name="note"/> (not retained) on the status topic right after the next
        /// connect, before the retained <c>connected</c>: how a rollback of the connection settings is
        /// reported where MagTek's hosts watch the device.
        /// </summary>
        public void NoteOnNextConnect(string note)
        {
            lock (_sync)
            {
                _statusNote = note;
            }
        }

        /// <summary>Removes a client added with <see cref="AddListener"/>.</summary>
        public void RemoveListener(IMqttSessionListener listener)
        {
            lock (_sync)
            {
                int at = _listeners == null ? -1 : IndexOf(_listeners, listener);
                if (at < 0)
                {
                    return;
                }

                int count = _listeners.Length - 1;
                IMqttSessionListener[] listeners = null;
                if (count > 0)
                {
                    listeners = new IMqttSessionListener[count];
                    Array.Copy(_listeners, 0, listeners, 0, at);
                    Array.Copy(_listeners, at + 1, listeners, at, count - at);
                }

                _listeners = listeners;
            }
        }

        /// <summary>
        /// Connects when due (may block in the transport's Connect), then sends what waits in the outbox.
        /// </summary>
        /// <returns>Milliseconds until the next poll is useful; reports wake the poller earlier.</returns>
        public int Poll()
        {
            int drain = DrainBeforeReconnect();
            if (drain > 0)
            {
                return drain;
            }

            int wait = _connection.Poll();
            if (_sender.FlushWanted)
            {
                _sender.Flush();
            }

            if (_connection.IsConnected)
            {
                MaintainSubscription();
                DispatchInbound();
            }

            IMqttSessionClient client = _client;
            if (client != null)
            {
                int clientWait = client.Poll();
                if (clientWait < wait)
                {
                    wait = clientWait;
                }
            }

            return wait;
        }

        /// <summary>
        /// Hands one message to the session: QoS 0 is sent now if the session is up and otherwise
        /// dropped (counted); QoS 1 and 2 are queued in the outbox until the broker acknowledges them.
        /// Never blocks on the network beyond the transport's Publish.
        /// </summary>
        /// <param name="topic">Topic without wildcards.</param>
        /// <param name="payload">Payload; QoS 1/2 keep the reference until delivered.</param>
        /// <param name="qos">0, 1 or 2.</param>
        /// <param name="retain">Whether the broker keeps it as the topic's retained message.</param>
        /// <param name="source">Who sends it ("telemetry"): the first word of its log lines.</param>
        /// <param name="sequence">The sender's number for it, for logs.</param>
        public void Publish(string topic, byte[] payload, int qos, bool retain, string source, long sequence)
        {
            _sender.Submit(topic, payload, qos, retain, source, sequence);
        }

        /// <summary>
        /// Publishes the status <c>disconnected</c>, waits (up to <see cref="MqttSessionOptions.DrainMilliseconds"/>)
        /// for what is in flight, closes the session, and stops connecting until <see cref="Restart"/>.
        /// </summary>
        public void Shutdown()
        {
            if (_connection.IsConnected)
            {
                AnnounceOffline();

                // Counted in real pauses, not on the clock: a stop must end even where time stands still.
                for (int waited = 0; waited < _drainMs && _sender.InFlight > 0 && _connection.IsConnected; waited += DrainPollMilliseconds)
                {
                    _sender.Flush();
                    System.Threading.Thread.Sleep(DrainPollMilliseconds);
                }
            }

            _connection.Shutdown();
        }

        /// <summary>Connects again at the next <see cref="Poll"/> after a <see cref="Shutdown"/>.</summary>
        public void Restart()
        {
            _connection.Restart();
        }

        /// <summary>Closes the session and detaches from the transport and the settings store.</summary>
        public void Dispose()
        {
            Shutdown();
            _transport.SetListener(null);
            _connection.Settings.RemoveListener(_router);
            _connection.SetStateListener(null);
        }

        // Pause between two looks at the in-flight count while draining.
        private const int DrainPollMilliseconds = 20;

        // A reconnect for new settings: first say goodbye on the old status topic and let what is in
        // flight (the answer to the request that changed the settings) be acknowledged, bounded.
        private int DrainBeforeReconnect()
        {
            if (!_connection.ReconnectPending || !_connection.IsConnected)
            {
                _flags &= ~OfflineAnnouncedFlag;
                return 0;
            }

            long now = _connection.Clock.UptimeMilliseconds;
            if ((_flags & OfflineAnnouncedFlag) == 0)
            {
                _flags |= OfflineAnnouncedFlag;
                _drainUntil = now + _drainMs;
                AnnounceOffline();
            }

            if (_sender.InFlight > 0 && now < _drainUntil)
            {
                _sender.Flush();
                return DrainPollMilliseconds;
            }

            _flags &= ~OfflineAnnouncedFlag;
            return 0;
        }

        private void AnnounceOffline()
        {
            MqttConnectOptions current = _connection.CurrentOptions;
            if (current != null && current.WillTopic != null)
            {
                PublishStatus(current.WillTopic, DeviceTopics.Disconnected);
            }
        }

        private void PublishStatus(string topic, string status)
        {
            PublishStatus(topic, status, true);
        }

        private void PublishStatus(string topic, string status, bool retain)
        {
            byte[] payload = new byte[status.Length];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)status[i];
            }

            _sender.Submit(topic, payload, DeviceTopics.StatusQos, retain, null, ++_statusSequence);
            if (_log.IsEnabled(LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "mqtt: status " + status + " on " + topic);
            }
        }

        private void MaintainSubscription()
        {
            IMqttSessionClient client = _client;
            string wanted = client == null ? null : client.SubscriptionFilter;
            int qos = client == null ? 0 : client.SubscriptionQos;
            if (wanted != null && wanted.Length == 0)
            {
                wanted = null;
            }

            // Only after a connect: a subscribe waits for the broker's answer, and the session must not
            // wait on a broker that has stopped answering. The QoS of the subscription therefore follows
            // property 1.2.2.1.2.3 from the next connect on; a topic change reconnects anyway.
            if ((_flags & ResubscribeFlag) == 0)
            {
                return;
            }

            _flags &= ~ResubscribeFlag;
            if (_subscribedFilter != null && _subscribedFilter != wanted)
            {
                // A broker that keeps the session (CleanSession off) keeps old subscriptions too.
                _transport.Unsubscribe(_subscribedFilter);
                _log.Write(LogLevel.Info, "mqtt: unsubscribed from " + _subscribedFilter);
            }

            SetSubscribed(null);
            if (wanted == null)
            {
                return;
            }

            MqttSubscribeResult result = SafeSubscribe(wanted, qos);
            if (result == MqttSubscribeResult.Subscribed)
            {
                SetSubscribed(wanted);
                _log.Write(LogLevel.Info, "mqtt: subscribed to " + wanted + " qos=" + qos.ToString());
            }
            else
            {
                // Tried again after the next connect, or when the client asks.
                _log.Write(LogLevel.Warning, "mqtt: subscribe to " + wanted + " failed: " + MqttText.Describe(result));
            }
        }

        private void SetSubscribed(string filter)
        {
            lock (_sync)
            {
                _subscribedFilter = filter;
            }
        }

        private MqttSubscribeResult SafeSubscribe(string filter, int qos)
        {
            try
            {
                return _transport.Subscribe(filter, qos);
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "mqtt: subscribe threw " + ex.Message);
                return MqttSubscribeResult.Failed;
            }
        }

        // Hands queued messages to the client, at most one queue's worth per poll so that a burst
        // cannot starve the rest of the session's work.
        private void DispatchInbound()
        {
            IMqttSessionClient client = _client;
            for (int n = _inboundLength; n > 0; n--)
            {
                string topic;
                byte[] payload;
                bool retained;
                lock (_sync)
                {
                    InboundRing ring = _inbound;
                    if (ring == null || ring.Count == 0)
                    {
                        return;
                    }

                    int head = ring.Head;
                    topic = ring.Topics[head];
                    payload = ring.Payloads[head];
                    retained = ring.Retained[head];
                    ring.Topics[head] = null;
                    ring.Payloads[head] = null;
                    ring.Head = (head + 1) % _inboundLength;
                    ring.Count--;
                }

                if (client == null)
                {
                    continue;
                }

                try
                {
                    client.OnMessage(topic, payload, retained);
                }
                catch (Exception ex)
                {
                    // One bad message costs its answer, never the session.
                    _log.Write(LogLevel.Error, "mqtt: handling a message on " + topic + " failed: " + ex.Message);
                }
            }

            lock (_sync)
            {
                if (_inbound != null && _inbound.Count > 0)
                {
                    _wake.Set();
                }
            }
        }

        // Transport thread: keep or drop, and return.
        private void Enqueue(string topic, byte[] payload, bool retained)
        {
            lock (_sync)
            {
                InboundRing ring = _inbound;
                if (ring == null)
                {
                    ring = new InboundRing(_inboundLength);
                    _inbound = ring;
                }

                if (ring.Count == _inboundLength)
                {
                    _inboundDropped++;
                    return;
                }

                int slot = (ring.Head + ring.Count) % _inboundLength;
                ring.Topics[slot] = topic;
                ring.Payloads[slot] = payload;
                ring.Retained[slot] = retained;
                ring.Count++;
            }

            _wake.Set();
        }

        private static int IndexOf(IMqttSessionListener[] listeners, IMqttSessionListener listener)
        {
            for (int i = 0; i < listeners.Length; i++)
            {
                if (listeners[i] == listener)
                {
                    return i;
                }
            }

            return -1;
        }

        private void NotifyListeners(bool connected)
        {
            IMqttSessionListener[] listeners;
            lock (_sync)
            {
                listeners = _listeners;
            }

            if (listeners == null)
            {
                return;
            }

            for (int i = 0; i < listeners.Length; i++)
            {
                IMqttSessionListener listener = listeners[i];
                if (connected)
                {
                    listener.OnConnected();
                }
                else
                {
                    listener.OnDisconnected();
                }
            }
        }

        /// <summary>The inbound messages waiting for the client, oldest at <see cref="Head"/>; guarded by the session's lock.</summary>
        private sealed class InboundRing
        {
            public readonly string[] Topics;
            public readonly byte[][] Payloads;
            public readonly bool[] Retained;
            public int Head;
            public int Count;

            public InboundRing(int length)
            {
                Topics = new string[length];
                Payloads = new byte[length][];
                Retained = new bool[length];
            }
        }

        /// <summary>
        /// Receives the transport's reports, the connection manager's state changes and settings
        /// changes, and wakes the session's thread when there is something to do. Private so these
        /// callbacks are not part of the session's API.
        /// </summary>
        private sealed class Router : IMqttTransportListener, IMqttSessionListener, ISettingsListener
        {
            private readonly MqttSession _session;

            public Router(MqttSession session)
            {
                _session = session;
            }

            public void OnDelivered(int messageId)
            {
                if (_session._sender.OnDelivered(messageId))
                {
                    _session._wake.Set();
                }
            }

            public void OnDeliveryFailed(int messageId)
            {
                if (_session._sender.OnDeliveryFailed(messageId))
                {
                    _session._wake.Set();
                }
            }

            public void OnInflightLost()
            {
                if (_session._sender.OnInflightLost())
                {
                    _session._wake.Set();
                }
            }

            public void OnConnectionLost(string reason)
            {
                _session._connection.OnConnectionLost(reason);
                _session._wake.Set();
            }

            public void OnConnected()
            {
                _session._sender.OnConnected();

                // The Last Will says "disconnected" from now on if the device vanishes; say "connected" first.
                MqttConnectOptions current = _session._connection.CurrentOptions;
                if (current != null && current.WillTopic != null)
                {
                    string note;
                    lock (_session._sync)
                    {
                        note = _session._statusNote;
                        _session._statusNote = null;
                    }

                    if (note != null)
                    {
                        _session.PublishStatus(current.WillTopic, note, false);
                    }

                    _session.PublishStatus(current.WillTopic, DeviceTopics.Connected);
                }

                // A new session holds whatever the broker kept; subscribe again to be sure of the QoS.
                _session._flags |= ResubscribeFlag;
                _session.NotifyListeners(true);
            }

            public void OnDisconnected()
            {
                _session._sender.OnDisconnected();
                _session.NotifyListeners(false);
            }

            public void OnMessage(string topic, byte[] payload, bool retained)
            {
                _session.Enqueue(topic, payload, retained);
            }

            public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
            {
                _session._connection.OnSettingsChanged(store, changed);
                _session._wake.Set();
            }
        }
    }
}
