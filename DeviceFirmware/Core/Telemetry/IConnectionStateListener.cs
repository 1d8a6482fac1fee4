namespace DeviceFirmware.Telemetry
{
    /// <summary>Told by the <see cref="MqttConnectionManager"/> when the session comes up or goes down.</summary>
    public interface IConnectionStateListener
    {
        /// <summary>A session is up. Called on the thread that polls the connection manager.</summary>
        void OnConnected();

        /// <summary>The session ended (lost, or closed for a reconnect or stop). Called on the thread that noticed.</summary>
        void OnDisconnected();
    }
}
