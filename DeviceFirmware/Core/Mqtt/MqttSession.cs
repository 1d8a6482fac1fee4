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
    /// transport's reports are routed here. Its clients only hand it messages
    /// (<see cref="Publish"/>) and may ask to be told when it comes up or goes down
    /// (<see cref="AddListener"/>); telemetry is one client, remote configuration another.
    /// </summary>
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

            options.Validate();
            _transport = transport;
            _settings = settings;
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
            int wait = _connection.Poll();
            if (_sender.FlushWanted)
            {
                _sender.Flush();
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

        /// <summary>Closes the session, if any, and stops connecting until <see cref="Restart"/>.</summary>
        public void Shutdown()
        {
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
                _session.NotifyListeners(true);
            }

            public void OnDisconnected()
            {
                _session._sender.OnDisconnected();
                _session.NotifyListeners(false);
            }

            public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
            {
                _session._connection.OnSettingsChanged(store, changed);
                _session._wake.Set();
            }
        }
    }
}
