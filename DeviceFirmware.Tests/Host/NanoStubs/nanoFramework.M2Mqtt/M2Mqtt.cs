using System.Collections;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    // m2mqtt:M2Mqtt/MqttSettings.cs
    public class MqttSettings
    {
        // m2mqtt:M2Mqtt/MqttSettings.cs (private constructor: one process-wide instance)
        private MqttSettings() { throw null; }

        // m2mqtt:M2Mqtt/MqttSettings.cs (default int.MaxValue: unbounded)
        public int InflightQueueSize { get { throw null; } set { throw null; } }
    }

    // m2mqtt:M2Mqtt/MqttClient.cs
    public class MqttClient : IMqttClient, System.IDisposable
    {
        // m2mqtt:M2Mqtt/MqttClient.cs (resolves brokerHostName with Dns.GetHostEntry in MqttNetworkChannel's constructor)
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished { add { throw null; } remove { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs (raised on the DispatchEventThread, after the QoS 1 PUBACK or QoS 2 PUBCOMP was sent)
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived { add { throw null; } remove { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs (raised on the DispatchEventThread when the SUBACK arrives)
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed { add { throw null; } remove { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs (raised on the DispatchEventThread when the UNSUBACK arrives)
        public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed { add { throw null; } remove { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed { add { throw null; } remove { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs (auto-property with a private setter)
        public bool IsConnected { get { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs (returns MqttSettings.Instance)
        public MqttSettings Settings { get { throw null; } }

        // m2mqtt:M2Mqtt/MqttClient.cs
        public MqttReasonCode Connect(
            string clientId,
            string username,
            string password,
            bool willRetain,
            MqttQoSLevel willQosLevel,
            bool willFlag,
            string willTopic,
            string willMessage,
            bool cleanSession,
            ushort keepAlivePeriod)
        {
            throw null;
        }

        // m2mqtt:M2Mqtt/MqttClient.cs (sends DISCONNECT, then closes on the dispatch thread)
        public void Disconnect() { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs (clears the in-flight, internal and event queues)
        public void Close() { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs
        public void Dispose() { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs (the only overload with a QoS level)
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs (enqueues the SUBSCRIBE into the in-flight queue and returns its message ID without
        // waiting; EnqueueInflight's result is ignored, so a full queue sends nothing and no SUBACK follows)
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw null; }

        // m2mqtt:M2Mqtt/MqttClient.cs (enqueues the UNSUBSCRIBE and returns its message ID without waiting)
        public ushort Unsubscribe(string[] topics) { throw null; }
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    // m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs (read at tag v5.1.220, commit 8208787; ErrorCode also has a public setter there)
    public class MqttClientException : System.Exception
    {
        // m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs
        public MqttClientException(MqttClientErrorCode errorCode) { throw null; }

        // m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs
        public MqttClientErrorCode ErrorCode { get { throw null; } }
    }

    // m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs (values from WillWrong = 1, in order)
    public enum MqttClientErrorCode
    {
        WillWrong = 1,
        KeepAliveWrong,
        TopicWildcard,
        TopicLength,
        QosNotAllowed,
        TopicsEmpty,
        QosLevelsEmpty,
        TopicsQosLevelsNotMatch,
        WrongBrokerMessage,
        WrongMessageId,
        InflightQueueFull,
        InvalidFlagBits,
        InvalidConnectFlags,
        InvalidClientId,
        InvalidProtocolName,
    }
}
