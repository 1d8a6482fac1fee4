using System;
using System.Diagnostics;
using System.Threading;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// The device's telemetry pipeline: <see cref="TelemetryService.PublishBurst"/> builds each JSON
/// payload (three sensors, the outbox counters), reads the QoS property, and hands the message to
/// the sender (QoS 0 straight to the transport, QoS 1/2 through the outbox), which publishes through
/// <see cref="PahoMqttTransport"/>. The service runs its own threads as on the device: the
/// telemetry thread sends what waits in the outbox whenever a delivery opens the window.
/// </summary>
/// <remarks>
/// The outbox is sized to hold the whole burst, so that no message is evicted and every one is
/// delivered (checked after each run): the burst is queued as fast as it is produced and sent as
/// fast as the window (<see cref="BenchmarkOptions.Inflight"/>, the same as raw Paho's) allows.
/// The interval is one hour so the timer adds nothing; publish log lines are off.
/// </remarks>
public sealed class PipelineScenario : IPublishScenario
{
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
        return builder.Build(half, 30000, 1, new OutboxCounters(10, 10, 2000, half, half - 10, 0, 0, 0, 0)).Length;
    }

    /// <inheritdoc />
    public RunResult Run(MosquittoProcess broker, BenchmarkOptions options, int qos, int runNumber)
    {
        string deviceId = BenchmarkNames.DeviceId("pipe", qos, runNumber);
        SettingsDefaults defaults = SettingsDefaults.ForDevice(deviceId)
            .WithText(PropertyIndex.MqttBroker, broker.Host)
            .WithNumber(PropertyIndex.MqttPort, broker.Port)
            .WithNumber(PropertyIndex.MqttQos, qos);
        var settings = new SettingsStore(new MemoryFlashStorage(), defaults, null);
        settings.Load();

        ISensor[] sensors = Sensors();
        int maxPayload = new TelemetryPayloadBuilder("00000000", sensors).MaxLength;
        var telemetryOptions = new TelemetryOptions
        {
            BootId = TelemetryOptions.NewBootId(new Random(runNumber)),
            IntervalMilliseconds = 3600 * 1000,
            LogEachPublish = false,
            OutboxMaxMessages = options.Count + 1,
            OutboxMaxBytes = (options.Count + 1) * maxPayload,
            BackoffJitterPercent = 0,
        };

        using var paho = new PahoMqttTransport(null, new PahoTransportSettings { MaxInflight = options.Inflight });
        var transport = new CompletionCounter(paho);
        using var service = new TelemetryService(transport, settings, sensors, new StopwatchClock(), null, new Random(runNumber), telemetryOptions);
        service.Start();
        var connect = Stopwatch.StartNew();
        while (!service.Connection.IsConnected)
        {
            if (connect.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException("pipeline: no session with the broker");
            }

            Thread.Sleep(5);
        }

        if (service.Publisher.Topic != BenchmarkNames.TelemetryTopic(deviceId))
        {
            throw new InvalidOperationException("pipeline: unexpected topic " + service.Publisher.Topic);
        }

        transport.Expect(qos == 0 ? 1 : options.Count);
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        service.PublishBurst(options.Count);
        if (qos == 0)
        {
            // As for raw Paho: a QoS 1 fence on the same connection, acknowledged only once the
            // broker has read every QoS 0 message before it.
            int fence = paho.Publish(service.Publisher.Topic + "/fence", Array.Empty<byte>(), 1);
            if (fence < 0)
            {
                throw new InvalidOperationException($"pipeline: fence not accepted ({fence})");
            }
        }

        transport.WaitAll(TimeSpan.FromMinutes(2));
        clock.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;

        OutboxCounters counters = service.Counters;
        bool complete = qos == 0
            ? counters.Sent == options.Count && counters.DroppedOffline == 0
            : counters.Delivered == options.Count && counters.DroppedFull == 0 && counters.Failed == 0;
        if (!complete || counters.Rejected != 0)
        {
            throw new InvalidOperationException(
                $"pipeline q{qos}: sent {counters.Sent}, delivered {counters.Delivered}, dropped offline {counters.DroppedOffline}, " +
                $"dropped full {counters.DroppedFull}, failed {counters.Failed}, rejected {counters.Rejected} of {options.Count}");
        }

        service.Stop();
        return new RunResult(clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
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
    /// Measurement only: passes every call and event through unchanged, and signals once the
    /// expected number of deliveries has reached the pipeline (after it handled the last one). Raw
    /// Paho's scenario counts its deliveries the same way.
    /// </summary>
    // Carries the Paho transport's capability mark (it forwards Publish unchanged, and Paho copies the
    // payload), so the service composes the same pipeline as with the bare transport.
    private sealed class CompletionCounter : IPayloadCopyingMqttTransport, IMqttTransportListener
    {
        private readonly PahoMqttTransport _inner;
        private readonly ManualResetEventSlim _done = new(false);
        private volatile IMqttTransportListener _listener;
        private int _expected = int.MaxValue;
        private int _delivered;
        private volatile bool _lost;

        public CompletionCounter(PahoMqttTransport inner)
        {
            _inner = inner;
        }

        public bool IsConnected => _inner.IsConnected;

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
                if (_lost || clock.Elapsed > timeout)
                {
                    throw new InvalidOperationException($"pipeline: only {Volatile.Read(ref _delivered)} of {_expected} acknowledgements arrived");
                }
            }
        }

        public void SetListener(IMqttTransportListener listener)
        {
            _listener = listener;
            _inner.SetListener(listener == null ? null : this);
        }

        public int Connect(MqttConnectOptions options) => _inner.Connect(options);

        public void Disconnect() => _inner.Disconnect();

        public int Publish(string topic, byte[] payload, int qos) => _inner.Publish(topic, payload, qos);

        public void OnDelivered(int messageId)
        {
            _listener?.OnDelivered(messageId);
            if (Interlocked.Increment(ref _delivered) == Volatile.Read(ref _expected))
            {
                _done.Set();
            }
        }

        public void OnDeliveryFailed(int messageId) => _listener?.OnDeliveryFailed(messageId);

        public void OnConnectionLost(string reason)
        {
            _lost = true;
            _listener?.OnConnectionLost(reason);
        }
    }
}
