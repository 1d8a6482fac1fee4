namespace DeviceFirmware.Settings
{
    /// <summary>The set of properties one durable change touched.</summary>
    public sealed class ChangedProperties
    {
        private readonly bool[] _changed;

        /// <summary>Creates an empty set sized for <see cref="PropertyTable"/>.</summary>
        public ChangedProperties()
        {
            _changed = new bool[PropertyTable.Count];
        }

        /// <summary>True when the property at <paramref name="index"/> changed.</summary>
        public bool Contains(int index)
        {
            return _changed[index];
        }

        /// <summary>True when any of the MQTT connection properties changed (everything but QoS and topics).</summary>
        public bool ContainsConnectionProperty()
        {
            return _changed[PropertyIndex.MqttBroker] || _changed[PropertyIndex.MqttPort] || _changed[PropertyIndex.MqttClientId]
                || _changed[PropertyIndex.MqttUsername] || _changed[PropertyIndex.MqttPassword] || _changed[PropertyIndex.MqttPeerName]
                || _changed[PropertyIndex.MqttKeepAlive];
        }

        /// <summary>True when the WLAN SSID or password changed.</summary>
        public bool ContainsWlanProperty()
        {
            return _changed[PropertyIndex.WlanSsid] || _changed[PropertyIndex.WlanPassword];
        }

        internal void Mark(int index)
        {
            _changed[index] = true;
        }
    }
}
