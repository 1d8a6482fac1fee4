using System;
using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Wires the telemetry pieces together and runs them: the <see cref="MqttConnectionManager"/>
    /// (session), the <see cref="TelemetryPublisher"/> (interval loop), the <see cref="TelemetrySender"/>
    /// (outbox and transport). It routes the transport's, the settings store's and the connection
    /// manager's events to the right piece.
    /// </summary>
    /// <remarks>
    /// <para>Two ways to drive it. Tests call <see cref="Poll"/> on their own thread with a fake clock:
    /// everything happens deterministically inside that call. The device and the simulator call
    /// <see cref="Start"/>, which runs two threads: a connection thread (it may block up to 30 s in
    /// Connect) and a telemetry thread (it keeps producing meanwhile: QoS 0 is then dropped and
    /// counted, QoS 1/2 queued). Events from other threads wake the right one.</para>
    /// <para>The constructor attaches to the transport (SetListener) and the settings store
    /// (AddListener); <see cref="Dispose"/> detaches. The transport and the store stay the caller's.</para>
    /// </remarks>
    public sealed class TelemetryService : IDisposable
    {
        // Longest a worker sleeps without an event: bounds the effect of a missed wake-up.
        private const int MaxIdleWaitMs = 1000;

        // Pause after an unexpected exception so a persistent fault cannot spin a thread.
        private const int ErrorPauseMs = 1000;

        private readonly IMqttTransport _transport;
        private readonly SettingsStore _settings;
        private readonly ILog _log;
        private readonly int _stopTimeoutMs;
        private readonly Router _router;
        private readonly AutoResetEvent _connectionWake = new AutoResetEvent(false);
        private readonly AutoResetEvent _telemetryWake = new AutoResetEvent(false);
        private readonly object _lifecycle = new object();

        private bool _running;
        private Thread _connectionThread;
        private Thread _telemetryThread;

        /// <summary>Builds and wires the telemetry pipeline. Nothing happens until <see cref="Poll"/> or <see cref="Start"/>.</summary>
        /// <param name="transport">The MQTT client (M2Mqtt adapter, Paho, or a fake).</param>
        /// <param name="settings">The loaded settings store: MQTT properties, QoS and topic.</param>
        /// <param name="sensors">Reading sources, in payload order; null for none.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="log">One line per connection change and per publish.</param>
        /// <param name="random">Jitter source for the reconnect backoff (seeded in tests); may be null when the jitter is 0.</param>
        /// <param name="options">Interval, boot ID, outbox limits, backoff; validated here.</param>
        public TelemetryService(IMqttTransport transport, SettingsStore settings, ISensor[] sensors, IClock clock, ILog log, Random random, TelemetryOptions options)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            _transport = transport;
            _settings = settings;
            _log = log == null ? NullLog.Instance : log;
            _stopTimeoutMs = options.StopTimeoutMs;

            TelemetryPayloadBuilder payload = new TelemetryPayloadBuilder(options.BootId, sensors);
            TelemetryOutbox outbox = new TelemetryOutbox(options.OutboxMaxMessages, options.OutboxMaxBytes);
            Sender = new TelemetrySender(transport, outbox, _log);
            Sender.LogPublishes = options.LogEachPublish;
            ReconnectBackoff backoff = new ReconnectBackoff(options.BackoffInitialMs, options.BackoffMaxMs, options.BackoffJitterPercent, random);
            Connection = new MqttConnectionManager(transport, settings, backoff, clock, _log, options.CleanSession);
            Publisher = new TelemetryPublisher(settings, payload, Sender, clock, _log, options.IntervalMilliseconds);
            Publisher.ReuseQos0Payloads = transport is IPayloadCopyingMqttTransport;

            _router = new Router(this);
            Sender.SetLinkListener(_router);
            Connection.SetStateListener(_router);
            transport.SetListener(_router);
            settings.AddListener(_router);
        }

        /// <summary>The session keeper.</summary>
        public MqttConnectionManager Connection { get; }

        /// <summary>The interval loop.</summary>
        public TelemetryPublisher Publisher { get; }

        /// <summary>The outbox and transport side.</summary>
        public TelemetrySender Sender { get; }

        /// <summary>A snapshot of the outbox counters.</summary>
        public OutboxCounters Counters
        {
            get { return Sender.GetCounters(); }
        }

        /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
        public bool IsRunning
        {
            get
            {
                lock (_lifecycle)
                {
                    return _running;
                }
            }
        }

        /// <summary>
        /// One deterministic step on the caller's thread: the connection manager (may block in
        /// Connect), then the telemetry loop (flush, and a message if one is due). For tests; do not
        /// mix with <see cref="Start"/>.
        /// </summary>
        public void Poll()
        {
            Connection.Poll();
            Publisher.Poll();
        }

        /// <summary>
        /// Produces <paramref name="count"/> messages back to back through the whole pipeline
        /// (payload, QoS, outbox, transport), bypassing only the interval timer. For benchmarks.
        /// </summary>
        /// <returns>Sequence number of the last message produced (0 when count is 0).</returns>
        public long PublishBurst(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            long last = 0;
            for (int i = 0; i < count; i++)
            {
                last = Publisher.PublishNow();
            }

            return last;
        }

        /// <summary>Starts the connection and telemetry threads.</summary>
        /// <exception cref="InvalidOperationException">Already running, or a previous Stop timed out.</exception>
        public void Start()
        {
            lock (_lifecycle)
            {
                if (_running)
                {
                    throw new InvalidOperationException("telemetry already running");
                }

                if ((_connectionThread != null && _connectionThread.IsAlive) || (_telemetryThread != null && _telemetryThread.IsAlive))
                {
                    throw new InvalidOperationException("telemetry threads from the last run have not ended");
                }

                _running = true;
                Connection.Restart();
                _connectionThread = new Thread(ConnectionLoop);
                _telemetryThread = new Thread(TelemetryLoop);
                _connectionThread.Start();
                _telemetryThread.Start();
            }
        }

        /// <summary>
        /// Stops the threads (if running) and closes the session. Waits up to
        /// <see cref="TelemetryOptions.StopTimeoutMs"/> per thread; a Connect still in progress then
        /// closes its session itself when it returns. Queued messages stay in the outbox.
        /// </summary>
        public void Stop()
        {
            Thread connectionThread;
            Thread telemetryThread;
            lock (_lifecycle)
            {
                _running = false;
                connectionThread = _connectionThread;
                telemetryThread = _telemetryThread;
            }

            _connectionWake.Set();
            _telemetryWake.Set();
            Join(telemetryThread, "telemetry");

            // Close the session now rather than after the join: the connection thread may sit in a
            // 30 s Connect, and Shutdown tells that Connect to close whatever it opens.
            Connection.Shutdown();
            Join(connectionThread, "connection");
        }

        /// <summary>Stops, then detaches from the transport and the settings store.</summary>
        public void Dispose()
        {
            Stop();
            _transport.SetListener(null);
            _settings.RemoveListener(_router);
            Sender.SetLinkListener(null);
            Connection.SetStateListener(null);
        }

        private void ConnectionLoop()
        {
            while (IsRunning)
            {
                int wait;
                try
                {
                    wait = Connection.Poll();
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Error, "mqtt: connection loop: " + ex.Message);
                    wait = ErrorPauseMs;
                }

                _connectionWake.WaitOne(ClampWait(wait), false);
            }
        }

        private void TelemetryLoop()
        {
            while (IsRunning)
            {
                int wait;
                try
                {
                    wait = Publisher.Poll();
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Error, "telemetry: loop: " + ex.Message);
                    wait = ErrorPauseMs;
                }

                _telemetryWake.WaitOne(ClampWait(wait), false);
            }
        }

        private void Join(Thread thread, string name)
        {
            if (thread != null && !thread.Join(_stopTimeoutMs))
            {
                _log.Write(LogLevel.Warning, "telemetry: " + name + " thread did not stop in time");
            }
        }

        private static int ClampWait(int wait)
        {
            if (wait < 1)
            {
                return 1;
            }

            return wait > MaxIdleWaitMs ? MaxIdleWaitMs : wait;
        }

        /// <summary>
        /// Receives every event the pieces do not handle among themselves and wakes the thread that
        /// must act. Private so these callbacks are not part of the service's API.
        /// </summary>
        private sealed class Router : IMqttTransportListener, IConnectionStateListener, ISettingsListener
        {
            private readonly TelemetryService _service;

            public Router(TelemetryService service)
            {
                _service = service;
            }

            public void OnDelivered(int messageId)
            {
                // The window has room again: the telemetry thread sends what waits. (Sending from this
                // reporting thread instead was measured slower: it competes with the client's own thread.)
                if (!_service.Sender.OnDelivered(messageId))
                {
                    return;
                }

                _service._telemetryWake.Set();
            }

            public void OnDeliveryFailed(int messageId)
            {
                if (_service.Sender.OnDeliveryFailed(messageId))
                {
                    _service._telemetryWake.Set();
                }
            }

            public void OnConnectionLost(string reason)
            {
                _service.Connection.OnConnectionLost(reason);
                _service._connectionWake.Set();
            }

            public void OnConnected()
            {
                _service.Sender.OnConnected();
                _service._telemetryWake.Set();
            }

            public void OnDisconnected()
            {
                _service.Sender.OnDisconnected();
            }

            public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
            {
                _service.Publisher.OnSettingsChanged(store, changed);
                _service.Connection.OnSettingsChanged(store, changed);
                _service._connectionWake.Set();
            }
        }
    }
}
