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
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    // m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs (listed in M2Mqtt/nanoFramework.M2Mqtt.nfproj; the
    // file itself is not in the index: constructor and ErrorCode as in the predecessor
    // nanoframework/paho.mqtt.m2mqtt:M2Mqtt/Exceptions/MqttClientException.cs; MqttClient.cs throws
    // `new MqttClientException(MqttClientErrorCode.InflightQueueFull)`)
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
