namespace DeviceFirmware.Telemetry
{
    /// <summary>Receives what an <see cref="IMqttTransport"/> reports. Called on the transport's own threads.</summary>
    public interface IMqttTransportListener
    {
        /// <summary>A QoS 1 or 2 message completed its handshake (PUBACK, or PUBCOMP).</summary>
        void OnDelivered(int messageId);

        /// <summary>
        /// The transport gave up on a QoS 1 or 2 message (retries exhausted, or its state was lost with
        /// the connection). The publisher may send it again.
        /// </summary>
        void OnDeliveryFailed(int messageId);

        /// <summary>The session ended without <see cref="IMqttTransport.Disconnect"/> being called.</summary>
        void OnConnectionLost(string reason);
    }
}
