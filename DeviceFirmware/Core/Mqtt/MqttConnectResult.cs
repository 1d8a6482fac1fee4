namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// What <see cref="IMqttTransport.Connect"/> achieved. 1 to 5 are the MQTT 3.1.1 CONNACK return
    /// codes with the same numbers.
    /// </summary>
    /// <remarks>An enum prints as its number on the device; <see cref="MqttText.Describe(MqttConnectResult)"/> gives words.</remarks>
    public enum MqttConnectResult
    {
        /// <summary>Connected.</summary>
        Success = 0,

        /// <summary>CONNACK 1: unacceptable protocol version.</summary>
        RefusedProtocolVersion = 1,

        /// <summary>CONNACK 2: client identifier rejected.</summary>
        RefusedIdentifier = 2,

        /// <summary>CONNACK 3: server unavailable.</summary>
        RefusedServerUnavailable = 3,

        /// <summary>CONNACK 4: bad user name or password.</summary>
        RefusedBadCredentials = 4,

        /// <summary>CONNACK 5: not authorised.</summary>
        RefusedNotAuthorized = 5,

        /// <summary>The broker could not be reached (DNS, TCP or TLS failure, or timeout).</summary>
        NetworkError = 6,

        /// <summary>The options were refused before anything was sent.</summary>
        InvalidOptions = 7,
    }
}
