using System;
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
    /// <b>TLS.</b> Port 8883 (or <see cref="MqttConnectOptions.UseTls"/>) selects TLS 1.2. No CA and
    /// no client certificate are passed: M2Mqtt then asks the SSL stream to use the client
    /// certificate stored in the device's configuration, if there is one, and the server's certificate
    /// must verify against what the device has. M2Mqtt always checks the certificate against the
    /// broker address given to the client; it has no separate peer name, so a
    /// <see cref="MqttConnectOptions.PeerName"/> that differs from the broker address cannot be honoured
    /// and is reported in the log.
    /// </para>
    /// <para>
    /// <b>Memory.</b> M2Mqtt's in-flight queue is unbounded by default; it is limited here to
    /// <see cref="MaxInflightMessages"/> messages, which the session never exceeds; a publish that finds
    /// the queue full anyway (QoS 0 messages wait there too until sent) answers
    /// <see cref="MqttPublishResult.InflightFull"/>.
    /// </para>
    /// </remarks>
    public sealed class M2MqttTransport : IMqttTransport
    {
        /// <summary>
        /// Messages M2Mqtt may hold at once (QoS 0 until sent, QoS 1 and 2 until acknowledged).
        /// Small, because each holds its payload in the ESP32's managed heap.
        /// </summary>
        public const int MaxInflightMessages = 8;

        /// <summary>Highest MQTT QoS level.</summary>
        private const int MaxQos = 2;

        private const int MinPort = 1;
        private const int MaxPort = 0xFFFF;
        private const int MaxKeepAliveSeconds = 0xFFFF;

        private readonly ILog _log;
        private readonly object _sync = new object();
        private MqttClient _client;
        private IMqttTransportListener _listener;

        /// <summary>Creates the transport. No client exists until <see cref="Connect"/>.</summary>
        /// <param name="log">Where connection problems are reported.</param>
        public M2MqttTransport(ILog log)
        {
            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _log = log;
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client;
                lock (_sync)
                {
                    client = _client;
                }

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

            MqttClient client;
            try
            {
                client = new MqttClient(options.Broker, options.Port, secure, null, null, secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception ex)
            {
                // The constructor resolves the broker's name; this is a DNS failure.
                _log.Write(LogLevel.Warning, "MQTT: cannot resolve \"" + options.Broker + "\": " + ex.Message);
                return MqttConnectResult.NetworkError;
            }

            // MqttSettings is one instance for the whole process; setting it per client is harmless.
            client.Settings.InflightQueueSize = MaxInflightMessages;
            client.MqttMsgPublished += OnPublished;
            client.ConnectionClosed += OnConnectionClosed;

            // M2Mqtt sends a user name or password flag whenever the string is not null.
            bool hasUser = options.Username != null && options.Username.Length > 0;
            string username = hasUser ? options.Username : null;
            string password = hasUser && options.Password != null && options.Password.Length > 0 ? options.Password : null;

            MqttReasonCode code;
            try
            {
                code = client.Connect(
                    options.ClientId,
                    username,
                    password,
                    false,
                    MqttQoSLevel.AtMostOnce,
                    false,
                    null,
                    null,
                    options.CleanSession,
                    (ushort)options.KeepAliveSeconds);
            }
            catch (Exception ex)
            {
                // TCP, TLS or CONNACK timeout.
                _log.Write(LogLevel.Warning, "MQTT: connect to " + options.Broker + ":" + options.Port.ToString() + " failed: " + ex.Message);
                Discard(client);
                return MqttConnectResult.NetworkError;
            }

            if (code != MqttReasonCode.Success)
            {
                Discard(client);
                return MapRefusal(code);
            }

            lock (_sync)
            {
                _client = client;
            }

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
        public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
        {
            messageId = 0;

            // Checked before the cast: MqttQoSLevel also has GrantedFailure (0x80), which is no publish level.
            if (qos < 0 || qos > MaxQos || topic == null || topic.Length == 0 || payload == null)
            {
                return MqttPublishResult.Rejected;
            }

            MqttClient client;
            lock (_sync)
            {
                client = _client;
            }

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

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
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

        private void OnConnectionClosed(object sender, EventArgs e)
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

            // M2Mqtt has already closed the client and dropped its queues. Reconnecting is the
            // connection manager's job.
            _log.Write(LogLevel.Warning, "MQTT: connection lost");
            ReportInflightLost(listener);
            if (listener != null)
            {
                listener.OnConnectionLost("connection closed by the network or the broker");
            }
        }

        private void Discard(MqttClient client)
        {
            try
            {
                client.MqttMsgPublished -= OnPublished;
                client.ConnectionClosed -= OnConnectionClosed;
                client.Close();
            }
            catch (Exception)
            {
                // Closing a half-open client is best effort.
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
            return options != null
                && options.Broker != null && options.Broker.Length > 0
                && options.ClientId != null && options.ClientId.Length > 0
                && options.Port >= MinPort && options.Port <= MaxPort
                && options.KeepAliveSeconds >= 0 && options.KeepAliveSeconds <= MaxKeepAliveSeconds;
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
