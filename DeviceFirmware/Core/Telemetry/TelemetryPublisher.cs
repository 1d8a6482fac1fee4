using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// The telemetry loop: every interval it numbers a new message, takes the QoS from property
    /// 1.2.2.1.2.3 at that moment, builds the payload and hands it to the <see cref="MqttSession"/>
    /// for the topic in 1.2.2.1.2.5 plus <see cref="TopicSuffix"/>. It only builds and schedules
    /// messages: sending, queueing and delivery are the session's.
    /// </summary>
    /// <remarks>
    /// The QoS is read for every message, so a Set of 1.2.2.1.2.3 applies to the next message without
    /// a reconnect (QoS belongs to each PUBLISH, not to the session), while messages already queued
    /// keep the QoS they were created with. Never blocks on the network: the connection manager's
    /// Connect runs elsewhere, and meanwhile messages are dropped (QoS 0) or queued (QoS 1/2).
    /// </remarks>
    public sealed class TelemetryPublisher : IPollable, ISettingsListener
    {
        /// <summary>The first word of the session's log lines about telemetry messages.</summary>
        public const string LogSource = "telemetry";

        /// <summary>Appended to the publish topic (<see cref="DeviceTopics.TelemetrySuffix"/>).</summary>
        public const string TopicSuffix = DeviceTopics.TelemetrySuffix;

        /// <summary>Highest QoS MQTT defines.</summary>
        public const int MaxQos = 2;

        // _nextDueAt before the first Poll: no uptime is this small.
        private const long NotScheduled = long.MinValue;

        private readonly SettingsStore _settings;

        // Also the lock of _topic, separate from the gate so a settings change never waits for a
        // Publish in progress: the builder is this publisher's alone and never locks itself (a
        // dedicated lock object would cost two heap blocks).
        private readonly TelemetryPayloadBuilder _payload;
        private readonly MqttSession _session;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly WakeSignal _wake = new WakeSignal();

        // Filled for each payload, so producing a message allocates only the payload. Also the gate
        // that serialises production: a private object, never handed out (a dedicated lock object
        // would cost two heap blocks).
        private readonly OutboxCounters _counters = new OutboxCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);

        private string _topic;
        private RemoteCounters _remote;
        private int _intervalMs;
        private long _sequence;

        // When the next message is due; NotScheduled until the first Poll.
        private long _nextDueAt = NotScheduled;
        private bool _badQosLogged;

        /// <summary>Creates the loop; the first message is produced one interval after the first <see cref="Poll"/>.</summary>
        /// <param name="settings">Source of the QoS and the publish topic.</param>
        /// <param name="payload">Builds each payload.</param>
        /// <param name="session">Publishes, queues or drops each message.</param>
        /// <param name="clock">Monotonic time, for the interval and the payload's uptime.</param>
        /// <param name="log">Where problems are logged (publishes are logged by the session).</param>
        /// <param name="intervalMs">Time between messages, at least 1 ms.</param>
        public TelemetryPublisher(SettingsStore settings, TelemetryPayloadBuilder payload, MqttSession session, IClock clock, ILog log, int intervalMs)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (payload == null)
            {
                throw new ArgumentNullException("payload");
            }

            if (session == null)
            {
                throw new ArgumentNullException("session");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            CheckInterval(intervalMs);
            _settings = settings;
            _payload = payload;
            _session = session;
            _clock = clock;
            _log = log;
            _intervalMs = intervalMs;
            _topic = ReadTopic(settings);
        }

        /// <inheritdoc />
        public WakeSignal Wake
        {
            get { return _wake; }
        }

        /// <summary>Time between messages in milliseconds. A change applies from the next scheduled message on.</summary>
        public int IntervalMilliseconds
        {
            get
            {
                lock (_counters)
                {
                    return _intervalMs;
                }
            }

            set
            {
                CheckInterval(value);
                lock (_counters)
                {
                    _intervalMs = value;
                }
            }
        }

        /// <summary>Remote configuration's counters, reported in every payload; null reports zeros.</summary>
        public RemoteCounters RemoteCounters
        {
            get { return _remote; }
            set { _remote = value; }
        }

        /// <summary>Sequence number of the last message produced; 0 before the first.</summary>
        public long LastSequence
        {
            get
            {
                lock (_counters)
                {
                    return _sequence;
                }
            }
        }

        /// <summary>Topic telemetry goes to now: the publish topic property plus <see cref="TopicSuffix"/>.</summary>
        public string Topic
        {
            get
            {
                lock (_payload)
                {
                    return _topic;
                }
            }
        }

        /// <summary>
        /// Produces a message if one is due. Never blocks on the network beyond a transport's Publish call.
        /// </summary>
        /// <returns>Milliseconds until the next message is due (0: at once).</returns>
        public int Poll()
        {
            lock (_counters)
            {
                long now = _clock.UptimeMilliseconds;
                if (_nextDueAt == NotScheduled)
                {
                    // The first message waits one interval, giving the connection a head start, so
                    // a QoS 0 device does not drop its first message at every boot.
                    _nextDueAt = now + _intervalMs;
                }

                if (now >= _nextDueAt)
                {
                    Produce(now);

                    // Keep the cadence, but after a long stall produce one message, not a burst.
                    _nextDueAt += _intervalMs;
                    if (_nextDueAt <= now)
                    {
                        _nextDueAt = now + _intervalMs;
                    }
                }

                long wait = _nextDueAt - now;
                return wait > int.MaxValue ? int.MaxValue : (int)wait;
            }
        }

        /// <summary>Returns the QoS a message created now gets: property 1.2.2.1.2.3, range-checked (0 if corrupt).</summary>
        public int CurrentQos()
        {
            byte qos = _settings.GetByte(PropertyIndex.MqttQos);
            if (qos <= MaxQos)
            {
                return qos;
            }

            // The store validates Sets, so this means a corrupt value; fall back to the default once-logged.
            if (!_badQosLogged)
            {
                _badQosLogged = true;
                _log.Write(LogLevel.Warning, "telemetry: QoS property holds " + qos.ToString() + ", using 0");
            }

            return 0;
        }

        /// <summary>Picks up a new publish topic; QoS needs nothing here because it is read per message.</summary>
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            if (changed.Contains(PropertyIndex.MqttPublishTopic))
            {
                string topic = ReadTopic(store);
                lock (_payload)
                {
                    _topic = topic;
                }
            }
        }

        private void Produce(long now)
        {
            long sequence = ++_sequence;
            int qos = CurrentQos();
            _session.ReadCounters(_counters);

            // A QoS 0 payload is gone once Publish returns, so a copying transport lets it reuse one array.
            byte[] payload = qos == 0 && _session.CopiesPayload
                ? _payload.BuildShared(sequence, now, qos, _counters, _remote)
                : _payload.Build(sequence, now, qos, _counters, _remote);
            _session.Publish(Topic, payload, qos, false, LogSource, sequence);
        }

        private static string ReadTopic(SettingsStore settings)
        {
            return settings.GetText(PropertyIndex.MqttPublishTopic) + TopicSuffix;
        }

        private static void CheckInterval(int intervalMs)
        {
            if (intervalMs < 1)
            {
                throw new ArgumentOutOfRangeException("intervalMs");
            }
        }
    }
}
