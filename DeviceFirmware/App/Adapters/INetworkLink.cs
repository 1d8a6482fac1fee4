namespace DeviceFirmware.App.Adapters
{
    /// <summary>Whether the board can reach the network right now.</summary>
    public interface INetworkLink
    {
        /// <summary>
        /// True while the WLAN interface holds an IPv4 address. The MQTT transport checks it before
        /// creating its client, because the client resolves the broker's name in its constructor.
        /// </summary>
        bool HasIpAddress { get; }
    }
}
