using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.RemoteConfig
{
    /// <summary>
    /// MMS over MQTT: every message on the subscribe topic (property 1.2.2.1.2.4) is one MMS request,
    /// answered on the publish topic (1.2.2.1.2.5) plus <see cref="DeviceTopics.MmsResponseSuffix"/>
    /// at the configured QoS, by the same <see cref="MmsRequestHandler"/> the UART uses.
    /// </summary>
    /// <remarks>
    /// <para><b>Encoding.</b> A payload whose first byte is <c>AA</c> (the MMS SOM) is the raw
    /// message; anything else is ASCII hex, as MagTek's JavaScript SDK sends it (upper or lower case;
    /// white space around it is ignored). The answer goes back in the same form (hex in upper case).</para>
    /// <para><b>Bad input.</b> Retained messages (the broker replays them after every reconnect), empty
    /// payloads, hex of odd length or with other characters, and messages without a readable request
    /// header are dropped and counted (<see cref="RemoteCounters"/>);
    /// a message longer than the handler's maximum is answered <c>80 010102</c> when its header is
    /// readable. Nothing a broker delivers can stop the device: the UART and telemetry go on.</para>
    /// <para><b>Connection changes.</b> A request that changes how the device reaches its broker is
    /// answered first (under the old session, on the answer topic in force when the request arrived;
    /// the session drains it before reconnecting) and put on trial by the <see cref="ConnectionTrial"/>.</para>
    /// <para>Runs on the MQTT session's thread (<see cref="IMqttSessionClient"/>).</para>
    /// </remarks>
    public sealed class MmsMqttService : IMqttSessionClient, ISettingsListener
    {
        /// <summary>Least time between two lines about dropped messages: a flood must not flood the log.</summary>
        public const int DropLogIntervalMilliseconds = 10000;

        // _lastDropLogAt before the first line: no uptime is this small.
        private const long NeverLogged = long.MinValue;

        private readonly MqttSession _session;
        private readonly IClock _clock;
        private readonly MmsRequestHandler _handler;
        private readonly ConnectionTrial _trial;
        private readonly RemoteCounters _counters;
        private readonly ILog _log;
        private readonly object _topicSync = new object();

        // Made with the first request handled: a device never configured over MQTT keeps none.
        private SettingsApplyReport _report;

        private string _filter;
        private string _responseTopic;
        private int _qos;
        private long _droppedSinceLog;

        // When the last line about drops was written; NeverLogged before the first.
        private long _lastDropLogAt = NeverLogged;
        private string _lastDrop;

        /// <summary>Creates the service; it receives nothing until the session is given it as its client.</summary>
        /// <param name="session">Delivers the requests and carries the answers.</param>
        /// <param name="handler">Answers each request (the UART's handler: one request at a time across both).</param>
        /// <param name="settings">Source of the topics and the QoS; register the service as its listener.</param>
        /// <param name="trial">Puts remote connection changes on trial.</param>
        /// <param name="counters">Counts answered and dropped requests.</param>
        /// <param name="clock">Spaces the lines about dropped messages.</param>
        /// <param name="log">Where dropped messages are reported.</param>
        public MmsMqttService(MqttSession session, MmsRequestHandler handler, SettingsStore settings, ConnectionTrial trial, RemoteCounters counters, IClock clock, ILog log)
        {
            if (session == null)
            {
                throw new ArgumentNullException("session");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (trial == null)
            {
                throw new ArgumentNullException("trial");
            }

            if (counters == null)
            {
                throw new ArgumentNullException("counters");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _session = session;
            _clock = clock;
            _handler = handler;
            _trial = trial;
            _counters = counters;
            _log = log;
            ReadTopics(settings);
        }

        /// <inheritdoc />
        public string SubscriptionFilter
        {
            get
            {
                lock (_topicSync)
                {
                    return _filter;
                }
            }
        }

        /// <inheritdoc />
        public int SubscriptionQos
        {
            get
            {
                lock (_topicSync)
                {
                    return _qos;
                }
            }
        }

        /// <summary>Topic the answers go to: the publish topic plus <see cref="DeviceTopics.MmsResponseSuffix"/>.</summary>
        public string ResponseTopic
        {
            get
            {
                lock (_topicSync)
                {
                    return _responseTopic;
                }
            }
        }

        /// <inheritdoc />
        public void OnMessage(string topic, byte[] payload, bool retained)
        {
            // A request the broker kept would come back after every reconnect and be carried out
            // again each time (a retained Reset Device would restart the device after every boot).
            if (retained)
            {
                Drop("a retained message (the broker keeps it and would replay it after every reconnect)");
                return;
            }

            if (payload.Length == 0)
            {
                Drop("an empty message");
                return;
            }

            bool hex = payload[0] != MmsMessage.StartOfMessage;
            byte[] request = payload;
            if (hex)
            {
                HexText.DecodeResult decoded = HexText.TryDecode(payload, out request);
                if (decoded != HexText.DecodeResult.Ok)
                {
                    Drop(Describe(decoded));
                    return;
                }
            }

            // The answer goes where the host that asked is listening: a Set of the publish topic is
            // answered on the old answer topic, so the topic is taken before the request is handled.
            string responseTopic;
            lock (_topicSync)
            {
                responseTopic = _responseTopic;
            }

            // Only a request the handler applied may put the connection on trial: the report of an
            // earlier Set must not start a second trial from stale "before" values.
            byte[] response;
            bool handled = false;
            if (request.Length > _handler.MaxMessageLength)
            {
                response = _handler.RefuseTooLong(request, 0, request.Length);
            }
            else
            {
                handled = true;
                if (_report == null)
                {
                    _report = new SettingsApplyReport();
                }

                _trial.RemoteRequest(true);
                try
                {
                    response = _handler.Handle(request, 0, request.Length, _report);
                }
                finally
                {
                    _trial.RemoteRequest(false);
                }
            }

            if (response == null)
            {
                Drop("a message without a readable MMS request header");
                return;
            }

            // The answer goes out before anything reconnects: the session drains it first. Its QoS is
            // the one in force now (a Set of the QoS is answered at the new QoS).
            int qos;
            lock (_topicSync)
            {
                qos = _qos;
            }

            // Numbered by the requests answered so far, counted right after: the answers' own count.
            _session.Publish(responseTopic, hex ? HexText.Encode(response) : response, qos, false, null, _counters.Requests + 1);
            _counters.CountRequest();
            if (handled && _report.Before != null && _report.Changed.ContainsReachProperty())
            {
                _trial.Begin(_report.Before);
            }
        }

        /// <inheritdoc />
        public int Poll()
        {
            // The counters hold the total as last mirrored here, which is also what was last logged.
            long queueDrops = _session.InboundDropped;
            long mirrored = _counters.QueueDrops;
            _counters.SetQueueDrops(queueDrops);
            if (queueDrops > mirrored)
            {
                _droppedSinceLog += queueDrops - mirrored;
                _lastDrop = "messages arriving faster than they are answered";
            }

            SummariseDrops();
            return _trial.Poll();
        }

        /// <inheritdoc />
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            // A topic change reconnects the session, which subscribes again; the QoS of answers follows at once.
            if (changed.Contains(PropertyIndex.MqttSubscribeTopic) || changed.Contains(PropertyIndex.MqttPublishTopic) || changed.Contains(PropertyIndex.MqttQos))
            {
                ReadTopics(store);
            }
        }

        private void ReadTopics(SettingsStore settings)
        {
            SettingsSnapshot current = settings.Current;
            string filter = current.GetText(PropertyIndex.MqttSubscribeTopic);
            string response = current.GetText(PropertyIndex.MqttPublishTopic) + DeviceTopics.MmsResponseSuffix;
            byte qos = current.GetByte(PropertyIndex.MqttQos);
            lock (_topicSync)
            {
                _filter = filter;
                _responseTopic = response;

                // Range-checked: the store validates Sets, so anything else means a corrupt value.
                _qos = qos <= 2 ? qos : 0;
            }
        }

        private void Drop(string what)
        {
            _counters.CountDropped();
            _droppedSinceLog++;
            _lastDrop = what;
            SummariseDrops();
        }

        // The first drop is logged at once; later ones at most every DropLogIntervalMilliseconds, summed.
        private void SummariseDrops()
        {
            long now = _clock.UptimeMilliseconds;
            if (_droppedSinceLog == 0 || (_lastDropLogAt != NeverLogged && now - _lastDropLogAt < DropLogIntervalMilliseconds))
            {
                return;
            }

            _log.Write(LogLevel.Warning, "mms: dropped " + _droppedSinceLog.ToString() + " message(s) received over MQTT, the last: " + _lastDrop);
            _droppedSinceLog = 0;
            _lastDropLogAt = now;
        }

        private static string Describe(HexText.DecodeResult result)
        {
            switch (result)
            {
                case HexText.DecodeResult.Empty: return "an empty message";
                case HexText.DecodeResult.OddLength: return "hex text of odd length";
                default: return "a message that is neither MMS (AA) nor hex text";
            }
        }
    }
}
