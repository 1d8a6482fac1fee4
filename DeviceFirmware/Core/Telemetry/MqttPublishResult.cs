namespace DeviceFirmware.Telemetry
{
    /// <summary>Negative results of <see cref="IMqttTransport.Publish"/>: the message was not accepted.</summary>
    public static class MqttPublishResult
    {
        /// <summary>No session; nothing was sent.</summary>
        public const int NotConnected = -1;

        /// <summary>The client's in-flight window is full; try again after a delivery.</summary>
        public const int InflightFull = -2;

        /// <summary>The client refused the message (bad topic, payload too large, or an internal error).</summary>
        public const int Rejected = -3;
    }
}
