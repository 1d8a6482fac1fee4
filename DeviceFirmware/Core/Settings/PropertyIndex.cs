namespace DeviceFirmware.Settings
{
    /// <summary>Table indices of the properties in <see cref="PropertyTable"/>, named for code that needs one value.</summary>
    public static class PropertyIndex
    {
        /// <summary>1.2.2.1.1.1 WLAN SSID.</summary>
        public const int WlanSsid = 0;

        /// <summary>1.2.2.1.1.2 WLAN password (write-only).</summary>
        public const int WlanPassword = 1;

        /// <summary>1.2.2.1.1.3 WLAN security mode (fixed: PSK).</summary>
        public const int WlanSecurityMode = 2;

        /// <summary>1.2.2.1.1.5 WLAN Use DHCP (fixed: DHCP).</summary>
        public const int WlanDhcp = 3;

        /// <summary>1.2.2.1.1.11 WLAN protocol (fixed: MQTT).</summary>
        public const int WlanProtocol = 4;

        /// <summary>1.2.2.1.2.1 MQTT broker address.</summary>
        public const int MqttBroker = 5;

        /// <summary>1.2.2.1.2.2 MQTT port.</summary>
        public const int MqttPort = 6;

        /// <summary>1.2.2.1.2.3 MQTT QoS.</summary>
        public const int MqttQos = 7;

        /// <summary>1.2.2.1.2.4 MQTT subscribe topic.</summary>
        public const int MqttSubscribeTopic = 8;

        /// <summary>1.2.2.1.2.5 MQTT publish topic.</summary>
        public const int MqttPublishTopic = 9;

        /// <summary>1.2.2.1.2.6 MQTT client ID.</summary>
        public const int MqttClientId = 10;

        /// <summary>1.2.2.1.2.7 MQTT username.</summary>
        public const int MqttUsername = 11;

        /// <summary>1.2.2.1.2.8 MQTT password (write-only).</summary>
        public const int MqttPassword = 12;

        /// <summary>1.2.2.1.2.9 MQTT TLS peer common name.</summary>
        public const int MqttPeerName = 13;

        /// <summary>1.2.2.1.2.A MQTT keep-alive in seconds.</summary>
        public const int MqttKeepAlive = 14;

        /// <summary>2.1.2.1.1.2 Boot 1 firmware version (read-only).</summary>
        public const int BootFirmwareVersion = 15;

        /// <summary>2.1.2.2.2.1 Device model name (read-only).</summary>
        public const int ModelName = 16;

        /// <summary>2.1.2.2.2.2 Main firmware version (read-only).</summary>
        public const int MainFirmwareVersion = 17;

        /// <summary>2.2.1.1.1.1 Device serial number (read-only).</summary>
        public const int SerialNumber = 18;

        /// <summary>True for the WLAN credentials (SSID and password): a change makes the board join again.</summary>
        public static bool IsWlanProperty(int index)
        {
            return index == WlanSsid || index == WlanPassword;
        }

        /// <summary>
        /// True for the properties of the MQTT session: everything of 1.2.2.1.2 but the QoS. A change
        /// makes the session reconnect; the topics count because the subscription and the Last Will
        /// (on the status topic) belong to the session. The QoS belongs to each message.
        /// </summary>
        public static bool IsSessionProperty(int index)
        {
            return index == MqttBroker || index == MqttPort || index == MqttClientId || index == MqttUsername
                || index == MqttPassword || index == MqttPeerName || index == MqttKeepAlive
                || index == MqttSubscribeTopic || index == MqttPublishTopic;
        }

        /// <summary>
        /// True for what decides whether the device reaches its broker and can be reached there: the
        /// WLAN credentials and the session properties. A remote change of these is tried and rolled
        /// back if no broker is reached with it.
        /// </summary>
        public static bool IsReachProperty(int index)
        {
            return IsWlanProperty(index) || IsSessionProperty(index);
        }
    }
}
