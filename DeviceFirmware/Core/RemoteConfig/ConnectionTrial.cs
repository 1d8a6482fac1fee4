using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.RemoteConfig
{
    /// <summary>
    /// Makes a remote change of the connection settings safe: it keeps the values from before the
    /// change (the last known good) in the store's fallback slot, and if the device reaches no broker
    /// with the new values within <see cref="TimeoutMilliseconds"/>, it restores them, which makes the
    /// session reconnect with them. A restart during the trial resumes it from the fallback slot.
    /// </summary>
    /// <remarks>
    /// <para>The trial covers every property that decides whether the device reaches its broker and
    /// can be reached there (<see cref="ChangedProperties.ContainsReachProperty"/>: WLAN credentials,
    /// broker, port, client ID, user, password, peer name, keep-alive and both topics).</para>
    /// <para>It ends when a session comes up (the new values work), when the deadline passes (the
    /// previous values are restored, counted and reported), or when the same properties change over
    /// the UART: a user at the bench is not second-guessed.</para>
    /// </remarks>
    public sealed class ConnectionTrial : ISettingsListener, IMqttSessionListener
    {
        /// <summary>Default time to reach a broker with new connection settings: 5 minutes.</summary>
        public const int DefaultTimeoutMilliseconds = 300000;

        /// <summary>Poll interval while no trial runs.</summary>
        private const int IdlePollMilliseconds = 1000;

        // A request that arrived over MQTT is being handled.
        private const int RemoteRequestFlag = 1;

        // The trial is restoring the previous values: that change is the trial's own.
        private const int RestoringFlag = 2;

        private readonly SettingsStore _settings;
        private readonly MqttSession _session;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly RemoteCounters _counters;
        private readonly int _timeoutMs;
        private readonly object _sync = new object();

        private SettingsSnapshot _fallback;
        private long _deadline;

        // RemoteRequestFlag and RestoringFlag, under the lock.
        private int _flags;

        /// <summary>Creates the trial keeper; nothing runs until a remote change or <see cref="Resume"/>.</summary>
        /// <param name="settings">The store: its fallback slot keeps the last known good values.</param>
        /// <param name="session">Tells whether a broker is reached; carries the rollback note.</param>
        /// <param name="clock">Times the trial.</param>
        /// <param name="log">One line per trial, confirmation and rollback.</param>
        /// <param name="counters">Counts rollbacks for the telemetry payload.</param>
        /// <param name="timeoutMilliseconds">Longest trial, at least 1 ms.</param>
        public ConnectionTrial(SettingsStore settings, MqttSession session, IClock clock, ILog log, RemoteCounters counters, int timeoutMilliseconds)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (session == null)
            {
                throw new ArgumentNullException("session");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            if (counters == null)
            {
                throw new ArgumentNullException("counters");
            }

            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            _settings = settings;
            _session = session;
            _clock = clock;
            _log = log;
            _counters = counters;
            _timeoutMs = timeoutMilliseconds;
        }

        /// <summary>Longest time new connection settings get to reach a broker.</summary>
        public int TimeoutMilliseconds
        {
            get { return _timeoutMs; }
        }

        /// <summary>True while new connection settings are on trial.</summary>
        public bool IsActive
        {
            get
            {
                lock (_sync)
                {
                    return _fallback != null;
                }
            }
        }

        /// <summary>
        /// After the settings were loaded at boot: a fallback record left by a restart during a trial
        /// starts that trial again, with a full timeout.
        /// </summary>
        public void Resume()
        {
            SettingsSnapshot fallback = _settings.LoadFallback();
            if (fallback == null)
            {
                return;
            }

            lock (_sync)
            {
                _fallback = fallback;
                _deadline = _clock.UptimeMilliseconds + _timeoutMs;
            }

            _log.Write(LogLevel.Warning, "mqtt: a restart interrupted a trial of new connection settings; trying them again for " + Seconds(_timeoutMs) + " s");
        }

        /// <summary>
        /// A request that arrived over MQTT is being handled (true) or is done (false): settings changes
        /// in between are that request's, not the UART's.
        /// </summary>
        public void RemoteRequest(bool underWay)
        {
            lock (_sync)
            {
                _flags = underWay ? _flags | RemoteRequestFlag : _flags & ~RemoteRequestFlag;
            }
        }

        /// <summary>
        /// A remote request changed connection settings: keep <paramref name="before"/> as the last
        /// known good (unless a trial already keeps older good values) and give the new values
        /// <see cref="TimeoutMilliseconds"/> to reach a broker.
        /// </summary>
        public void Begin(SettingsSnapshot before)
        {
            if (before == null)
            {
                throw new ArgumentNullException("before");
            }

            bool fresh;
            lock (_sync)
            {
                fresh = _fallback == null;
                if (fresh)
                {
                    _fallback = before;
                }

                _deadline = _clock.UptimeMilliseconds + _timeoutMs;
            }

            if (fresh && !_settings.SaveFallback(before))
            {
                _log.Write(LogLevel.Warning, "mqtt: the previous connection settings are kept in RAM only; a restart during the trial keeps the new ones");
            }

            _log.Write(LogLevel.Info, "mqtt: trying new connection settings; the previous ones come back if no broker is reached within " + Seconds(_timeoutMs) + " s");
        }

        /// <summary>Ends the trial when its deadline has passed: confirmed if a session is up, otherwise rolled back.</summary>
        /// <returns>Milliseconds until the deadline, or the idle poll interval when no trial runs.</returns>
        public int Poll()
        {
            long now = _clock.UptimeMilliseconds;
            lock (_sync)
            {
                if (_fallback == null)
                {
                    return IdlePollMilliseconds;
                }

                if (now < _deadline)
                {
                    long left = _deadline - now;
                    return left > IdlePollMilliseconds ? IdlePollMilliseconds : (int)left;
                }
            }

            if (_session.IsConnected)
            {
                Confirm();
            }
            else
            {
                Restore();
            }

            return 0;
        }

        /// <inheritdoc />
        public void OnConnected()
        {
            if (IsActive)
            {
                Confirm();
            }
        }

        /// <inheritdoc />
        public void OnDisconnected()
        {
        }

        /// <inheritdoc />
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            bool cancel;
            lock (_sync)
            {
                cancel = _fallback != null && (_flags & (RemoteRequestFlag | RestoringFlag)) == 0 && changed.ContainsReachProperty();
                if (cancel)
                {
                    _fallback = null;
                }
            }

            if (cancel)
            {
                _settings.ClearFallback();
                _log.Write(LogLevel.Info, "mqtt: connection settings changed over the UART; the remote change will not be rolled back");
            }
        }

        private void Confirm()
        {
            lock (_sync)
            {
                if (_fallback == null)
                {
                    return;
                }

                _fallback = null;
            }

            _settings.ClearFallback();
            _log.Write(LogLevel.Info, "mqtt: new connection settings confirmed: a broker was reached");
        }

        private void Restore()
        {
            SettingsSnapshot fallback;
            lock (_sync)
            {
                fallback = _fallback;
                if (fallback == null)
                {
                    return;
                }

                _fallback = null;
                _flags |= RestoringFlag;
            }

            try
            {
                SettingsChange change = new SettingsChange();
                for (int i = 0; i < PropertyTable.Count; i++)
                {
                    if (!PropertyIndex.IsReachProperty(i))
                    {
                        continue;
                    }

                    byte[] value = new byte[fallback.GetLength(i)];
                    fallback.CopyValue(i, value, 0);
                    change.Add(i, value, 0, value.Length);
                }

                SettingsApplyResult result = _settings.Apply(change);
                _settings.ClearFallback();
                _counters.CountRollback();
                _session.NoteOnNextConnect("rolled back: no broker reached with new connection settings in " + Seconds(_timeoutMs) + " s; previous settings restored");
                _log.Write(
                    LogLevel.Warning,
                    "mqtt: no broker reached with the new connection settings in " + Seconds(_timeoutMs) + " s; previous settings restored"
                    + (result == SettingsApplyResult.StorageFailed ? " (in RAM only: the flash write failed)" : string.Empty));
            }
            finally
            {
                lock (_sync)
                {
                    _flags &= ~RestoringFlag;
                }
            }
        }

        private static string Seconds(int milliseconds)
        {
            return (milliseconds / 1000).ToString();
        }
    }
}
