using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs (members not used by the firmware are left out;
    // the delegates are nested in the interface, which is why MqttClient's events are typed IMqttClient.X)
    public interface IMqttClient
    {
        // m2mqtt:nanoFramework.M2Mqtt.Core/IMqttClient.cs
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

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
    // m2mqtt:nanoFramework.M2Mqtt.Core/Messages/MqttQoSLevel.cs (per shared/reference/nanoframework.md §1)
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
