using System;
using System.Diagnostics;
using System.Threading;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// The device's telemetry pipeline, composed as the device composes it: a <see cref="Device"/> over
/// <see cref="PahoMqttTransport"/>. Each message is a scheduled one: the benchmark moves the device's
/// clock on by one interval and calls <see cref="TelemetryPublisher.Poll"/>, which builds the JSON
/// payload (three sensors, the outbox counters), reads the QoS property and hands the message to the
/// <see cref="MqttSession"/> (QoS 0 straight to the transport, QoS 1/2 through the outbox). The
/// session runs on its own <see cref="PollingWorker"/> as on the device: it sends what waits in the
/// outbox whenever a delivery opens the window.
/// </summary>
/// <remarks>
/// The outbox is sized to hold the whole burst, so that no message is evicted and every one is
/// delivered (checked after each run): the burst is queued as fast as it is produced and sent as
/// fast as the window (<see cref="BenchmarkOptions.Inflight"/>, the same as raw Paho's) allows. The
/// device log drops Info and Debug lines (<see cref="ILog.IsEnabled"/> false), so no line is built
/// per publish; warnings and errors are kept to explain a failed run.
/// </remarks>
public sealed class PipelineScenario : IPublishScenario
{
    // Any interval will do: the clock is moved on by exactly one interval per message.
    private const int IntervalMs = 1000;

    /// <inheritdoc />
    public string Name => "pipeline";

    /// <summary>
    /// Payload size of a telemetry message in the middle of a run of <paramref name="count"/>
    /// messages (the counters' digits grow with the run), so raw Paho can send the same size.
    /// </summary>
    public static int TypicalPayloadBytes(int count)
    {
        var builder = new TelemetryPayloadBuilder(TelemetryOptions.NewBootId(new Random(1)), Sensors());
        long half = Math.Max(1, count / 2);
        return builder.Build(half, 30000, 1, new OutboxCounters(10, 10, 2000, half, half - 10, 0, 0, 0, 0), null).Length;
    }

    /// <inheritdoc />
    public RunResult Run(MosquittoProcess broker, BenchmarkOptions options, int qos, int runNumber)
    {
        string deviceId = BenchmarkNames.DeviceId("pipe", qos, runNumber);
        SettingsDefaults defaults = SettingsDefaults.ForDevice(deviceId)
            .WithText(PropertyIndex.MqttBroker, broker.Host)
            .WithNumber(PropertyIndex.MqttPort, broker.Port)
            .WithNumber(PropertyIndex.MqttQos, qos);
        ISensor[] sensors = Sensors();
        int maxPayload = new TelemetryPayloadBuilder("00000000", sensors).MaxLength;
        var deviceOptions = new DeviceOptions(defaults);
        deviceOptions.Telemetry.BootId = TelemetryOptions.NewBootId(new Random(runNumber));
        deviceOptions.Telemetry.IntervalMilliseconds = IntervalMs;
        deviceOptions.Mqtt.OutboxMaxMessages = options.Count + 1;
        deviceOptions.Mqtt.OutboxMaxBytes = (options.Count + 1) * maxPayload;
        deviceOptions.Mqtt.BackoffJitterPercent = 0;
        deviceOptions.StopTimeoutMilliseconds = 10000;

        var log = new WarningLog();
        var clock = new SkippingClock();
        using var paho = new PahoMqttTransport(log, new PahoTransportSettings { MaxInflight = options.Inflight });
        var transport = new CompletionCounter(paho);
        var platform = new DevicePlatform(new MemoryFlashStorage(), clock, log)
        {
            Mqtt = transport,
            Sensors = sensors,
            Random = new Random(runNumber),
        };
        using var device = new Device(platform, deviceOptions);
        device.LoadSettings();
        MqttSession session = device.Mqtt;
        TelemetryPublisher telemetry = device.Telemetry;
        var sessionWorker = new PollingWorker("mqtt", session, log);
        sessionWorker.Start();
        try
        {
            var connect = Stopwatch.StartNew();
            while (!session.IsConnected)
            {
                if (connect.Elapsed > TimeSpan.FromSeconds(20))
                {
                    throw new InvalidOperationException("pipeline: no session with the broker" + log.Describe());
                }

                Thread.Sleep(5);
            }

            if (telemetry.Topic != BenchmarkNames.TelemetryTopic(deviceId))
            {
                throw new InvalidOperationException("pipeline: unexpected topic " + telemetry.Topic);
            }

            // The first poll schedules the first message one interval ahead.
            telemetry.Poll();
            transport.Expect(qos == 0 ? 1 : options.Count);
            TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < options.Count; i++)
            {
                clock.Skip(IntervalMs);
                telemetry.Poll();
            }

            if (qos == 0)
            {
                // As for raw Paho: a QoS 1 fence on the same connection, acknowledged only once the
                // broker has read every QoS 0 message before it. The session knows nothing of it.
                MqttPublishResult fence = paho.Publish(telemetry.Topic + "/fence", Array.Empty<byte>(), 1, false, out _);
                if (fence != MqttPublishResult.Accepted)
                {
                    throw new InvalidOperationException("pipeline: fence not accepted (" + MqttText.Describe(fence) + ")");
                }
            }

            transport.WaitAll(TimeSpan.FromMinutes(2));
            watch.Stop();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;

            OutboxCounters counters = session.Counters;
            bool complete = telemetry.LastSequence == options.Count && (qos == 0
                ? counters.Sent == options.Count && counters.DroppedOffline == 0
                : counters.Delivered == options.Count && counters.DroppedFull == 0 && counters.Failed == 0);
            if (!complete || counters.Rejected != 0)
            {
                throw new InvalidOperationException(
                    $"pipeline q{qos}: produced {telemetry.LastSequence}, sent {counters.Sent}, delivered {counters.Delivered}, dropped offline {counters.DroppedOffline}, " +
                    $"dropped full {counters.DroppedFull}, failed {counters.Failed}, rejected {counters.Rejected} of {options.Count}" + log.Describe());
            }

            return new RunResult(watch.Elapsed.TotalSeconds, cpu.TotalSeconds);
        }
        finally
        {
            sessionWorker.Stop(deviceOptions.StopTimeoutMilliseconds);
        }
    }

    private static ISensor[] Sensors() => new ISensor[]
    {
        new ConstantSensor("temp_c", 2, 2150),
        new ConstantSensor("rssi_dbm", 0, -61),
        new ConstantSensor("heap_free", 0, 48211),
    };

    /// <summary>A sensor with a fixed reading, as in the README's example payload.</summary>
    private sealed class ConstantSensor : ISensor
    {
        private readonly long _value;

        public ConstantSensor(string name, int decimals, long value)
        {
            Name = name;
            Decimals = decimals;
            _value = value;
        }

        public string Name { get; }

        public int Decimals { get; }

        public bool TryRead(out long scaledValue)
        {
            scaledValue = _value;
            return true;
        }
    }

    /// <summary>
    /// The device's clock for the benchmark: real monotonic time (for the session's timers) plus the
    /// time the benchmark skips to make the next telemetry message due at once.
    /// </summary>
    private sealed class SkippingClock : IClock
    {
        private readonly StopwatchClock _real = new();
        private long _skipped;

        public long UptimeMilliseconds => _real.UptimeMilliseconds + Interlocked.Read(ref _skipped);

        public void Skip(long milliseconds) => Interlocked.Add(ref _skipped, milliseconds);
    }

    /// <summary>
    /// The device log of a run: Info and Debug are off (<see cref="IsEnabled"/> says so, so the
    /// session builds no line per publish); warnings and errors are counted and the last few kept for
    /// the message of a failed run.
    /// </summary>
    private sealed class WarningLog : ILog
    {
        private readonly object _sync = new();
        private readonly string[] _last = new string[8];
        private int _count;

        public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

        public void Write(LogLevel level, string message)
        {
            if (!IsEnabled(level))
            {
                return;
            }

            lock (_sync)
            {
                _last[_count % _last.Length] = level + " " + message;
                _count++;
            }
        }

        public string Describe()
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    return string.Empty;
                }

                var text = new System.Text.StringBuilder("; device log, last warnings:");
                for (int i = Math.Max(0, _count - _last.Length); i < _count; i++)
                {
                    text.Append("\n  ").Append(_last[i % _last.Length]);
                }

                return text.ToString();
            }
        }
    }

    /// <summary>
    /// Measurement only: passes every call and report through unchanged, with the transport's
    /// capabilities (its window and that it copies payloads, so the session composes exactly as with
    /// the bare transport), and signals once the expected number of deliveries has reached the
    /// session (after it handled the last one). Raw Paho's scenario counts its deliveries the same way.
    /// </summary>
    private sealed class CompletionCounter : IMqttTransport, IMqttTransportListener
    {
        private readonly PahoMqttTransport _inner;
        private readonly ManualResetEventSlim _done = new(false);
        private volatile IMqttTransportListener _listener;
        private int _expected = int.MaxValue;
        private int _delivered;
        private volatile string _failure;

        public CompletionCounter(PahoMqttTransport inner)
        {
            _inner = inner;
        }

        public bool IsConnected => _inner.IsConnected;

        public int MaxInflight => _inner.MaxInflight;

        public bool CopiesPayload => _inner.CopiesPayload;

        public void Expect(int deliveries)
        {
            _done.Reset();
            Volatile.Write(ref _delivered, 0);
            Volatile.Write(ref _expected, deliveries);
        }

        public void WaitAll(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!_done.Wait(TimeSpan.FromSeconds(1)))
            {
                if (_failure != null || clock.Elapsed > timeout)
                {
                    throw new InvalidOperationException($"pipeline: only {Volatile.Read(ref _delivered)} of {_expected} acknowledgements arrived{(_failure == null ? string.Empty : " (" + _failure + ")")}");
                }
            }
        }

        public void SetListener(IMqttTransportListener listener)
        {
            _listener = listener;
            _inner.SetListener(listener == null ? null : this);
        }

        public MqttConnectResult Connect(MqttConnectOptions options) => _inner.Connect(options);

        public void Disconnect() => _inner.Disconnect();

        public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
            => _inner.Publish(topic, payload, qos, retain, out messageId);

        public MqttSubscribeResult Subscribe(string topicFilter, int qos) => _inner.Subscribe(topicFilter, qos);

        public bool Unsubscribe(string topicFilter) => _inner.Unsubscribe(topicFilter);

        public void OnMessage(string topic, byte[] payload, bool retained) => _listener?.OnMessage(topic, payload, retained);

        public void OnDelivered(int messageId)
        {
            _listener?.OnDelivered(messageId);
            if (Interlocked.Increment(ref _delivered) == Volatile.Read(ref _expected))
            {
                _done.Set();
            }
        }

        public void OnDeliveryFailed(int messageId) => _listener?.OnDeliveryFailed(messageId);

        public void OnInflightLost()
        {
            _listener?.OnInflightLost();
        }

        public void OnConnectionLost(string reason)
        {
            _failure = "connection lost: " + reason;
            _listener?.OnConnectionLost(reason);
        }
    }
}
