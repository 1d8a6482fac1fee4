using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The core's MQTT transport over nanoFramework.M2Mqtt 5.1 (MQTT 3.1.1).
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>One client per session.</b> <see cref="MqttClient"/> resolves the broker's name in its
    /// constructor and keeps that address for its lifetime, so a client is created in every
    /// <see cref="Connect"/> (the session connects only once the WLAN has an address). A new client
    /// also starts with empty queues, which is what the session's outbox expects.
    /// </para>
    /// <para>
    /// <b>Delivery reports.</b> M2Mqtt raises <c>MqttMsgPublished</c> with <c>IsPublished</c> true on
    /// PUBACK (QoS 1) or PUBCOMP (QoS 2), and false after its retries ran out; these become
    /// <see cref="IMqttTransportListener.OnDelivered"/> and
    /// <see cref="IMqttTransportListener.OnDeliveryFailed"/>. It raises nothing for QoS 0. When the
    /// connection closes, M2Mqtt's <c>Close</c> silently drops every queued message, so the transport
    /// reports <see cref="IMqttTransportListener.OnInflightLost"/> and the session sends them again
    /// after the reconnect. The transport keeps no message IDs: the session tracks them. It never
    /// reconnects by itself, and never from inside M2Mqtt's <c>ConnectionClosed</c> handler: the
    /// session's connection manager reconnects from its own thread.
    /// </para>
    /// <para>
    /// <b>Events.</b> M2Mqtt raises every event on one thread of its own (<c>DispatchEventThread</c>),
    /// and an exception that escapes a handler makes it close the connection. Every handler here
    /// therefore catches everything, and only records or hands on what happened: received messages go
    /// to <see cref="IMqttTransportListener.OnMessage"/> as M2Mqtt allocated them (a new array per
    /// message, which it does not touch again; an empty payload is an empty array), and the listener
    /// queues them.
    /// </para>
    /// <para>
    /// <b>Subscribe and Unsubscribe.</b> M2Mqtt's <c>Subscribe</c> and <c>Unsubscribe</c> only queue
    /// the request and return its message ID; the broker's answer arrives later as
    /// <c>MqttMsgSubscribed</c> (with the granted QoS, 0x80 for a refusal) or <c>MqttMsgUnsubscribed</c>.
    /// <see cref="Subscribe"/> and <see cref="Unsubscribe"/> wait for that answer, matched by message
    /// ID, for at most <see cref="AckTimeoutMilliseconds"/>. They run on the session's thread and never
    /// inside an M2Mqtt event, so the wait cannot hold up the thread that delivers the answer. M2Mqtt
    /// raises nothing when its retries for a SUBSCRIBE run out, or when its queue was full and the
    /// request was never sent; both end in the timeout.
    /// </para>
    /// <para>
    /// <b>Last Will.</b> <see cref="MqttConnectOptions.WillTopic"/> (null for none) goes to the
    /// ten-argument <c>Connect</c> with its text, QoS and retain flag. M2Mqtt refuses an empty will
    /// topic or message, so such options answer <see cref="MqttConnectResult.InvalidOptions"/>.
    /// </para>
    /// <para>
    /// <b>TLS.</b> Port 8883 (or <see cref="MqttConnectOptions.UseTls"/>) selects TLS 1.2. The broker's
    /// certificate must chain to a trusted CA: nanoFramework always trusts the CA certificates stored
    /// in the device's configuration (uploaded with <c>nanoff --networkdeployment</c> or Visual
    /// Studio's Device Explorer), and M2Mqtt adds the CA passed to the client. That CA is read once,
    /// at the first TLS connect, from the PEM file given to the constructor
    /// (<see cref="BoardConfiguration.BrokerCaCertificatePath"/>) if it exists; the string
    /// constructor of <see cref="X509Certificate"/> adds the NUL terminator mbedTLS needs to parse PEM.
    /// No client certificate is passed, so the SSL stream uses the device certificate stored in the
    /// configuration, if there is one. M2Mqtt uses the broker address given to the client for DNS,
    /// for SNI and for the certificate's name check; it has no separate peer name, so a
    /// <see cref="MqttConnectOptions.PeerName"/> that differs from the broker address cannot be
    /// honoured and is reported in the log.
    /// </para>
    /// <para>
    /// <b>Memory.</b> M2Mqtt's in-flight queue is unbounded by default. It holds outgoing messages
    /// (QoS 0 until sent, QoS 1 and 2 until acknowledged), SUBSCRIBE and UNSUBSCRIBE requests until
    /// answered, and received messages until acknowledged; what finds it full is dropped silently,
    /// received messages included. It is limited here to <see cref="MaxInflightMessages"/>, which the
    /// session never exceeds, plus <see cref="QueueHeadroom"/> entries for requests and received
    /// messages; a publish that finds the queue full anyway answers
    /// <see cref="MqttPublishResult.InflightFull"/>.
    /// </para>
    /// </remarks>
    public sealed class M2MqttTransport : IMqttTransport
    {
        /// <summary>
        /// QoS 1 and 2 messages the session may have unacknowledged at once. Small, because each holds
        /// its payload in the ESP32's managed heap.
        /// </summary>
        public const int MaxInflightMessages = 8;

        /// <summary>
        /// Entries of M2Mqtt's queue beyond <see cref="MaxInflightMessages"/>, for a SUBSCRIBE or
        /// UNSUBSCRIBE and for received messages while the session's window is full.
        /// </summary>
        public const int QueueHeadroom = 4;

        /// <summary>How long <see cref="Subscribe"/> and <see cref="Unsubscribe"/> wait for the broker's answer.</summary>
        public const int AckTimeoutMilliseconds = 10000;

        /// <summary>Highest MQTT QoS level.</summary>
        private const int MaxQos = 2;

        private const int MinPort = 1;
        private const int MaxPort = 0xFFFF;
        private const int MaxKeepAliveSeconds = 0xFFFF;

        // Answers kept until their waiter takes them: a late answer to a request that timed out must
        // not push out the one being waited for.
        private const int RecentAckCount = 4;
        private const int NoAck = -1;

        // What an UNSUBACK is recorded as; any granted QoS outside 0 to 2 means refused.
        private const int UnsubscribeAcknowledged = 0;
        private const int SubscribeRefused = (int)MqttQoSLevel.GrantedFailure;

        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly string _caPath;
        private readonly object _sync = new object();
        private readonly object _requestSync = new object();
        private readonly AutoResetEvent _ackArrived = new AutoResetEvent(false);
        private readonly int[] _ackIds = new int[RecentAckCount];
        private readonly int[] _ackResults = new int[RecentAckCount];
        private int _ackNext;
        private MqttClient _client;
        private MqttClient _connecting;
        private IMqttTransportListener _listener;

        // Touched only in Connect, on the session's thread.
        private bool _caRead;
        private X509Certificate _caCertificate;

        /// <summary>Creates the transport. No client exists until <see cref="Connect"/>.</summary>
        /// <param name="clock">Measures the wait for a SUBACK or UNSUBACK.</param>
        /// <param name="log">Where connection problems are reported.</param>
        /// <param name="caCertificatePath">
        /// PEM file of the CA that signed the broker's certificate, trusted in addition to the device's
        /// stored CA certificates; null, or a file that does not exist, for the stored ones only.
        /// </param>
        public M2MqttTransport(IClock clock, ILog log, string caCertificatePath)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _clock = clock;
            _log = log;
            _caPath = caCertificatePath;
            for (int i = 0; i < RecentAckCount; i++)
            {
                _ackIds[i] = NoAck;
            }
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = Current();
                return client != null && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public int MaxInflight
        {
            get { return MaxInflightMessages; }
        }

        /// <inheritdoc />
        /// <remarks>False: M2Mqtt queues the array itself and sends it later from its own thread.</remarks>
        public bool CopiesPayload
        {
            get { return false; }
        }

        /// <inheritdoc />
        public void SetListener(IMqttTransportListener listener)
        {
            lock (_sync)
            {
                _listener = listener;
            }
        }

        /// <inheritdoc />
        public MqttConnectResult Connect(MqttConnectOptions options)
        {
            if (!AreValid(options))
            {
                return MqttConnectResult.InvalidOptions;
            }

            // A caller reconnecting over a live session gets a clean start.
            Disconnect();

            bool secure = options.UseTls || options.Port == MqttConnectOptions.TlsPort;
            if (secure && options.PeerName != null && options.PeerName.Length > 0 && options.PeerName != options.Broker)
            {
                _log.Write(LogLevel.Warning, "MQTT: M2Mqtt verifies the certificate against \"" + options.Broker + "\", not the peer name \"" + options.PeerName + "\"");
            }

            X509Certificate ca = secure ? ReadCaCertificate() : null;
            MqttClient client;
            try
            {
                client = new MqttClient(options.Broker, options.Port, secure, ca, null, secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception ex)
            {
                // The constructor resolves the broker's name; this is a DNS failure.
                _log.Write(LogLevel.Warning, "MQTT: cannot resolve \"" + options.Broker + "\": " + ex.Message);
                return MqttConnectResult.NetworkError;
            }

            // MqttSettings is one instance for the whole process; setting it per client is harmless.
            client.Settings.InflightQueueSize = MaxInflightMessages + QueueHeadroom;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.MqttMsgSubscribed += OnSubscribed;
            client.MqttMsgUnsubscribed += OnUnsubscribed;
            client.ConnectionClosed += OnConnectionClosed;

            // M2Mqtt sends a user name or password flag whenever the string is not null.
            bool hasUser = options.Username != null && options.Username.Length > 0;
            string username = hasUser ? options.Username : null;
            string password = hasUser && options.Password != null && options.Password.Length > 0 ? options.Password : null;

            // M2Mqtt refuses a will retain flag without a will. The QoS was range-checked in AreValid.
            bool will = options.WillTopic != null;

            // Messages the broker sends right after its CONNACK (a kept session's queue) may be
            // dispatched before Connect returns; they are accepted from this client already.
            lock (_sync)
            {
                _connecting = client;
            }

            MqttReasonCode code;
            try
            {
                code = client.Connect(
                    options.ClientId,
                    username,
                    password,
                    will && options.WillRetain,
                    will ? (MqttQoSLevel)options.WillQos : MqttQoSLevel.AtMostOnce,
                    will,
                    will ? options.WillTopic : null,
                    will ? options.WillMessage : null,
                    options.CleanSession,
                    (ushort)options.KeepAliveSeconds);
            }
            catch (Exception ex)
            {
                // TCP, TLS or CONNACK timeout.
                _log.Write(LogLevel.Warning, "MQTT: connect to " + options.Broker + ":" + options.Port.ToString() + " failed: " + ex.Message
                    + (secure ? " (TLS: the broker's certificate must name \"" + options.Broker + "\" and chain to a trusted CA)" : string.Empty));
                EndConnecting(null);
                Discard(client);
                return MqttConnectResult.NetworkError;
            }

            if (code != MqttReasonCode.Success)
            {
                EndConnecting(null);
                Discard(client);
                return MapRefusal(code);
            }

            EndConnecting(client);
            return MqttConnectResult.Success;
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            MqttClient client;
            IMqttTransportListener listener;
            lock (_sync)
            {
                client = _client;
                _client = null;
                listener = _listener;
            }

            if (client == null)
            {
                return;
            }

            // _client is already null, so the ConnectionClosed that follows is ignored.
            try
            {
                client.Disconnect();
            }
            catch (Exception)
            {
                // The socket was already gone; close what is left.
                Discard(client);
            }

            // Close drops every queued message.
            ReportInflightLost(listener);
        }

        /// <inheritdoc />
        /// <remarks>Waits up to <see cref="AckTimeoutMilliseconds"/> for the SUBACK.</remarks>
        public MqttSubscribeResult Subscribe(string topicFilter, int qos)
        {
            // Checked before the cast: MqttQoSLevel also has GrantedFailure (0x80), which is no request.
            if (topicFilter == null || topicFilter.Length == 0 || qos < 0 || qos > MaxQos)
            {
                return MqttSubscribeResult.Failed;
            }

            lock (_requestSync)
            {
                MqttClient client = Current();
                if (client == null || !client.IsConnected)
                {
                    return MqttSubscribeResult.NotConnected;
                }

                int messageId;
                try
                {
                    messageId = client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { (MqttQoSLevel)qos });
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, "MQTT: subscribe to " + topicFilter + " not sent: " + ex.Message);
                    return MqttSubscribeResult.Failed;
                }

                int granted = WaitForAck(client, messageId);
                if (granted == NoAck)
                {
                    _log.Write(LogLevel.Warning, "MQTT: no SUBACK for " + topicFilter + " within " + AckTimeoutMilliseconds.ToString() + " ms");
                    return MqttSubscribeResult.Failed;
                }

                return granted >= 0 && granted <= MaxQos ? MqttSubscribeResult.Subscribed : MqttSubscribeResult.Refused;
            }
        }

        /// <inheritdoc />
        /// <remarks>Waits up to <see cref="AckTimeoutMilliseconds"/> for the UNSUBACK; false without one.</remarks>
        public bool Unsubscribe(string topicFilter)
        {
            if (topicFilter == null || topicFilter.Length == 0)
            {
                return false;
            }

            lock (_requestSync)
            {
                MqttClient client = Current();
                if (client == null || !client.IsConnected)
                {
                    return false;
                }

                int messageId;
                try
                {
                    messageId = client.Unsubscribe(new string[] { topicFilter });
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, "MQTT: unsubscribe from " + topicFilter + " not sent: " + ex.Message);
                    return false;
                }

                if (WaitForAck(client, messageId) == NoAck)
                {
                    _log.Write(LogLevel.Warning, "MQTT: no UNSUBACK for " + topicFilter + " within " + AckTimeoutMilliseconds.ToString() + " ms");
                    return false;
                }

                return true;
            }
        }

        /// <inheritdoc />
        public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
        {
            messageId = 0;

            // Checked before the cast: MqttQoSLevel also has GrantedFailure (0x80), which is no publish level.
            if (qos < 0 || qos > MaxQos || topic == null || topic.Length == 0 || payload == null)
            {
                return MqttPublishResult.Rejected;
            }

            MqttClient client = Current();
            if (client == null || !client.IsConnected)
            {
                return MqttPublishResult.NotConnected;
            }

            try
            {
                // The six-argument overload is the only one that takes a QoS level and the retain flag.
                ushort id = client.Publish(topic, payload, null, null, (MqttQoSLevel)qos, retain);
                messageId = qos == 0 ? 0 : id;
                return MqttPublishResult.Accepted;
            }
            catch (MqttClientException ex)
            {
                return ex.ErrorCode == MqttClientErrorCode.InflightQueueFull ? MqttPublishResult.InflightFull : MqttPublishResult.Rejected;
            }
            catch (Exception)
            {
                return MqttPublishResult.Rejected;
            }
        }

        private MqttClient Current()
        {
            lock (_sync)
            {
                return _client;
            }
        }

        private void EndConnecting(MqttClient connected)
        {
            lock (_sync)
            {
                _connecting = null;
                _client = connected;

                // A new client numbers its messages afresh: late answers to the old one's requests go.
                for (int i = 0; i < RecentAckCount; i++)
                {
                    _ackIds[i] = NoAck;
                }
            }
        }

        // The session's thread: the answer to request messageId of client, or NoAck after the timeout
        // or once the client is gone. The answer may have come before this is called.
        private int WaitForAck(MqttClient client, int messageId)
        {
            long deadline = _clock.UptimeMilliseconds + AckTimeoutMilliseconds;
            while (true)
            {
                lock (_sync)
                {
                    for (int i = 0; i < RecentAckCount; i++)
                    {
                        if (_ackIds[i] == messageId)
                        {
                            _ackIds[i] = NoAck;
                            return _ackResults[i];
                        }
                    }

                    if (_client != client)
                    {
                        return NoAck;
                    }
                }

                long remaining = deadline - _clock.UptimeMilliseconds;
                if (remaining <= 0)
                {
                    return NoAck;
                }

                _ackArrived.WaitOne((int)remaining, false);
            }
        }

        // M2Mqtt's event thread.
        private void RecordAck(object sender, int messageId, int result)
        {
            lock (_sync)
            {
                if (sender != _client)
                {
                    return;
                }

                _ackIds[_ackNext] = messageId;
                _ackResults[_ackNext] = result;
                _ackNext = (_ackNext + 1) % RecentAckCount;
            }

            _ackArrived.Set();
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            try
            {
                // One filter per SUBSCRIBE, so one granted level.
                MqttQoSLevel[] granted = e.GrantedQoSLevels;
                int result = granted != null && granted.Length > 0 ? (int)granted[0] : SubscribeRefused;
                RecordAck(sender, e.MessageId, result);
            }
            catch (Exception)
            {
                // An exception here would make M2Mqtt close the connection; the waiter times out instead.
            }
        }

        private void OnUnsubscribed(object sender, MqttMsgUnsubscribedEventArgs e)
        {
            try
            {
                RecordAck(sender, e.MessageId, UnsubscribeAcknowledged);
            }
            catch (Exception)
            {
                // As in OnSubscribed.
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            try
            {
                IMqttTransportListener listener;
                lock (_sync)
                {
                    if (sender != _client && sender != _connecting)
                    {
                        return;
                    }

                    listener = _listener;
                }

                if (listener == null)
                {
                    return;
                }

                byte[] payload = e.Message;
                listener.OnMessage(e.Topic, payload == null ? new byte[0] : payload, e.Retain);
            }
            catch (Exception ex)
            {
                // The message is lost (QoS 1 and 2 were already acknowledged), the connection is not.
                SafeLog("MQTT: a received message was dropped: " + ex.Message);
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            try
            {
                IMqttTransportListener listener;
                lock (_sync)
                {
                    // Events of a client that was already replaced are stale: its loss was reported.
                    if (sender != _client)
                    {
                        return;
                    }

                    listener = _listener;
                }

                if (listener == null)
                {
                    return;
                }

                if (e.IsPublished)
                {
                    listener.OnDelivered(e.MessageId);
                }
                else
                {
                    listener.OnDeliveryFailed(e.MessageId);
                }
            }
            catch (Exception ex)
            {
                SafeLog("MQTT: a delivery report failed: " + ex.Message);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            try
            {
                IMqttTransportListener listener;
                lock (_sync)
                {
                    if (sender != _client)
                    {
                        // A client this transport closed on purpose, or an older one.
                        return;
                    }

                    _client = null;
                    listener = _listener;
                }

                // Wakes a Subscribe or Unsubscribe waiting for an answer that will not come.
                _ackArrived.Set();

                // M2Mqtt has already closed the client and dropped its queues. Reconnecting is the
                // connection manager's job.
                _log.Write(LogLevel.Warning, "MQTT: connection lost");
                ReportInflightLost(listener);
                if (listener != null)
                {
                    listener.OnConnectionLost("connection closed by the network or the broker");
                }
            }
            catch (Exception ex)
            {
                SafeLog("MQTT: reporting the lost connection failed: " + ex.Message);
            }
        }

        // Reads the broker's CA once, at the first TLS connect. Null: only the device's stored CAs are trusted.
        private X509Certificate ReadCaCertificate()
        {
            if (_caRead)
            {
                return _caCertificate;
            }

            _caRead = true;
            if (_caPath == null || _caPath.Length == 0)
            {
                return null;
            }

            try
            {
                if (!File.Exists(_caPath))
                {
                    _log.Write(LogLevel.Info, "MQTT: no " + _caPath + "; TLS trusts the CA certificates stored in the device's configuration");
                    return null;
                }

                // The string constructor appends the NUL that mbedTLS needs to parse PEM, and parses it now.
                _caCertificate = new X509Certificate(File.ReadAllText(_caPath));
                _log.Write(LogLevel.Info, "MQTT: TLS trusts " + _caPath + " (" + _caCertificate.Subject + ") and the device's stored CA certificates");
            }
            catch (Exception ex)
            {
                _caCertificate = null;
                _log.Write(LogLevel.Error, "MQTT: " + _caPath + " is not a usable PEM certificate (" + ex.Message + "); TLS trusts only the device's stored CA certificates");
            }

            return _caCertificate;
        }

        private void Discard(MqttClient client)
        {
            try
            {
                client.MqttMsgPublished -= OnPublished;
                client.MqttMsgPublishReceived -= OnPublishReceived;
                client.MqttMsgSubscribed -= OnSubscribed;
                client.MqttMsgUnsubscribed -= OnUnsubscribed;
                client.ConnectionClosed -= OnConnectionClosed;
                client.Close();
            }
            catch (Exception)
            {
                // Closing a half-open client is best effort.
            }
        }

        private void SafeLog(string message)
        {
            try
            {
                _log.Write(LogLevel.Error, message);
            }
            catch (Exception)
            {
                // Nothing may leave an M2Mqtt event handler.
            }
        }

        private static void ReportInflightLost(IMqttTransportListener listener)
        {
            if (listener != null)
            {
                listener.OnInflightLost();
            }
        }

        private static bool AreValid(MqttConnectOptions options)
        {
            if (options == null
                || options.Broker == null || options.Broker.Length == 0
                || options.ClientId == null || options.ClientId.Length == 0
                || options.Port < MinPort || options.Port > MaxPort
                || options.KeepAliveSeconds < 0 || options.KeepAliveSeconds > MaxKeepAliveSeconds)
            {
                return false;
            }

            // M2Mqtt throws WillWrong for an empty will topic or message, or a QoS above 2.
            return options.WillTopic == null
                || (options.WillTopic.Length > 0
                    && options.WillMessage != null && options.WillMessage.Length > 0
                    && options.WillQos >= 0 && options.WillQos <= MaxQos);
        }

        private static MqttConnectResult MapRefusal(MqttReasonCode code)
        {
            // MQTT 3.1.1 CONNACK return codes 1 to 5 have the same numbers in MqttConnectResult;
            // range-checked before the cast.
            int value = (int)code;
            if (value >= (int)MqttConnectResult.RefusedProtocolVersion && value <= (int)MqttConnectResult.RefusedNotAuthorized)
            {
                return (MqttConnectResult)value;
            }

            return MqttConnectResult.RefusedServerUnavailable;
        }
    }
}
