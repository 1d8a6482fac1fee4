using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using DeviceFirmware.Network;
using nanoFramework.Networking;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The ESP32's WLAN station as the core's <see cref="INetworkLink"/>: joins with
    /// <c>WifiNetworkHelper.ConnectDhcp</c>, which stores the credentials in the device's own network
    /// configuration and lets the ESP32 rejoin by itself after a drop. The core's WlanKeeper decides
    /// when to join, retry and leave.
    /// </summary>
    /// <remarks>
    /// <c>ConnectDhcp</c> skips the connection when the interface already has an address on the same
    /// SSID, so <see cref="Leave"/> disconnects and waits for the address to go away; otherwise a new
    /// password for the same SSID would never be applied.
    /// </remarks>
    public sealed class Esp32WifiLink : INetworkLink
    {
        /// <summary>One attempt: association (the firmware allows 20 s) plus DHCP.</summary>
        public const int JoinTimeoutMilliseconds = 30000;

        /// <summary>How long to wait for the old address to disappear after a disconnect.</summary>
        private const int LeaveSettleMilliseconds = 5000;

        private const int LeavePollMilliseconds = 200;

        /// <summary>Index of the first WLAN adapter: ESP32 boards have one.</summary>
        private const int WifiAdapterIndex = 0;

        /// <summary>An unassigned IPv4 address reads "0.0.0.0".</summary>
        private const char UnassignedAddressFirstChar = '0';

        private readonly object _sync = new object();
        private string _ssid = string.Empty;

        /// <inheritdoc />
        public bool IsUp
        {
            get { return Address != null; }
        }

        /// <inheritdoc />
        public string Address
        {
            get { return FindWlanAddress(); }
        }

        /// <summary>The SSID of the last successful join; empty before the first (the RSSI sensor looks for it in scans).</summary>
        public string JoinedSsid
        {
            get
            {
                lock (_sync)
                {
                    return _ssid;
                }
            }
        }

        /// <inheritdoc />
        public bool Join(string ssid, string password, out string problem)
        {
            bool joined;

            // CancellationTokenSource(int), ConnectDhcp(...): nanoframework/System.Net
            // nanoFramework.System.Net/NetworkHelper/WifiNetworkHelper.cs.
            using (CancellationTokenSource timeout = new CancellationTokenSource(JoinTimeoutMilliseconds))
            {
                joined = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, WifiAdapterIndex, timeout.Token);
            }

            if (joined)
            {
                lock (_sync)
                {
                    _ssid = ssid;
                }

                problem = null;
                return true;
            }

            // An enum prints as its number on nanoFramework: see NetworkHelperStatus for the names.
            Exception failure = WifiNetworkHelper.HelperException;
            problem = "status " + ((int)WifiNetworkHelper.Status).ToString() + (failure == null ? string.Empty : " (" + failure.Message + ")");
            return false;
        }

        /// <inheritdoc />
        public void Leave()
        {
            WifiNetworkHelper.Disconnect();
            int waited = 0;
            while (IsUp && waited < LeaveSettleMilliseconds)
            {
                Thread.Sleep(LeavePollMilliseconds);
                waited += LeavePollMilliseconds;
            }
        }

        /// <summary>Returns the WLAN interface's IPv4 address, or null while it has none.</summary>
        private static string FindWlanAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                NetworkInterface candidate = interfaces[i];
                if (candidate.NetworkInterfaceType != NetworkInterfaceType.Wireless80211)
                {
                    continue;
                }

                string address = candidate.IPv4Address;
                if (address != null && address.Length > 0 && address[0] != UnassignedAddressFirstChar)
                {
                    return address;
                }
            }

            return null;
        }
    }
}
