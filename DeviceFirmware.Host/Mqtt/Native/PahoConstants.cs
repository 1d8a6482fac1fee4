namespace DeviceFirmware.Host.Mqtt.Native;

/// <summary>
/// The #define values of /usr/include/MQTTClient.h and MQTTClientPersistence.h that the host code
/// uses. PahoLayoutTests compiles them against the header to prove they match.
/// </summary>
internal static class PahoConstants
{
    /// <summary>MQTTCLIENT_SUCCESS.</summary>
    public const int Success = 0;

    /// <summary>MQTTCLIENT_FAILURE (also what a socket error surfaces as).</summary>
    public const int Failure = -1;

    /// <summary>MQTTCLIENT_DISCONNECTED.</summary>
    public const int Disconnected = -3;

    /// <summary>MQTTCLIENT_MAX_MESSAGES_INFLIGHT.</summary>
    public const int MaxMessagesInflight = -4;

    /// <summary>MQTTCLIENT_BAD_UTF8_STRING.</summary>
    public const int BadUtf8String = -5;

    /// <summary>MQTTCLIENT_NULL_PARAMETER.</summary>
    public const int NullParameter = -6;

    /// <summary>MQTTCLIENT_TOPICNAME_TRUNCATED.</summary>
    public const int TopicNameTruncated = -7;

    /// <summary>MQTTCLIENT_BAD_STRUCTURE.</summary>
    public const int BadStructure = -8;

    /// <summary>MQTTCLIENT_BAD_QOS.</summary>
    public const int BadQos = -9;

    /// <summary>MQTTCLIENT_SSL_NOT_SUPPORTED.</summary>
    public const int SslNotSupported = -10;

    /// <summary>MQTTCLIENT_BAD_MQTT_VERSION.</summary>
    public const int BadMqttVersion = -11;

    /// <summary>MQTTCLIENT_BAD_PROTOCOL.</summary>
    public const int BadProtocol = -14;

    /// <summary>MQTTCLIENT_BAD_MQTT_OPTION.</summary>
    public const int BadMqttOption = -15;

    /// <summary>MQTTCLIENT_WRONG_MQTT_VERSION.</summary>
    public const int WrongMqttVersion = -16;

    /// <summary>MQTTCLIENT_0_LEN_WILL_TOPIC.</summary>
    public const int ZeroLengthWillTopic = -17;

    /// <summary>MQTT_BAD_SUBSCRIBE: what MQTTClient_subscribe returns when the broker refused (SUBACK 0x80).</summary>
    public const int BadSubscribe = 0x80;

    /// <summary>MQTTCLIENT_PERSISTENCE_NONE: in-flight state lives in memory only.</summary>
    public const int PersistenceNone = 1;

    /// <summary>MQTTVERSION_DEFAULT: try 3.1.1, then fall back to 3.1.</summary>
    public const int MqttVersionDefault = 0;

    /// <summary>MQTTVERSION_3_1_1.</summary>
    public const int MqttVersion311 = 4;

    /// <summary>MQTT_SSL_VERSION_DEFAULT.</summary>
    public const int SslVersionDefault = 0;
}
