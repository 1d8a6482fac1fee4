namespace DeviceFirmware.Telemetry
{
    /// <summary>Result codes of <see cref="IMqttTransport.Connect"/>. 1 to 5 are the MQTT 3.1.1 CONNACK refusals.</summary>
    public static class MqttConnectResult
    {
        /// <summary>Connected.</summary>
        public const int Success = 0;

        /// <summary>CONNACK 1: unacceptable protocol version.</summary>
        public const int RefusedProtocolVersion = 1;

        /// <summary>CONNACK 2: client identifier rejected.</summary>
        public const int RefusedIdentifier = 2;

        /// <summary>CONNACK 3: server unavailable.</summary>
        public const int RefusedServerUnavailable = 3;

        /// <summary>CONNACK 4: bad user name or password.</summary>
        public const int RefusedBadCredentials = 4;

        /// <summary>CONNACK 5: not authorised.</summary>
        public const int RefusedNotAuthorized = 5;

        /// <summary>The broker could not be reached (DNS, TCP or TLS failure, or timeout).</summary>
        public const int NetworkError = -1;

        /// <summary>The options were refused before anything was sent.</summary>
        public const int InvalidOptions = -2;

        /// <summary>Describes a result code in words, for logs and the CLI.</summary>
        public static string Describe(int code)
        {
            switch (code)
            {
                case Success: return "connected";
                case RefusedProtocolVersion: return "refused: unacceptable protocol version";
                case RefusedIdentifier: return "refused: client ID rejected";
                case RefusedServerUnavailable: return "refused: server unavailable";
                case RefusedBadCredentials: return "refused: bad user name or password";
                case RefusedNotAuthorized: return "refused: not authorised";
                case NetworkError: return "network error";
                case InvalidOptions: return "invalid options";
                default: return "error " + code.ToString();
            }
        }
    }
}
