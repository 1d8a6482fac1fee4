namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// Words for the session's enums, for logs and the CLI: an enum's ToString() gives only its
    /// number on nanoFramework.
    /// </summary>
    public static class MqttText
    {
        /// <summary>Describes a connect result.</summary>
        public static string Describe(MqttConnectResult result)
        {
            switch (result)
            {
                case MqttConnectResult.Success: return "connected";
                case MqttConnectResult.RefusedProtocolVersion: return "refused: unacceptable protocol version";
                case MqttConnectResult.RefusedIdentifier: return "refused: client ID rejected";
                case MqttConnectResult.RefusedServerUnavailable: return "refused: server unavailable";
                case MqttConnectResult.RefusedBadCredentials: return "refused: bad user name or password";
                case MqttConnectResult.RefusedNotAuthorized: return "refused: not authorised";
                case MqttConnectResult.NetworkError: return "network error";
                case MqttConnectResult.InvalidOptions: return "invalid options";
                default: return "error " + ((int)result).ToString();
            }
        }

        /// <summary>Describes a publish result.</summary>
        public static string Describe(MqttPublishResult result)
        {
            switch (result)
            {
                case MqttPublishResult.Accepted: return "accepted";
                case MqttPublishResult.NotConnected: return "not connected";
                case MqttPublishResult.InflightFull: return "in-flight window full";
                case MqttPublishResult.Rejected: return "rejected";
                default: return "error " + ((int)result).ToString();
            }
        }

        /// <summary>Describes a subscribe result.</summary>
        public static string Describe(MqttSubscribeResult result)
        {
            switch (result)
            {
                case MqttSubscribeResult.Subscribed: return "subscribed";
                case MqttSubscribeResult.Refused: return "refused by the broker";
                case MqttSubscribeResult.NotConnected: return "not connected";
                case MqttSubscribeResult.Failed: return "no answer";
                default: return "error " + ((int)result).ToString();
            }
        }

        /// <summary>Describes a connection state.</summary>
        public static string Describe(ConnectionState state)
        {
            switch (state)
            {
                case ConnectionState.Disconnected: return "disconnected";
                case ConnectionState.Connecting: return "connecting";
                case ConnectionState.Connected: return "connected";
                case ConnectionState.NotConfigured: return "not configured";
                case ConnectionState.Stopped: return "stopped";
                default: return "state " + ((int)state).ToString();
            }
        }
    }
}
