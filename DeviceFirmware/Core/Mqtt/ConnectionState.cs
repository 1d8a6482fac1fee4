namespace DeviceFirmware.Mqtt
{
    /// <summary>Where the <see cref="MqttConnectionManager"/> stands.</summary>
    /// <remarks>An enum prints as its number on the device; <see cref="MqttText.Describe(ConnectionState)"/> gives words.</remarks>
    public enum ConnectionState : byte
    {
        /// <summary>No session; the next attempt is due at <see cref="MqttConnectionManager.NextAttemptAt"/>.</summary>
        Disconnected = 0,

        /// <summary>A Connect call is in progress (it blocks up to about 30 s on the device).</summary>
        Connecting = 1,

        /// <summary>A session is up.</summary>
        Connected = 2,

        /// <summary>The broker address is empty: nothing to connect to until a property change.</summary>
        NotConfigured = 3,

        /// <summary>Shut down; polling does nothing until restarted.</summary>
        Stopped = 4,
    }
}
