namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// Receives what an <see cref="IMqttTransport"/> reports, on the transport's own threads. An
    /// implementation records what happened and returns; it never calls the transport from here.
    /// </summary>
    public interface IMqttTransportListener
    {
        /// <summary>A QoS 1 or 2 message completed its handshake (PUBACK, or PUBCOMP). May come before Publish returned its ID.</summary>
        void OnDelivered(int messageId);

        /// <summary>The client gave up on one QoS 1 or 2 message (its retries ran out). It may be sent again.</summary>
        void OnDeliveryFailed(int messageId);

        /// <summary>
        /// The client forgot every QoS 1 or 2 message it had accepted and not yet reported (it was
        /// closed, or it started a clean session). Each may be sent again.
        /// </summary>
        void OnInflightLost();

        /// <summary>The session ended without <see cref="IMqttTransport.Disconnect"/> being called.</summary>
        void OnConnectionLost(string reason);

        /// <summary>
        /// A message arrived on a subscription. The arrays are the listener's from now on (the
        /// transport copied them out of the client); the listener keeps or queues them and returns.
        /// </summary>
        /// <param name="topic">The topic it was published to.</param>
        /// <param name="payload">Its payload; empty, never null.</param>
        /// <param name="retained">True when the broker delivered it from its retained store.</param>
        void OnMessage(string topic, byte[] payload, bool retained);
    }
}
