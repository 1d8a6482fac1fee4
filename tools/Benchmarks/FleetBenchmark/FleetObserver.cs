using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.Benchmarks.Fleet;

/// <summary>
/// Watches a fleet through the broker the way an operator's dashboard would: one Paho client
/// subscribed to every device's retained status and telemetry, recording when each telemetry message
/// arrived (on the benchmark's stopwatch) and the QoS its payload says it was published with.
/// </summary>
internal sealed class FleetObserver : IMqttTransportListener, IDisposable
{
    private const string TopicRoot = "DeviceFirmware/Server/";
    private const string StatusSuffix = "/Status";
    private const string TelemetrySuffix = "/Telemetry";

    private readonly object _sync = new();
    private readonly Stopwatch _clock;
    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(TimeSpan At, int Qos)>> _telemetry = new(StringComparer.Ordinal);
    private readonly PahoMqttTransport _transport;
    private int _unparsed;

    private FleetObserver(Stopwatch clock, PahoMqttTransport transport)
    {
        _clock = clock;
        _transport = transport;
    }

    /// <summary>Connects to the broker and subscribes to every device's status (retained) and telemetry at QoS 2.</summary>
    public static FleetObserver Connect(string host, int port, Stopwatch clock)
    {
        // A wide window: the observer only receives, and a whole fleet's telemetry arrives at once.
        var transport = new PahoMqttTransport(null, new PahoTransportSettings { MaxInflight = 100 });
        var observer = new FleetObserver(clock, transport);
        transport.SetListener(observer);
        MqttConnectResult connected = transport.Connect(new MqttConnectOptions
        {
            Broker = host,
            Port = port,
            ClientId = "fleet-observer-" + Environment.ProcessId,
            KeepAliveSeconds = 30,
            CleanSession = true,
        });
        if (connected != MqttConnectResult.Success)
        {
            transport.Dispose();
            throw new InvalidOperationException($"observer: connect to {host}:{port} failed: {connected}");
        }

        foreach (string filter in new[] { TopicRoot + "+" + StatusSuffix, TopicRoot + "+" + TelemetrySuffix })
        {
            MqttSubscribeResult subscribed = transport.Subscribe(filter, 2);
            if (subscribed != MqttSubscribeResult.Subscribed)
            {
                transport.Dispose();
                throw new InvalidOperationException($"observer: subscribe to {filter} failed: {subscribed}");
            }
        }

        return observer;
    }

    /// <summary>Devices whose retained status reads <c>connected</c> (case-insensitively, as MagTek's hosts read it).</summary>
    public int ConnectedCount
    {
        get
        {
            lock (_sync)
            {
                int count = 0;
                foreach (string status in _status.Values)
                {
                    if (string.Equals(status, "connected", StringComparison.OrdinalIgnoreCase))
                    {
                        count++;
                    }
                }

                return count;
            }
        }
    }

    /// <summary>Telemetry payloads that were not the JSON the device publishes (should stay 0).</summary>
    public int Unparsed
    {
        get
        {
            lock (_sync)
            {
                return _unparsed;
            }
        }
    }

    /// <summary>Devices that have published at least one telemetry message.</summary>
    public int DevicesWithTelemetry
    {
        get
        {
            lock (_sync)
            {
                return _telemetry.Count;
            }
        }
    }

    /// <summary>
    /// For every device seen, the arrival time of its first telemetry message at <paramref name="qos"/>
    /// that arrived after <paramref name="since"/>, or null when none has yet.
    /// </summary>
    public Dictionary<string, TimeSpan?> FirstAt(int qos, TimeSpan since)
    {
        lock (_sync)
        {
            var first = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, List<(TimeSpan At, int Qos)>> device in _telemetry)
            {
                TimeSpan? found = null;
                foreach ((TimeSpan at, int messageQos) in device.Value)
                {
                    if (at >= since && messageQos == qos)
                    {
                        found = at;
                        break;
                    }
                }

                first[device.Key] = found;
            }

            return first;
        }
    }

    /// <inheritdoc />
    public void OnMessage(string topic, byte[] payload, bool retained)
    {
        TimeSpan at = _clock.Elapsed;
        if (!topic.StartsWith(TopicRoot, StringComparison.Ordinal))
        {
            return;
        }

        if (topic.EndsWith(StatusSuffix, StringComparison.Ordinal))
        {
            string device = topic[TopicRoot.Length..^StatusSuffix.Length];
            string status = Encoding.ASCII.GetString(payload);
            lock (_sync)
            {
                // The rollback note is not retained and not a state: only connected/disconnected count.
                if (status.Equals("connected", StringComparison.OrdinalIgnoreCase) || status.Equals("disconnected", StringComparison.OrdinalIgnoreCase))
                {
                    _status[device] = status;
                }
            }
        }
        else if (topic.EndsWith(TelemetrySuffix, StringComparison.Ordinal))
        {
            string device = topic[TopicRoot.Length..^TelemetrySuffix.Length];
            int qos;
            try
            {
                using JsonDocument json = JsonDocument.Parse(payload);
                qos = json.RootElement.GetProperty("qos").GetInt32();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                lock (_sync)
                {
                    _unparsed++;
                }

                return;
            }

            lock (_sync)
            {
                if (!_telemetry.TryGetValue(device, out List<(TimeSpan At, int Qos)> list))
                {
                    list = new List<(TimeSpan At, int Qos)>();
                    _telemetry[device] = list;
                }

                list.Add((at, qos));
            }
        }
    }

    /// <inheritdoc />
    public void OnDelivered(int messageId)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryFailed(int messageId)
    {
    }

    /// <inheritdoc />
    public void OnInflightLost()
    {
    }

    /// <inheritdoc />
    public void OnConnectionLost(string reason)
    {
        Console.Error.WriteLine("observer: connection lost: " + reason);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _transport.Disconnect();
        _transport.Dispose();
    }
}
