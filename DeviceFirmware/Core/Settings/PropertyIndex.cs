namespace DeviceFirmware.Settings
{
    /// <summary>Table indices of the properties in <see cref="PropertyTable"/>, named for code that needs one value.</summary>
    public static class PropertyIndex
    {
        /// <summary>1.2.2.1.1.1 WLAN SSID.</summary>
        public const int WlanSsid = 0;

        /// <summary>1.2.2.1.1.2 WLAN password (write-only).</summary>
        public const int WlanPassword = 1;

        /// <summary>1.2.2.1.2.1 MQTT broker address.</summary>
        public const int MqttBroker = 2;

        /// <summary>1.2.2.1.2.2 MQTT port.</summary>
        public const int MqttPort = 3;

        /// <summary>1.2.2.1.2.3 MQTT QoS.</summary>
        public const int MqttQos = 4;

        /// <summary>1.2.2.1.2.4 MQTT subscribe topic.</summary>
        public const int MqttSubscribeTopic = 5;

        /// <summary>1.2.2.1.2.5 MQTT publish topic.</summary>
        public const int MqttPublishTopic = 6;

        /// <summary>1.2.2.1.2.6 MQTT client ID.</summary>
        public const int MqttClientId = 7;

        /// <summary>1.2.2.1.2.7 MQTT username.</summary>
        public const int MqttUsername = 8;

        /// <summary>1.2.2.1.2.8 MQTT password (write-only).</summary>
        public const int MqttPassword = 9;

        /// <summary>1.2.2.1.2.9 MQTT TLS peer common name.</summary>
        public const int MqttPeerName = 10;

        /// <summary>1.2.2.1.2.A MQTT keep-alive in seconds.</summary>
        public const int MqttKeepAlive = 11;
    }
}
