namespace DeviceFirmware.Mqtt
{
    /// <summary>What a transport needs to open a session, read from the MQTT properties.</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>Port that means TLS, per the property table.</summary>
        public const int TlsPort = 8883;

        /// <summary>Broker host name or IP address.</summary>
        public string Broker { get; set; }

        /// <summary>TCP port.</summary>
        public int Port { get; set; }

        /// <summary>True when the session runs over TLS (port 8883).</summary>
        public bool UseTls { get; set; }

        /// <summary>Name the broker's certificate must carry; the broker address when empty.</summary>
        public string PeerName { get; set; }

        /// <summary>MQTT client identifier.</summary>
        public string ClientId { get; set; }

        /// <summary>User name, or empty for none.</summary>
        public string Username { get; set; }

        /// <summary>Password, or empty for none.</summary>
        public string Password { get; set; }

        /// <summary>Keep-alive in seconds; 0 disables it.</summary>
        public int KeepAliveSeconds { get; set; }

        /// <summary>False to ask the broker to keep the session (and in-flight QoS 1/2 state) across reconnects.</summary>
        public bool CleanSession { get; set; }

        /// <summary>Topic of the Last Will the broker publishes when the session ends without a DISCONNECT; null for none.</summary>
        public string WillTopic { get; set; }

        /// <summary>Text of the Last Will (UTF-8, not empty: M2Mqtt refuses an empty will).</summary>
        public string WillMessage { get; set; }

        /// <summary>QoS of the Last Will, 0 to 2.</summary>
        public int WillQos { get; set; }

        /// <summary>Whether the broker keeps the Last Will as the topic's retained message.</summary>
        public bool WillRetain { get; set; }
    }
}
