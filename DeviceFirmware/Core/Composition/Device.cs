using System;
using System.Threading;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Network;
using DeviceFirmware.Protocol;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Composition
{
    /// <summary>
    /// The firmware, composed once: the settings store, the MMS request handler, the configuration
    /// UART, the WLAN, the MQTT session with MMS over MQTT and telemetry, built from the parts a
    /// <see cref="DevicePlatform"/> hands over. The board's Program, the simulator and the test rigs
    /// differ only in those parts.
    /// </summary>
    /// <remarks>
    /// <para><b>Boot sequence</b> (<see cref="Start"/>): settings first, because everything reads
    /// them (retried, then the defaults); then the serial link, so that a board can always be
    /// reconfigured whatever the network does; then the WLAN, the MQTT session, telemetry, and the
    /// one-shot that restarts the device after a Reset Device answer (<see cref="Reset"/>). Each
    /// part runs on its own <see cref="PollingWorker"/> (or on what the platform's
    /// <see cref="DevicePlatform.Workers"/> gives it) and retries on its own (the UART is reopened,
    /// the WLAN rejoined, the broker reconnected with backoff); no failure stops the device.</para>
    /// <para>The constructor only builds objects: no I/O, no thread. Tests that drive the parts by
    /// hand call <see cref="LoadSettings"/> and poll <see cref="Serial"/>, <see cref="Mqtt"/> and
    /// <see cref="Telemetry"/> with a fake clock instead of calling <see cref="Start"/>.</para>
    /// <para><see cref="Dispose"/> stops the workers in reverse order, closes the MQTT session and the
    /// UART, and detaches from the platform's parts, which stay the platform's: a simulator restart
    /// composes a new device from the same parts.</para>
    /// </remarks>
    public sealed class Device : IDisposable
    {
        private readonly DeviceOptions _options;
        private readonly ILog _log;
        private readonly IWorkerFactory _workerFactory;
        private readonly object _lifecycle = new object();
        private IWorker[] _workers;
        private bool _loaded;
        private bool _started;
        private bool _disposed;

        /// <summary>Builds the device from the platform's parts. Nothing runs until <see cref="Start"/>.</summary>
        /// <param name="platform">The parts: flash, clock and log, and whichever of UART, MQTT, WLAN, sensors and reboot the platform has.</param>
        /// <param name="options">Defaults profile, telemetry interval, session bounds, retry and stop timings.</param>
        public Device(DevicePlatform platform, DeviceOptions options)
        {
            if (platform == null)
            {
                throw new ArgumentNullException("platform");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (options.SettingsLoadAttempts < 1 || options.SettingsRetryMilliseconds < 0 || options.StopTimeoutMilliseconds < 0)
            {
                throw new ArgumentException("settings attempts must be at least 1 and the delays not negative");
            }

            if (options.ResetDelayMilliseconds < 0 || options.ResetDelayMilliseconds >= ResetScheduler.MaxDelayMilliseconds)
            {
                throw new ArgumentException("the reset delay must be 0 to 499 ms");
            }

            _options = options;
            _log = platform.Log;
            _workerFactory = platform.Workers;
            Random random = platform.Random == null ? new Random() : platform.Random;
            BootId = options.Telemetry.BootId == null ? TelemetryOptions.NewBootId(random) : options.Telemetry.BootId;

            Settings = new SettingsStore(platform.Flash, options.Defaults, _log);
            if (platform.Reboot != null)
            {
                Reset = new ResetScheduler(platform.Reboot, platform.Clock, _log, options.ResetDelayMilliseconds);
            }

            Handler = new MmsRequestHandler(Settings, Reset, _log);
            if (platform.SerialPort != null)
            {
                Serial = new SerialLink(platform.SerialPort, Handler, platform.Clock, _log);
            }

            if (platform.Network != null)
            {
                Wlan = new WlanKeeper(platform.Network, Settings, platform.Clock, _log);
                Settings.AddListener(Wlan);
            }

            if (platform.Mqtt != null)
            {
                Mqtt = new MqttSession(platform.Mqtt, platform.Network, Settings, platform.Clock, _log, random, options.Mqtt);
                RemoteCounters remote = new RemoteCounters();
                Trial = new ConnectionTrial(Settings, Mqtt, platform.Clock, _log, remote, options.ConnectionTrialMilliseconds);
                MmsOverMqtt = new MmsMqttService(Mqtt, Handler, Settings, Trial, remote, platform.Clock, _log);
                Mqtt.SetClient(MmsOverMqtt);
                Mqtt.AddListener(Trial);
                Settings.AddListener(Trial);
                Settings.AddListener(MmsOverMqtt);
                TelemetryPayloadBuilder payload = new TelemetryPayloadBuilder(BootId, platform.Sensors);
                Telemetry = new TelemetryPublisher(Settings, payload, Mqtt, platform.Clock, _log, options.Telemetry.IntervalMilliseconds);
                Telemetry.RemoteCounters = remote;
                Settings.AddListener(Telemetry);
            }
        }

        /// <summary>Identifies this boot in every telemetry payload.</summary>
        public string BootId { get; }

        /// <summary>The properties, kept in the platform's flash.</summary>
        public SettingsStore Settings { get; }

        /// <summary>Answers MMS requests, from the UART and from MQTT alike.</summary>
        public MmsRequestHandler Handler { get; }

        /// <summary>Restarts the device after a Reset Device answer; null when the platform cannot restart (the request is then refused).</summary>
        public ResetScheduler Reset { get; }

        /// <summary>The configuration UART; null when the platform has none.</summary>
        public SerialLink Serial { get; }

        /// <summary>Keeps the board on its WLAN; null when the platform's network is always there.</summary>
        public WlanKeeper Wlan { get; }

        /// <summary>The MQTT session; null when the platform has no MQTT client.</summary>
        public MqttSession Mqtt { get; }

        /// <summary>MMS requests over MQTT, on the subscribe topic; null when the platform has no MQTT client.</summary>
        public MmsMqttService MmsOverMqtt { get; }

        /// <summary>The trial of connection settings changed over MQTT; null when the platform has no MQTT client.</summary>
        public ConnectionTrial Trial { get; }

        /// <summary>The telemetry loop; null when the platform has no MQTT client.</summary>
        public TelemetryPublisher Telemetry { get; }

        /// <summary>
        /// Boot step 1: reads the settings from flash, retrying <see cref="DeviceOptions.SettingsLoadAttempts"/>
        /// times, then serves the defaults. Runs once; <see cref="Start"/> calls it when nobody did.
        /// </summary>
        public void LoadSettings()
        {
            lock (_lifecycle)
            {
                if (_loaded)
                {
                    return;
                }

                _loaded = true;
                for (int attempt = 1; attempt <= _options.SettingsLoadAttempts; attempt++)
                {
                    try
                    {
                        Settings.Load();
                        ResumeTrial();
                        return;
                    }
                    catch (Exception ex)
                    {
                        // A flash that cannot be read now may be readable in a moment; after the last
                        // attempt the defaults are served, and the device still answers on its UART.
                        _log.Write(LogLevel.Error, "settings: load attempt " + attempt.ToString() + " failed: " + ex.Message);
                        if (attempt < _options.SettingsLoadAttempts)
                        {
                            Thread.Sleep(_options.SettingsRetryMilliseconds);
                        }
                    }
                }

                _log.Write(LogLevel.Error, "settings: running on defaults");
            }
        }

        // A restart during a trial of remote connection settings must not end it unnoticed.
        private void ResumeTrial()
        {
            if (Trial != null)
            {
                Trial.Resume();
            }
        }

        /// <summary>Runs the boot sequence: the settings (<see cref="LoadSettings"/>), then every part's worker.</summary>
        /// <exception cref="InvalidOperationException">Already started, or disposed.</exception>
        public void Start()
        {
            lock (_lifecycle)
            {
                if (_started || _disposed)
                {
                    throw new InvalidOperationException("a device starts once");
                }

                _started = true;
                LoadSettings();
                if (Telemetry != null)
                {
                    _log.Write(LogLevel.Info, "telemetry: boot " + BootId + ", every " + _options.Telemetry.IntervalMilliseconds.ToString() + " ms");
                }

                // The UART (reads with a timeout), the WLAN (joins) and the session (connects) may
                // block; telemetry and the reset one-shot only compute and hand over.
                _workers = new IWorker[]
                {
                    Worker("serial", Serial, true),
                    Worker("WiFi", Wlan, true),
                    Worker("mqtt", Mqtt, true),
                    Worker("telemetry", Telemetry, false),
                    Worker("reset", Reset, false),
                };

                for (int i = 0; i < _workers.Length; i++)
                {
                    if (_workers[i] != null)
                    {
                        _workers[i].Start();
                    }
                }
            }
        }

        /// <summary>
        /// Stops the workers (the reset one-shot and telemetry first, the UART last), closes the MQTT session and the UART,
        /// and detaches from the platform's parts. Waits up to <see cref="DeviceOptions.StopTimeoutMilliseconds"/>
        /// per worker; a connect still blocked after that closes its session itself when it returns.
        /// </summary>
        public void Dispose()
        {
            IWorker[] workers;
            lock (_lifecycle)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                workers = _workers;
            }

            if (workers != null)
            {
                // A reset still pending dies with the device it was meant to restart.
                Stop(workers[4]);
                Stop(workers[3]);
            }

            if (Mqtt != null)
            {
                // Before joining its worker: that worker may sit in a long connect, and the
                // shutdown tells it to close whatever that connect opens.
                Mqtt.Dispose();
            }

            if (workers != null)
            {
                Stop(workers[2]);
                Stop(workers[1]);
                Stop(workers[0]);
            }

            if (Serial != null)
            {
                Serial.Dispose();
            }

            if (Wlan != null)
            {
                Settings.RemoveListener(Wlan);
            }

            if (Telemetry != null)
            {
                Settings.RemoveListener(Telemetry);
                Settings.RemoveListener(MmsOverMqtt);
                Settings.RemoveListener(Trial);
                Mqtt.RemoveListener(Trial);
                Mqtt.SetClient(null);
            }
        }

        private IWorker Worker(string name, IPollable part, bool mayBlock)
        {
            if (part == null)
            {
                return null;
            }

            return _workerFactory == null ? new PollingWorker(name, part, _log) : _workerFactory.Create(name, part, mayBlock);
        }

        private void Stop(IWorker worker)
        {
            if (worker != null)
            {
                worker.Stop(_options.StopTimeoutMilliseconds);
            }
        }
    }
}
