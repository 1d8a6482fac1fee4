namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// The MQTT client the telemetry publisher talks to: M2Mqtt on the device, the Eclipse Paho C
    /// library on the host, a fake in tests. Small on purpose: connect, publish, disconnect, and
    /// report what happened through an <see cref="IMqttTransportListener"/>.
    /// </summary>
    public interface IMqttTransport
    {
        /// <summary>True while a session with the broker is up.</summary>
        bool IsConnected { get; }

        /// <summary>Sets the listener that receives delivery and connection events (null to detach).</summary>
        void SetListener(IMqttTransportListener listener);

        /// <summary>Opens a session. Blocks until the broker answers or the attempt fails.</summary>
        /// <param name="options">Broker, credentials and session options.</param>
        /// <returns><see cref="MqttConnectResult.Success"/>, or a failure code.</returns>
        int Connect(MqttConnectOptions options);

        /// <summary>Closes the session, if any. Never throws.</summary>
        void Disconnect();

        /// <summary>Hands one message to the client.</summary>
        /// <param name="topic">Topic without wildcards.</param>
        /// <param name="payload">Payload bytes; the transport may keep the reference until delivery.</param>
        /// <param name="qos">0, 1 or 2.</param>
        /// <returns>
        /// A message ID (0 or more) that later delivered or failed events name, for QoS 1 and 2;
        /// or a negative <see cref="MqttPublishResult"/> code when the message was not accepted.
        /// </returns>
        int Publish(string topic, byte[] payload, int qos);
    }
}
