namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// Told when the MQTT session comes up or goes down: the <see cref="MqttSession"/> by its
    /// <see cref="MqttConnectionManager"/>, and the session's own clients (a subscriber that must
    /// subscribe again after every connect) by the session.
    /// </summary>
    public interface IMqttSessionListener
    {
        /// <summary>A session is up. Called on the session's thread, before anything is sent on it.</summary>
        void OnConnected();

        /// <summary>The session ended (lost, or closed for a reconnect or a stop). Called on the thread that noticed.</summary>
        void OnDisconnected();
    }
}
