namespace DeviceFirmware.Mqtt
{
    /// <summary>What <see cref="IMqttTransport.Publish"/> did with a message.</summary>
    /// <remarks>An enum prints as its number on the device; <see cref="MqttText.Describe(MqttPublishResult)"/> gives words.</remarks>
    public enum MqttPublishResult
    {
        /// <summary>The client took the message (QoS 0: sent; QoS 1/2: in flight under the returned ID).</summary>
        Accepted = 0,

        /// <summary>No session; nothing was sent.</summary>
        NotConnected = 1,

        /// <summary>The client's window is full; try again after a delivery report.</summary>
        InflightFull = 2,

        /// <summary>The client refused the message (bad topic, payload too large, or an internal error). Retrying will not help.</summary>
        Rejected = 3,
    }
}
