using System;
using System.Collections;
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
        private readonly IMqttTransport _transport;
        private readonly SettingsStore _settings;
        private readonly MqttConnectionManager _connection;
        private readonly MqttSender _sender;
        private readonly Router _router;
        private readonly WakeSignal _wake = new WakeSignal();
        private readonly ArrayList _listeners = new ArrayList();
        private readonly object _listenerSync = new object();
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly int _drainMs;

        // Inbound messages, a ring guarded by _inboundSync: filled on the transport's thread, emptied here.
        // Made with the first message: a device that is never configured over MQTT keeps no ring.
        private readonly object _inboundSync = new object();
        private readonly int _inboundLength;
        private string[] _inboundTopics;
        private byte[][] _inboundPayloads;
        private bool[] _inboundRetained;
        private int _inboundHead;
        private int _inboundCount;
        private long _inboundDropped;

        // Touched on the session's thread only (Poll, and the router's OnConnected, which Poll calls).
        private IMqttSessionClient _client;
        private string _subscribedFilter;
        private bool _resubscribe;
        private bool _offlineAnnounced;
        private long _drainUntil;
        private long _statusSequence;
        private string _statusNote;

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
            _settings = settings;
            _clock = clock;
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
                lock (_inboundSync)
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
                lock (_inboundSync)
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

            lock (_listenerSync)
            {
                _listeners.Add(listener);
            }
        }

        /// <summary>
        /// Sets the client that receives messages (null for none); the session subscribes to its filter
        /// at the next poll. Set it before the session runs.
        /// </summary>
        public void SetClient(IMqttSessionClient client)
        {
            _client = client;
            _resubscribe = true;
        }

        /// <summary>
        /// Publishes <paramref name="note"/> (not retained) on the status topic right after the next
        /// connect, before the retained <c>connected</c>: how a rollback of the connection settings is
        /// reported where MagTek's hosts watch the device.
        /// </summary>
        public void NoteOnNextConnect(string note)
        {
            lock (_listenerSync)
            {
                _statusNote = note;
            }
        }

        /// <summary>Removes a client added with <see cref="AddListener"/>.</summary>
        public void RemoveListener(IMqttSessionListener listener)
        {
            lock (_listenerSync)
            {
                _listeners.Remove(listener);
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
            _settings.RemoveListener(_router);
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
                _offlineAnnounced = false;
                return 0;
            }

            long now = _clock.UptimeMilliseconds;
            if (!_offlineAnnounced)
            {
                _offlineAnnounced = true;
                _drainUntil = now + _drainMs;
                AnnounceOffline();
            }

            if (_sender.InFlight > 0 && now < _drainUntil)
            {
                _sender.Flush();
                return DrainPollMilliseconds;
            }

            _offlineAnnounced = false;
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
            if (!_resubscribe)
            {
                return;
            }

            _resubscribe = false;
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
            lock (_inboundSync)
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
                lock (_inboundSync)
                {
                    if (_inboundCount == 0)
                    {
                        return;
                    }

                    topic = _inboundTopics[_inboundHead];
                    payload = _inboundPayloads[_inboundHead];
                    retained = _inboundRetained[_inboundHead];
                    _inboundTopics[_inboundHead] = null;
                    _inboundPayloads[_inboundHead] = null;
                    _inboundHead = (_inboundHead + 1) % _inboundLength;
                    _inboundCount--;
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

            lock (_inboundSync)
            {
                if (_inboundCount > 0)
                {
                    _wake.Set();
                }
            }
        }

        // Transport thread: keep or drop, and return.
        private void Enqueue(string topic, byte[] payload, bool retained)
        {
            lock (_inboundSync)
            {
                if (_inboundCount == _inboundLength)
                {
                    _inboundDropped++;
                    return;
                }

                if (_inboundTopics == null)
                {
                    _inboundTopics = new string[_inboundLength];
                    _inboundPayloads = new byte[_inboundLength][];
                    _inboundRetained = new bool[_inboundLength];
                }

                int slot = (_inboundHead + _inboundCount) % _inboundLength;
                _inboundTopics[slot] = topic;
                _inboundPayloads[slot] = payload;
                _inboundRetained[slot] = retained;
                _inboundCount++;
            }

            _wake.Set();
        }

        private void NotifyListeners(bool connected)
        {
            object[] listeners;
            lock (_listenerSync)
            {
                listeners = _listeners.ToArray();
            }

            for (int i = 0; i < listeners.Length; i++)
            {
                IMqttSessionListener listener = (IMqttSessionListener)listeners[i];
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
                    lock (_session._listenerSync)
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
                _session._resubscribe = true;
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
