using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using nanoFramework.Networking;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// Keeps the board on the WLAN named by the WLAN properties, on its own thread.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Connecting can take tens of seconds and fails for as long as the access point is out of reach,
    /// so it never runs on the serial thread: a board without WLAN settings, or with wrong ones, keeps
    /// answering MMS requests so that it can be configured. Failed attempts are retried with a
    /// doubling delay (2 s up to 60 s). A change of the SSID or password wakes the thread at once.
    /// </para>
    /// <para>
    /// <c>WifiNetworkHelper.ConnectDhcp</c> stores the credentials in the device's own network
    /// configuration and asks the ESP32 to reconnect automatically after a drop. It skips the
    /// connection when the interface already has an address on the same SSID, so after a change the
    /// connector first disconnects and waits for the address to go away; otherwise a new password
    /// for the same SSID would never be applied.
    /// </para>
    /// </remarks>
    public sealed class WifiConnector : ISettingsListener, INetworkLink
    {
        /// <summary>First retry delay after a failed attempt.</summary>
        public const int InitialRetryMilliseconds = 2000;

        /// <summary>Longest retry delay: long enough not to keep the radio busy, short enough for a user waiting at a board.</summary>
        public const int MaxRetryMilliseconds = 60000;

        /// <summary>One attempt: association (the firmware allows 20 s) plus DHCP.</summary>
        public const int ConnectTimeoutMilliseconds = 30000;

        /// <summary>How often a connected board checks that it still has an address.</summary>
        public const int HealthCheckMilliseconds = 10000;

        /// <summary>How long to wait for the old address to disappear after a disconnect.</summary>
        private const int DisconnectSettleMilliseconds = 5000;

        private const int DisconnectPollMilliseconds = 200;

        /// <summary>Index of the first WLAN adapter: ESP32 boards have one.</summary>
        private const int WifiAdapterIndex = 0;

        /// <summary>An unassigned IPv4 address reads "0.0.0.0".</summary>
        private const char UnassignedAddressFirstChar = '0';

        private readonly SettingsStore _settings;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _thread;
        private bool _credentialsChanged;
        private int _retryDelay = InitialRetryMilliseconds;
        private bool _wasConfigured;

        /// <summary>Creates the connector. Call <see cref="Start"/> to begin.</summary>
        /// <param name="settings">Source of the WLAN SSID and password; register this connector as its listener.</param>
        /// <param name="log">Where progress and failures are reported.</param>
        public WifiConnector(SettingsStore settings, ILog log)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            _settings = settings;
            _log = log == null ? NullLog.Instance : log;
        }

        /// <inheritdoc />
        public bool HasIpAddress
        {
            get { return FindWlanAddress() != null; }
        }

        /// <summary>Starts the connection thread. Returns at once.</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_thread != null)
                {
                    return;
                }

                _thread = new Thread(Run);
                _thread.Start();
            }
        }

        /// <inheritdoc />
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            // Called on the serial thread: note the change and let the connection thread do the work.
            if (changed.ContainsWlanProperty())
            {
                lock (_sync)
                {
                    _credentialsChanged = true;
                }

                _wake.Set();
            }
        }

        private void Run()
        {
            while (true)
            {
                int wait;
                try
                {
                    wait = Step();
                }
                catch (Exception ex)
                {
                    // Nothing here may end the thread: log, and try again after the longest delay.
                    _log.Write(LogLevel.Error, "WiFi: unexpected failure: " + ex.Message);
                    wait = MaxRetryMilliseconds;
                }

                _wake.WaitOne(wait, false);
            }
        }

        /// <summary>Does one round of work.</summary>
        /// <returns>Milliseconds to sleep before the next round (<see cref="Timeout.Infinite"/> until a settings change).</returns>
        private int Step()
        {
            bool changed;
            lock (_sync)
            {
                changed = _credentialsChanged;
                _credentialsChanged = false;
            }

            string ssid = _settings.GetText(PropertyIndex.WlanSsid);
            string password = _settings.GetText(PropertyIndex.WlanPassword);

            if (changed)
            {
                _retryDelay = InitialRetryMilliseconds;
                if (_wasConfigured)
                {
                    _log.Write(LogLevel.Info, "WiFi: settings changed, disconnecting");
                    DisconnectAndSettle();
                }
            }

            if (ssid.Length == 0)
            {
                _wasConfigured = false;
                if (changed)
                {
                    _log.Write(LogLevel.Info, "WiFi: no SSID configured");
                }

                return Timeout.Infinite;
            }

            _wasConfigured = true;
            if (HasIpAddress)
            {
                _retryDelay = InitialRetryMilliseconds;
                return HealthCheckMilliseconds;
            }

            return Connect(ssid, password);
        }

        private int Connect(string ssid, string password)
        {
            _log.Write(LogLevel.Info, "WiFi: connecting to \"" + ssid + "\"");
            bool connected;
            using (CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMilliseconds))
            {
                connected = WifiNetworkHelper.ConnectDhcp(
                    ssid,
                    password,
                    WifiReconnectionKind.Automatic,
                    false,
                    WifiAdapterIndex,
                    timeout.Token);
            }

            if (connected)
            {
                _retryDelay = InitialRetryMilliseconds;
                string address = FindWlanAddress();
                _log.Write(LogLevel.Info, "WiFi: connected, address " + (address == null ? "?" : address));
                return HealthCheckMilliseconds;
            }

            int wait = _retryDelay;
            _retryDelay = _retryDelay >= MaxRetryMilliseconds / 2 ? MaxRetryMilliseconds : _retryDelay * 2;
            Exception failure = WifiNetworkHelper.HelperException;

            // An enum prints as its number on nanoFramework: see NetworkHelperStatus for the names.
            _log.Write(
                LogLevel.Warning,
                "WiFi: connect failed, status " + ((int)WifiNetworkHelper.Status).ToString()
                + (failure == null ? string.Empty : " (" + failure.Message + ")")
                + ", retry in " + (wait / 1000).ToString() + " s");
            return wait;
        }

        private void DisconnectAndSettle()
        {
            WifiNetworkHelper.Disconnect();
            int waited = 0;
            while (HasIpAddress && waited < DisconnectSettleMilliseconds)
            {
                Thread.Sleep(DisconnectPollMilliseconds);
                waited += DisconnectPollMilliseconds;
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
