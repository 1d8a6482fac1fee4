using DeviceFirmware.Settings;

namespace DeviceFirmware.Mqtt
{
    /// <summary>Reads the MQTT connection properties (1.2.2.1.2.x) into <see cref="MqttConnectOptions"/>.</summary>
    public static class MqttOptionsReader
    {
        /// <summary>True when a broker address is set; an empty 1.2.2.1.2.1 means MQTT is not configured.</summary>
        public static bool IsConfigured(SettingsStore settings)
        {
            return settings.GetLength(PropertyIndex.MqttBroker) > 0;
        }

        /// <summary>Builds the options of a new session from the current property values.</summary>
        /// <param name="settings">Where the properties live.</param>
        /// <param name="cleanSession">Whether to ask the broker to discard the previous session.</param>
        public static MqttConnectOptions Read(SettingsStore settings, bool cleanSession)
        {
            MqttConnectOptions options = new MqttConnectOptions();
            options.Broker = settings.GetText(PropertyIndex.MqttBroker);
            options.Port = settings.GetUInt16(PropertyIndex.MqttPort);

            // The property table defines 8883 as the TLS port; every other port is plain TCP.
            options.UseTls = options.Port == MqttConnectOptions.TlsPort;
            options.PeerName = settings.GetText(PropertyIndex.MqttPeerName);
            options.ClientId = settings.GetText(PropertyIndex.MqttClientId);
            options.Username = settings.GetText(PropertyIndex.MqttUsername);
            options.Password = settings.GetText(PropertyIndex.MqttPassword);
            options.KeepAliveSeconds = settings.GetUInt16(PropertyIndex.MqttKeepAlive);
            options.CleanSession = cleanSession;

            // The broker publishes this, retained, when the device vanishes without a DISCONNECT.
            options.WillTopic = settings.GetText(PropertyIndex.MqttPublishTopic) + DeviceTopics.StatusSuffix;
            options.WillMessage = DeviceTopics.Disconnected;
            options.WillQos = DeviceTopics.StatusQos;
            options.WillRetain = true;
            return options;
        }

        /// <summary>Describes where options connect to, for logs: <c>host:port as client-id</c>, plus " (TLS)". Never shows secrets.</summary>
        public static string Describe(MqttConnectOptions options)
        {
            string text = options.Broker + ":" + options.Port.ToString() + " as " + options.ClientId;
            return options.UseTls ? text + " (TLS)" : text;
        }
    }
}
