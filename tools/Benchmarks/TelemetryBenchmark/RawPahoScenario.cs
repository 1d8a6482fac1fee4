using System;
using System.Diagnostics;
using System.Threading;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt.Native;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// The baseline: the Paho MQTT C synchronous client driven directly through the P/Invoke layer, no
/// core code in between. QoS 1/2 use a window of <see cref="BenchmarkOptions.Inflight"/> messages,
/// refilled from the deliveryComplete callback, because MQTTClient_publish itself waits for window
/// space by sleeping in 100 ms steps, which would measure the sleep instead of the library.
/// Everything the broker sees matches the pipeline's messages: a topic and client ID of the same
/// shape and length (<see cref="BenchmarkNames"/>), the same payload size, MQTT 3.1.1, keep-alive
/// 60 s and clean session off, as the device connects.
/// </summary>
public sealed class RawPahoScenario : IPublishScenario
{
    // One client at a time: the static callbacks reach the run in progress through this field.
    private static RawPahoScenario _current;
    private static readonly PahoDeliveryComplete DeliveredThunk = (context, token) => _current?.OnDelivered();
    private static readonly PahoConnectionLost LostThunk = (context, cause) => _current?.OnLost();
    private static readonly PahoMessageArrived ArrivedThunk = (context, topic, length, message) =>
    {
        PahoLibrary.Plain.FreeMessage(ref message);
        PahoLibrary.Plain.Free(topic);
        return 1;
    };

    private readonly PahoLibrary _api = PahoLibrary.Plain;
    private SemaphoreSlim _window;
    private ManualResetEventSlim _allDone;
    private int _expected;
    private int _delivered;
    private volatile bool _lost;

    /// <inheritdoc />
    public string Name => "raw Paho";

    /// <inheritdoc />
    public RunResult Run(MosquittoProcess broker, BenchmarkOptions options, int qos, int runNumber)
    {
        string deviceId = BenchmarkNames.DeviceId("rawp", qos, runNumber);
        string clientId = BenchmarkNames.ClientId(deviceId);
        int rc = _api.Create(out IntPtr handle, $"tcp://{broker.Host}:{broker.Port}", clientId, PahoConstants.PersistenceNone, IntPtr.Zero);
        Check(rc, "create");
        _current = this;
        _window = new SemaphoreSlim(options.Inflight, options.Inflight);
        _allDone = new ManualResetEventSlim(false);
        _expected = qos == 0 ? 1 : options.Count;
        _delivered = 0;
        _lost = false;
        try
        {
            Check(_api.SetCallbacks(handle, IntPtr.Zero, LostThunk, ArrivedThunk, DeliveredThunk), "setCallbacks");
            MQTTClient_connectOptions connect = MQTTClient_connectOptions.CreateDefault();
            connect.keepAliveInterval = 60;
            connect.cleansession = 0;
            connect.reliable = 0;
            connect.connectTimeout = 10;
            connect.MQTTVersion = PahoConstants.MqttVersion311;
            connect.maxInflightMessages = options.Inflight;
            Check(_api.Connect(handle, ref connect), "connect");

            var payload = new byte[options.PayloadBytes ?? throw new ArgumentException("payload size not resolved")];
            new Random(42).NextBytes(payload);
            string topic = BenchmarkNames.TelemetryTopic(deviceId);

            TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < options.Count; i++)
            {
                if (qos > 0)
                {
                    AcquireWindow();
                }

                Check(_api.Publish(handle, topic, payload.Length, payload, qos, 0, out _), "publish");
            }

            if (qos == 0)
            {
                // The broker handles one connection's packets in order: once this QoS 1 fence is
                // acknowledged, it has received every QoS 0 message before it.
                AcquireWindow();
                Check(_api.Publish(handle, topic + "/fence", 0, Array.Empty<byte>(), 1, 0, out _), "publish fence");
            }

            var deadline = Stopwatch.StartNew();
            while (!_allDone.Wait(TimeSpan.FromSeconds(1)))
            {
                if (_lost || deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"only {Volatile.Read(ref _delivered)} of {_expected} acknowledgements arrived");
                }
            }

            clock.Stop();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            _api.Disconnect(handle, 1000);
            return new RunResult(clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
        }
        finally
        {
            _api.Destroy(ref handle);
            _current = null;
            _window.Dispose();
            _allDone.Dispose();
        }
    }

    private void AcquireWindow()
    {
        while (!_window.Wait(TimeSpan.FromSeconds(1)))
        {
            if (_lost)
            {
                throw new InvalidOperationException("connection lost during the run");
            }
        }
    }

    // Paho's background thread, its global mutex held: count and release, nothing more.
    private void OnDelivered()
    {
        _window.Release();
        if (Interlocked.Increment(ref _delivered) == _expected)
        {
            _allDone.Set();
        }
    }

    private void OnLost() => _lost = true;

    private void Check(int rc, string what)
    {
        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"{what}: {_api.Describe(rc)}");
        }
    }
}
