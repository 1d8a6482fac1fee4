using System;
using DeviceFirmware.Network;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// Keeps one MQTT session up: connects with the options in the MQTT properties, reconnects with
    /// <see cref="ReconnectBackoff"/> after a failure or a lost connection, reconnects cleanly
    /// (disconnect, then connect with the new options) after a durable change of a connection
    /// property, and stays idle while no broker is configured or the network is down. M2Mqtt has no
    /// reconnect of its own, so this class is the only thing that brings a dropped session back.
    /// </summary>
    /// <remarks>
    /// Driven by <see cref="Poll"/>, which may block inside <see cref="IMqttTransport.Connect"/>
    /// (up to about 30 s on the device); give it its own thread so telemetry production goes on
    /// meanwhile. No lock is held across Connect or Disconnect. <see cref="OnConnectionLost"/> and
    /// <see cref="OnSettingsChanged"/> may be called from any thread; they only record what
    /// happened, and the next <see cref="Poll"/> acts on it.
    /// </remarks>
    public sealed class MqttConnectionManager : ISettingsListener
    {
        /// <summary>What <see cref="Poll"/> returns when nothing is scheduled: events wake the poller earlier.</summary>
        public const int IdlePollMs = 1000;

        // Flags (bits of _flags), guarded by the lock; CleanSessionFlag is set once, by the constructor.
        private const int CleanSessionFlag = 1;
        private const int ReconnectRequestedFlag = 2;
        private const int LostWhileConnectingFlag = 4;
        private const int NotConfiguredLoggedFlag = 8;
        private const int NetworkDownLoggedFlag = 16;

        private readonly IMqttTransport _transport;
        private readonly INetworkLink _network;
        private readonly SettingsStore _settings;
        private readonly IClock _clock;
        private readonly ILog _log;

        // Also the lock of this manager's state: the backoff is used only under it (its remarks), and
        // a dedicated lock object would cost two heap blocks.
        private readonly ReconnectBackoff _backoff;

        private IMqttSessionListener _listener;
        private ConnectionState _state = ConnectionState.Disconnected;
        private long _nextAttemptAt;
        private int _flags;
        private MqttConnectOptions _current;
        private int _connects;

        /// <summary>Creates a manager that attempts its first connect at the first <see cref="Poll"/>.</summary>
        /// <param name="transport">The MQTT client; the session routes its connection-lost event to <see cref="OnConnectionLost"/>.</param>
        /// <param name="network">The board's network link, checked before every attempt; null where the network is always there (the host).</param>
        /// <param name="settings">Source of the broker, port, client ID, credentials, peer name and keep-alive.</param>
        /// <param name="backoff">Delays between attempts.</param>
        /// <param name="clock">Monotonic time.</param>
        /// <param name="log">One line per connection change.</param>
        /// <param name="cleanSession">
        /// Passed to every connect. False (recommended) lets a transport resume in-flight QoS 1/2
        /// state so QoS 2 stays exactly-once across reconnects.
        /// </param>
        public MqttConnectionManager(IMqttTransport transport, INetworkLink network, SettingsStore settings, ReconnectBackoff backoff, IClock clock, ILog log, bool cleanSession)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (backoff == null)
            {
                throw new ArgumentNullException("backoff");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _transport = transport;
            _network = network;
            _settings = settings;
            _backoff = backoff;
            _clock = clock;
            _log = log;
            _flags = cleanSession ? CleanSessionFlag : 0;
            _nextAttemptAt = clock.UptimeMilliseconds;
        }

        // The settings and the clock, for the session that made this manager: it keeps no copies of
        // its own (each reference is a heap block on nanoCLR).
        internal SettingsStore Settings
        {
            get { return _settings; }
        }

        internal IClock Clock
        {
            get { return _clock; }
        }

        /// <summary>Current state.</summary>
        public ConnectionState State
        {
            get
            {
                lock (_backoff)
                {
                    return _state;
                }
            }
        }

        /// <summary>True while a session is up.</summary>
        public bool IsConnected
        {
            get { return State == ConnectionState.Connected; }
        }

        /// <summary>Uptime at which the next connect attempt is due, while <see cref="ConnectionState.Disconnected"/>.</summary>
        public long NextAttemptAt
        {
            get
            {
                lock (_backoff)
                {
                    return _nextAttemptAt;
                }
            }
        }

        /// <summary>Options of the session that is up (or was last up); null before the first successful connect.</summary>
        public MqttConnectOptions CurrentOptions
        {
            get
            {
                lock (_backoff)
                {
                    return _current;
                }
            }
        }

        /// <summary>True while a clean reconnect has been asked for (a settings change) and not yet begun.</summary>
        public bool ReconnectPending
        {
            get
            {
                lock (_backoff)
                {
                    return Has(ReconnectRequestedFlag);
                }
            }
        }

        /// <summary>Successful connects since creation.</summary>
        public int ConnectCount
        {
            get
            {
                lock (_backoff)
                {
                    return _connects;
                }
            }
        }

        /// <summary>Sets who is told when the session comes up or goes down (null to detach).</summary>
        public void SetStateListener(IMqttSessionListener listener)
        {
            lock (_backoff)
            {
                _listener = listener;
            }
        }

        /// <summary>
        /// Does whatever is due: the clean reconnect after a settings change, the idle check, a
        /// connect attempt. Blocks while the transport connects.
        /// </summary>
        /// <returns>Milliseconds until the next poll is useful (0: at once). Events may make it useful earlier.</returns>
        public int Poll()
        {
            long now = _clock.UptimeMilliseconds;
            bool closeFirst = false;
            MqttConnectOptions closing = null;
            lock (_backoff)
            {
                // Connecting here means a re-entrant call from inside Connect; the outer call finishes the job.
                if (_state == ConnectionState.Stopped || _state == ConnectionState.Connecting)
                {
                    return IdlePollMs;
                }

                if (Has(ReconnectRequestedFlag))
                {
                    Set(ReconnectRequestedFlag, false);
                    closeFirst = _state == ConnectionState.Connected;
                    closing = _current;
                    _state = ConnectionState.Disconnected;
                    _nextAttemptAt = now;
                    _backoff.Reset();
                }
            }

            if (closeFirst)
            {
                SafeDisconnect();
                _log.Write(LogLevel.Info, "mqtt: disconnected from " + MqttOptionsReader.Describe(closing) + " (settings changed)");
                NotifyDisconnected();
            }

            if (!MqttOptionsReader.IsConfigured(_settings))
            {
                return StayIdle();
            }

            if (_network != null && !_network.IsUp)
            {
                return WaitForNetwork();
            }

            lock (_backoff)
            {
                Set(NotConfiguredLoggedFlag, false);
                Set(NetworkDownLoggedFlag, false);
                if (_state == ConnectionState.NotConfigured)
                {
                    _state = ConnectionState.Disconnected;
                    _nextAttemptAt = now;
                }

                if (_state != ConnectionState.Disconnected)
                {
                    return IdlePollMs;
                }

                if (now < _nextAttemptAt)
                {
                    return ToWait(_nextAttemptAt - now);
                }

                _state = ConnectionState.Connecting;
                Set(LostWhileConnectingFlag, false);
            }

            MqttConnectOptions options = MqttOptionsReader.Read(_settings, (_flags & CleanSessionFlag) != 0);
            _log.Write(LogLevel.Debug, "mqtt: connecting to " + MqttOptionsReader.Describe(options));
            MqttConnectResult result = SafeConnect(options);
            return Settle(options, result);
        }

        /// <summary>The transport reported the session gone. Schedules a reconnect after the next backoff delay.</summary>
        /// <param name="reason">Words for the log.</param>
        public void OnConnectionLost(string reason)
        {
            bool wasUp = false;
            int delay = 0;
            lock (_backoff)
            {
                if (_state == ConnectionState.Connected)
                {
                    delay = _backoff.NextDelay();
                    _nextAttemptAt = _clock.UptimeMilliseconds + delay;
                    _state = ConnectionState.Disconnected;
                    wasUp = true;
                }
                else if (_state == ConnectionState.Connecting)
                {
                    // The session being opened may already be gone; Settle decides once Connect returns.
                    Set(LostWhileConnectingFlag, true);
                }
            }

            if (wasUp)
            {
                _log.Write(LogLevel.Warning, "mqtt: connection lost (" + reason + "); retry in " + delay.ToString() + " ms");
                NotifyDisconnected();
            }
        }

        /// <summary>Asks for a clean reconnect with freshly read options at the next <see cref="Poll"/>, without backoff.</summary>
        public void RequestReconnect()
        {
            lock (_backoff)
            {
                if (_state != ConnectionState.Stopped)
                {
                    Set(ReconnectRequestedFlag, true);
                }
            }
        }

        /// <summary>Requests a clean reconnect when a session property changed; a QoS change needs none (it belongs to each message).</summary>
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            if (changed.ContainsConnectionProperty())
            {
                RequestReconnect();
            }
        }

        /// <summary>Closes the session, if any, and stops reacting until <see cref="Restart"/>.</summary>
        public void Shutdown()
        {
            bool wasUp;
            MqttConnectOptions closing;
            lock (_backoff)
            {
                wasUp = _state == ConnectionState.Connected;
                closing = _current;

                // A Connect in progress sees Stopped when it returns and closes its session itself.
                _state = ConnectionState.Stopped;
                Set(ReconnectRequestedFlag, false);
            }

            if (wasUp)
            {
                SafeDisconnect();
                _log.Write(LogLevel.Info, "mqtt: disconnected from " + MqttOptionsReader.Describe(closing) + " (stopped)");
                NotifyDisconnected();
            }
        }

        /// <summary>Leaves <see cref="ConnectionState.Stopped"/>: the next <see cref="Poll"/> connects at once.</summary>
        public void Restart()
        {
            lock (_backoff)
            {
                if (_state == ConnectionState.Stopped)
                {
                    _state = ConnectionState.Disconnected;
                    _nextAttemptAt = _clock.UptimeMilliseconds;
                    _backoff.Reset();
                }
            }
        }

        // No attempt while the board has no address: it would only fail and grow the backoff. The
        // first attempt after the network returns goes out at once.
        private int WaitForNetwork()
        {
            bool log = false;
            lock (_backoff)
            {
                if (!Has(NetworkDownLoggedFlag))
                {
                    Set(NetworkDownLoggedFlag, true);
                    log = true;
                }
            }

            if (log)
            {
                _log.Write(LogLevel.Info, "mqtt: waiting for the network");
            }

            return IdlePollMs;
        }

        private int StayIdle()
        {
            bool log = false;
            lock (_backoff)
            {
                if (_state == ConnectionState.Disconnected)
                {
                    _state = ConnectionState.NotConfigured;
                }

                if (!Has(NotConfiguredLoggedFlag))
                {
                    Set(NotConfiguredLoggedFlag, true);
                    log = true;
                }
            }

            if (log)
            {
                _log.Write(LogLevel.Info, "mqtt: no broker configured (1.2.2.1.2.1 is empty), idle");
            }

            return IdlePollMs;
        }

        private int Settle(MqttConnectOptions options, MqttConnectResult result)
        {
            long now = _clock.UptimeMilliseconds;
            bool up = false;
            bool closeNow = false;
            bool stale = false;
            bool stopped = false;
            int delay = 0;
            lock (_backoff)
            {
                if (_state == ConnectionState.Stopped)
                {
                    stopped = true;
                    closeNow = result == MqttConnectResult.Success;
                }
                else if (result == MqttConnectResult.Success && Has(ReconnectRequestedFlag))
                {
                    // The options changed while this connect ran: this session uses the old ones.
                    Set(ReconnectRequestedFlag, false);
                    _state = ConnectionState.Disconnected;
                    _nextAttemptAt = now;
                    _backoff.Reset();
                    closeNow = true;
                    stale = true;
                }
                else if (result == MqttConnectResult.Success && !Has(LostWhileConnectingFlag))
                {
                    _state = ConnectionState.Connected;
                    _current = options;
                    _connects++;
                    _backoff.Reset();
                    up = true;
                }
                else
                {
                    // A refusal, or a session reported lost before Connect even returned.
                    _state = ConnectionState.Disconnected;
                    delay = _backoff.NextDelay();
                    _nextAttemptAt = now + delay;
                    closeNow = result == MqttConnectResult.Success;
                }
            }

            if (closeNow)
            {
                // Whatever Connect opened is not wanted: leave the transport clean for the next attempt.
                SafeDisconnect();
            }

            if (stale)
            {
                _log.Write(LogLevel.Info, "mqtt: settings changed while connecting to " + MqttOptionsReader.Describe(options) + ", reconnecting");
                return 0;
            }

            if (stopped)
            {
                return IdlePollMs;
            }

            if (up)
            {
                _log.Write(LogLevel.Info, "mqtt: connected to " + MqttOptionsReader.Describe(options));
                NotifyConnected();
                return IdlePollMs;
            }

            string why = result == MqttConnectResult.Success ? "connection dropped at once" : MqttText.Describe(result);
            _log.Write(LogLevel.Warning, "mqtt: connect to " + MqttOptionsReader.Describe(options) + " failed: " + why + "; retry in " + delay.ToString() + " ms");
            return delay;
        }

        private MqttConnectResult SafeConnect(MqttConnectOptions options)
        {
            try
            {
                return _transport.Connect(options);
            }
            catch (Exception ex)
            {
                // Connect reports failures as codes by contract; a throwing adapter must not kill the connection thread.
                _log.Write(LogLevel.Warning, "mqtt: connect threw " + ex.Message);
                return MqttConnectResult.NetworkError;
            }
        }

        private void SafeDisconnect()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "mqtt: disconnect threw " + ex.Message);
            }
        }

        private void NotifyConnected()
        {
            IMqttSessionListener listener;
            lock (_backoff)
            {
                listener = _listener;
            }

            if (listener != null)
            {
                listener.OnConnected();
            }
        }

        private void NotifyDisconnected()
        {
            IMqttSessionListener listener;
            lock (_backoff)
            {
                listener = _listener;
            }

            if (listener != null)
            {
                listener.OnDisconnected();
            }
        }

        // Caller holds the lock.
        private bool Has(int flag)
        {
            return (_flags & flag) != 0;
        }

        // Caller holds the lock.
        private void Set(int flag, bool on)
        {
            _flags = on ? _flags | flag : _flags & ~flag;
        }

        private static int ToWait(long ms)
        {
            if (ms <= 0)
            {
                return 0;
            }

            return ms > int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
