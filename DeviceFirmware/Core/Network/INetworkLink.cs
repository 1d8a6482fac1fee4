namespace DeviceFirmware.Network
{
    /// <summary>
    /// The board's network interface as the core needs it: the ESP32's WLAN station. The
    /// <see cref="WlanKeeper"/> joins and leaves it; the MQTT session only asks <see cref="IsUp"/>.
    /// The host has no such link: its network is always there.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>True while the interface holds an IP address.</summary>
        bool IsUp { get; }

        /// <summary>The interface's IPv4 address in dotted form, or null while it has none.</summary>
        string Address { get; }

        /// <summary>
        /// Joins a network and waits for an address, for at most the platform's own timeout. The
        /// platform may keep the credentials and rejoin by itself after a drop.
        /// </summary>
        /// <param name="ssid">The network's name; not empty.</param>
        /// <param name="password">Its password; empty for an open network.</param>
        /// <param name="problem">Why it failed, in words for the log; null on success.</param>
        /// <returns>True when the interface has an address.</returns>
        bool Join(string ssid, string password, out string problem);

        /// <summary>Leaves the network and waits (briefly) until the address is gone.</summary>
        void Leave();
    }
}
