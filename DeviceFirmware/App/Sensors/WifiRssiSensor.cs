using System;
using System.Device.Wifi;
using DeviceFirmware.App.Adapters;
using DeviceFirmware.Runtime;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.App.Sensors
{
    /// <summary>
    /// Signal strength of the configured WLAN, in dBm.
    /// </summary>
    /// <remarks>
    /// nanoFramework exposes no RSSI for the current connection (System.Device.Wifi has it only in
    /// scan results; see nanoframework/Home issue 1632). This sensor therefore starts a scan at most
    /// once per <see cref="ScanIntervalMilliseconds"/> and reports the strongest access point that
    /// carries the SSID the board joined from the latest scan. A scan briefly takes the radio off the
    /// channel, which is why it is rate-limited. With several access points on one SSID the value is
    /// the strongest, not necessarily the one the board is associated with. The reading is withheld
    /// while the board has no address or the last result is older than <see cref="MaxAgeMilliseconds"/>.
    /// </remarks>
    public sealed class WifiRssiSensor : ISensor
    {
        /// <summary>Least time between two scans.</summary>
        public const int ScanIntervalMilliseconds = 60000;

        /// <summary>Oldest scan result still reported.</summary>
        public const int MaxAgeMilliseconds = 180000;

        /// <summary>A scan report pads the SSID with zero characters up to 33 bytes.</summary>
        private const char SsidPadding = '\0';

        private readonly WifiAdapter _adapter;
        private readonly Esp32WifiLink _network;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private bool _scanned;
        private long _lastScanStart;
        private bool _hasValue;
        private long _rssi;
        private long _rssiTime;

        /// <summary>Creates the sensor and listens for the adapter's scan results.</summary>
        /// <param name="adapter">The WLAN adapter the composition found; the sensor does not dispose it.</param>
        /// <param name="network">Tells whether the board is connected, and to which SSID.</param>
        /// <param name="clock">Times the scans and the age of the result.</param>
        /// <param name="log">Where scan failures are reported.</param>
        public WifiRssiSensor(WifiAdapter adapter, Esp32WifiLink network, IClock clock, ILog log)
        {
            if (adapter == null)
            {
                throw new ArgumentNullException("adapter");
            }

            if (network == null)
            {
                throw new ArgumentNullException("network");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _adapter = adapter;
            _network = network;
            _clock = clock;
            _log = log;
            _adapter.AvailableNetworksChanged += OnScanCompleted;
        }

        /// <inheritdoc />
        public string Name
        {
            get { return "wifi_rssi_dbm"; }
        }

        /// <inheritdoc />
        public int Decimals
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public bool TryRead(out long scaledValue)
        {
            scaledValue = 0;
            if (!_network.IsUp)
            {
                return false;
            }

            long now = _clock.UptimeMilliseconds;
            bool scan;
            bool available = false;
            lock (_sync)
            {
                scan = !_scanned || now - _lastScanStart >= ScanIntervalMilliseconds;
                if (scan)
                {
                    _scanned = true;
                    _lastScanStart = now;
                }

                if (_hasValue && now - _rssiTime <= MaxAgeMilliseconds)
                {
                    scaledValue = _rssi;
                    available = true;
                }
            }

            if (scan)
            {
                StartScan();
            }

            return available;
        }

        private void StartScan()
        {
            try
            {
                // Results arrive later through AvailableNetworksChanged; this reading uses the previous one.
                _adapter.ScanAsync();
            }
            catch (Exception ex)
            {
                // The adapter refuses while it is connecting; the next period tries again.
                _log.Write(LogLevel.Debug, "RSSI: scan not started: " + ex.Message);
            }
        }

        private void OnScanCompleted(WifiAdapter sender, object e)
        {
            try
            {
                string ssid = _network.JoinedSsid;
                WifiAvailableNetwork[] networks = sender.NetworkReport.AvailableNetworks;
                bool found = false;
                long best = 0;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (TrimPadding(networks[i].Ssid) != ssid)
                    {
                        continue;
                    }

                    long rssi = (long)networks[i].NetworkRssiInDecibelMilliwatts;
                    if (!found || rssi > best)
                    {
                        best = rssi;
                        found = true;
                    }
                }

                if (found)
                {
                    lock (_sync)
                    {
                        _rssi = best;
                        _rssiTime = _clock.UptimeMilliseconds;
                        _hasValue = true;
                    }
                }
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Debug, "RSSI: scan result unreadable: " + ex.Message);
            }
        }

        private static string TrimPadding(string ssid)
        {
            if (ssid == null)
            {
                return string.Empty;
            }

            int end = ssid.IndexOf(SsidPadding);
            return end < 0 ? ssid : ssid.Substring(0, end);
        }
    }
}
