using System;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Network
{
    /// <summary>
    /// Keeps the board on the WLAN named by properties 1.2.2.1.1.1 (SSID) and 1.2.2.1.1.2 (password):
    /// joins when an SSID is set, retries a failed join with a doubling delay, checks now and then that
    /// the address is still there, and leaves and joins again when the SSID or password changes.
    /// </summary>
    /// <remarks>
    /// Joining can take tens of seconds and fails for as long as the access point is out of reach, so
    /// it runs on its own worker, never on the serial one: a board without WLAN settings, or with wrong
    /// ones, keeps answering MMS requests so that it can be configured.
    /// </remarks>
    public sealed class WlanKeeper : IPollable, ISettingsListener
    {
        /// <summary>First retry delay after a failed join.</summary>
        public const int InitialRetryMilliseconds = 2000;

        /// <summary>Longest retry delay: long enough not to keep the radio busy, short enough for a user waiting at a board.</summary>
        public const int MaxRetryMilliseconds = 60000;

        /// <summary>How often a joined board checks that it still has an address.</summary>
        public const int HealthCheckMilliseconds = 10000;

        private readonly INetworkLink _link;
        private readonly SettingsStore _settings;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly WakeSignal _wake = new WakeSignal();
        private readonly object _sync = new object();
        private bool _credentialsChanged;
        private bool _wasConfigured;
        private bool _started;
        private long _nextStepAt;
        private int _retryDelay = InitialRetryMilliseconds;

        /// <summary>Creates the keeper; nothing happens until the first <see cref="Poll"/>.</summary>
        /// <param name="link">The WLAN interface.</param>
        /// <param name="settings">Source of the SSID and password; register the keeper as its listener.</param>
        /// <param name="clock">Times the retries and health checks.</param>
        /// <param name="log">Where progress and failures are reported.</param>
        public WlanKeeper(INetworkLink link, SettingsStore settings, IClock clock, ILog log)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _link = link;
            _settings = settings;
            _clock = clock;
            _log = log;
        }

        /// <inheritdoc />
        public WakeSignal Wake
        {
            get { return _wake; }
        }

        /// <inheritdoc />
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            // Called on the thread that applied the Set: note the change and let the keeper's thread work.
            if (changed.ContainsWlanProperty())
            {
                lock (_sync)
                {
                    _credentialsChanged = true;
                }

                _wake.Set();
            }
        }

        /// <summary>Does one round of work: leave after a change, join when due, or check the address.</summary>
        /// <returns>Milliseconds until the next round is due.</returns>
        public int Poll()
        {
            bool changed;
            long now = _clock.UptimeMilliseconds;
            lock (_sync)
            {
                changed = _credentialsChanged;
                _credentialsChanged = false;
            }

            if (!changed && _started && now < _nextStepAt)
            {
                return ToWait(_nextStepAt - now);
            }

            bool first = !_started;
            _started = true;
            int wait = Step(changed, first);
            _nextStepAt = _clock.UptimeMilliseconds + wait;
            return wait;
        }

        private int Step(bool changed, bool first)
        {
            SettingsSnapshot settings = _settings.Current;
            string ssid = settings.GetText(PropertyIndex.WlanSsid);
            if (changed)
            {
                _retryDelay = InitialRetryMilliseconds;
                if (_wasConfigured)
                {
                    _log.Write(LogLevel.Info, "WiFi: settings changed, disconnecting");
                    _link.Leave();
                }
            }

            if (ssid.Length == 0)
            {
                _wasConfigured = false;
                if (changed || first)
                {
                    _log.Write(LogLevel.Info, "WiFi: no SSID configured");
                }

                return MaxRetryMilliseconds;
            }

            _wasConfigured = true;
            if (_link.IsUp)
            {
                _retryDelay = InitialRetryMilliseconds;
                return HealthCheckMilliseconds;
            }

            _log.Write(LogLevel.Info, "WiFi: connecting to \"" + ssid + "\"");
            string problem;
            if (_link.Join(ssid, settings.GetText(PropertyIndex.WlanPassword), out problem))
            {
                _retryDelay = InitialRetryMilliseconds;
                string address = _link.Address;
                _log.Write(LogLevel.Info, "WiFi: connected, address " + (address == null ? "?" : address));
                return HealthCheckMilliseconds;
            }

            int wait = _retryDelay;
            _retryDelay = _retryDelay >= MaxRetryMilliseconds / 2 ? MaxRetryMilliseconds : _retryDelay * 2;
            _log.Write(LogLevel.Warning, "WiFi: connect failed" + (problem == null ? string.Empty : ", " + problem) + ", retry in " + (wait / 1000).ToString() + " s");
            return wait;
        }

        private static int ToWait(long ms)
        {
            if (ms <= 0)
            {
                return 0;
            }

            return ms > int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
