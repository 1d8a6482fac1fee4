namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// The MQTT client the <see cref="MqttSession"/> drives: M2Mqtt on the device, the Eclipse Paho C
    /// library on the host, a fake in tests. Small on purpose: connect, publish, disconnect, and
    /// report what happened through an <see cref="IMqttTransportListener"/>. The session keeps every
    /// piece of state above the wire (which messages are in flight, the in-flight window, resends);
    /// a transport keeps none of it.
    /// </summary>
    /// <remarks>
    /// <para><b>What a transport guarantees about its reports</b> (the session relies on exactly this):</para>
    /// <list type="number">
    /// <item>Every QoS 1 or 2 message accepted by <see cref="Publish"/> ends in exactly one report:
    /// <see cref="IMqttTransportListener.OnDelivered"/>, <see cref="IMqttTransportListener.OnDeliveryFailed"/>,
    /// or the <see cref="IMqttTransportListener.OnInflightLost"/> that covers every message still open.</item>
    /// <item>A report may come on any thread, and may come <b>before</b> <see cref="Publish"/> has
    /// returned the message's ID (the broker's PUBACK can beat the return; nanoframework/Home#935).</item>
    /// <item><see cref="IMqttTransportListener.OnInflightLost"/> is raised before the call or event
    /// that made the client forget its messages returns: before <see cref="Disconnect"/> or the next
    /// <see cref="Connect"/> returns, or before <see cref="IMqttTransportListener.OnConnectionLost"/>.
    /// No report for those IDs follows it, so an ID may be reused right after.</item>
    /// <item>A transport that keeps its messages across a lost connection (Paho with CleanSession
    /// off) reports them later, delivered or failed, once a new session has resent them.</item>
    /// <item>A report may be raised while the client holds its own locks (Paho holds its global mutex
    /// while it reports a delivery), so a listener never calls the transport from inside a report:
    /// it records what happened and returns, and the session acts on its own thread.</item>
    /// </list>
    /// </remarks>
    public interface IMqttTransport
    {
        /// <summary>True while a session with the broker is up.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Most QoS 1/2 messages the client can hold unacknowledged at once. The session never has
        /// more in flight, and drops a QoS 0 message rather than publish it into a full window
        /// (Paho blocks every publish while its window is full).
        /// </summary>
        int MaxInflight { get; }

        /// <summary>
        /// True when <see cref="Publish"/> copies the payload before it returns and keeps no reference
        /// to the array (Paho). The caller may then reuse the array for the next message. False when
        /// the client queues the array itself and sends it later (M2Mqtt).
        /// </summary>
        bool CopiesPayload { get; }

        /// <summary>Sets the listener that receives reports (null to detach).</summary>
        void SetListener(IMqttTransportListener listener);

        /// <summary>Opens a session. Blocks until the broker answers or the attempt fails.</summary>
        /// <param name="options">Broker, credentials and session options.</param>
        /// <returns><see cref="MqttConnectResult.Success"/>, or why not.</returns>
        MqttConnectResult Connect(MqttConnectOptions options);

        /// <summary>Closes the session, if any. Never throws.</summary>
        void Disconnect();

        /// <summary>
        /// Subscribes to a topic filter and waits for the broker's answer (SUBACK), bounded by the
        /// client's own timeout. Called on the session's thread, never from inside a report.
        /// Messages on the filter then arrive through <see cref="IMqttTransportListener.OnMessage"/>.
        /// </summary>
        /// <param name="topicFilter">The filter; wildcards allowed.</param>
        /// <param name="qos">The QoS asked for, 0 to 2.</param>
        MqttSubscribeResult Subscribe(string topicFilter, int qos);

        /// <summary>Ends a subscription made with <see cref="Subscribe"/>; false when the client could not send it.</summary>
        bool Unsubscribe(string topicFilter);

        /// <summary>Hands one message to the client.</summary>
        /// <param name="topic">Topic without wildcards.</param>
        /// <param name="payload">Payload bytes; kept until delivery unless <see cref="CopiesPayload"/>.</param>
        /// <param name="qos">0, 1 or 2.</param>
        /// <param name="retain">Whether the broker keeps it as the topic's retained message.</param>
        /// <param name="messageId">The ID later reports name, for QoS 1 and 2; 0 for QoS 0.</param>
        /// <returns><see cref="MqttPublishResult.Accepted"/>, or why the message was not taken.</returns>
        MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId);
    }
}
