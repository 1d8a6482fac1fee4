namespace DeviceFirmware.Mqtt
{
    /// <summary>What <see cref="IMqttTransport.Subscribe"/> achieved.</summary>
    /// <remarks>An enum prints as its number on the device; <see cref="MqttText.Describe(MqttSubscribeResult)"/> gives words.</remarks>
    public enum MqttSubscribeResult
    {
        /// <summary>The broker granted the subscription (at the QoS asked or lower).</summary>
        Subscribed = 0,

        /// <summary>The broker refused it (SUBACK 0x80): the user may not read the topic, or the filter is invalid.</summary>
        Refused = 1,

        /// <summary>No session.</summary>
        NotConnected = 2,

        /// <summary>The client could not send it or got no answer in time.</summary>
        Failed = 3,
    }
}
