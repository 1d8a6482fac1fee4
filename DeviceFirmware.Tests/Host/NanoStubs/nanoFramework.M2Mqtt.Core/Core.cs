using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs (members not used by the firmware are left out;
    // the delegates are nested in the interface, which is why MqttClient's events are typed IMqttClient.X)
    public interface IMqttClient
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void ConnectionClosedEventHandler(object sender, System.EventArgs e);
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/MqttSslProtocols.cs (members in source order, no explicit values)
    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttQoSLevel.cs (read at tag v5.1.220: no underlying type given, so int)
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttReasonCode.cs (only the values the firmware names)
    public enum MqttReasonCode
    {
        Success = 0x00,
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        ConnectionRefusedIdentifierRejected = 0x02,
        ConnectionRefusedServerUnavailable = 0x03,
        ConnectionRefusedBadUserNameOrPassword = 0x04,
        ConnectionRefusedNotAuthorized = 0x05,
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs (DupFlag and QosLevel are left out)
    public class MqttMsgPublishEventArgs : System.EventArgs
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { throw null; }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs (internal setter)
        public string Topic { get { throw null; } }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs (internal setter; M2Mqtt/Messages/MqttMsgPublish.cs
        // Parse allocates a new array per message, empty for an empty payload)
        public byte[] Message { get { throw null; } }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs (internal setter)
        public bool Retain { get { throw null; } }
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs
    public class MqttMsgSubscribedEventArgs : System.EventArgs
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs
        public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels) { throw null; }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs (internal setter)
        public ushort MessageId { get { throw null; } }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs (internal setter; GrantedFailure = 0x80 for a refused filter)
        public MqttQoSLevel[] GrantedQoSLevels { get { throw null; } }
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgUnsubscribedEventArgs.cs
    public class MqttMsgUnsubscribedEventArgs : System.EventArgs
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgUnsubscribedEventArgs.cs
        public MqttMsgUnsubscribedEventArgs(ushort messageId) { throw null; }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgUnsubscribedEventArgs.cs (get-only)
        public ushort MessageId { get { throw null; } }
    }

    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs
    public class MqttMsgPublishedEventArgs : System.EventArgs
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) { throw null; }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs
        public ushort MessageId { get { throw null; } }

        // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs (false: retries exhausted)
        public bool IsPublished { get { throw null; } }
    }
}
