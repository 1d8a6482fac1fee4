namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// A client of the <see cref="MqttSession"/> that receives messages: remote configuration over
    /// MQTT. The session subscribes to its filter after every connect (and again when the client asks),
    /// queues what arrives on the transport's thread, and hands it over on the session's own thread.
    /// </summary>
    public interface IMqttSessionClient
    {
        /// <summary>The topic filter to subscribe to now; null or empty for none. Read on the session's thread.</summary>
        string SubscriptionFilter { get; }

        /// <summary>The QoS to subscribe at, 0 to 2.</summary>
        int SubscriptionQos { get; }

        /// <summary>A message arrived on the subscription. Called on the session's thread, one at a time.</summary>
        /// <param name="topic">The topic it was published to.</param>
        /// <param name="payload">Its payload (the client may keep it).</param>
        /// <param name="retained">
        /// The RETAIN flag: set when the broker delivers a message it kept, which it does on every
        /// subscribe, hence after every reconnect; clear for a message published while subscribed.
        /// </param>
        void OnMessage(string topic, byte[] payload, bool retained);

        /// <summary>Called on every session poll, connected or not, for the client's own timers.</summary>
        /// <returns>Milliseconds until the client needs the next poll.</returns>
        int Poll();
    }
}
