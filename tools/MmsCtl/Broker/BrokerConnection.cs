using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// mmsctl's one MQTT session, on the host's <see cref="PahoMqttTransport"/>: connect with a clear
/// error for every way it can fail, subscribe, publish, and a queue of what arrived. Paho reports on
/// its own threads; the listener only queues, and everything that calls Paho happens on mmsctl's
/// thread (the <see cref="IMqttTransport"/> contract).
/// </summary>
/// <remarks>
/// <para><b>In-flight window.</b> Paho blocks a publish while its window of unacknowledged QoS 1/2
/// messages is full, in 100 ms sleeps, and the transport's default window is 10 (the device's). mmsctl
/// opens it to <see cref="InflightWindow"/>, the whole packet-ID space, so <c>--all</c> can have a
/// request to every device of a large fleet in flight at once. Should the client still report a full
/// window (<see cref="MqttPublishResult.InflightFull"/>), the publish is retried every millisecond until
/// the request's deadline.</para>
/// </remarks>
public sealed class BrokerConnection : IDisposable, IMqttTransportListener
{
    /// <summary>Paho's in-flight window for mmsctl: every MQTT packet ID may be in flight.</summary>
    public const int InflightWindow = 65535;

    // Time the disconnect gives open handshakes: by the time mmsctl is done every PUBACK is long in.
    private const int DisconnectMilliseconds = 500;

    private readonly PahoMqttTransport _transport;
    private readonly BrokerSettings _settings;
    private readonly BlockingCollection<BrokerArrival> _arrivals = new(new ConcurrentQueue<BrokerArrival>());
    private volatile string _lostReason;

    private BrokerConnection(BrokerSettings settings, PahoMqttTransport transport)
    {
        _settings = settings;
        _transport = transport;
    }

    /// <summary>The broker, as <c>host:port</c>.</summary>
    public string Broker => _settings.Address.ToString();

    /// <summary>The client ID the session uses.</summary>
    public string ClientId => _settings.ClientId;

    /// <summary>Connects to the broker.</summary>
    /// <exception cref="MmsCtlException">Refused, unreachable, or the TLS handshake failed: one line saying which (exit code 2).</exception>
    public static BrokerConnection Open(BrokerSettings settings)
    {
        PahoTransportSettings transportSettings = new()
        {
            MaxInflight = InflightWindow,
            ConnectTimeoutSeconds = ConnectTimeoutSeconds(settings.TimeoutMilliseconds),
            DisconnectTimeoutMilliseconds = DisconnectMilliseconds,
            TrustStorePath = settings.CaFile,
        };
        PahoMqttTransport transport = new(NullLog.Instance, transportSettings);
        BrokerConnection connection = new(settings, transport);
        transport.SetListener(connection);
        MqttConnectResult result;
        try
        {
            result = transport.Connect(settings.ConnectOptions());
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            transport.Dispose();
            throw new MmsCtlException($"cannot load the Paho MQTT C library ({ex.Message}); install libpaho-mqtt (see the README)", ExitCodes.Error);
        }

        if (result != MqttConnectResult.Success)
        {
            transport.Dispose();
            throw new MmsCtlException(DescribeFailure(settings, result), ExitCodes.Error);
        }

        return connection;
    }

    /// <summary>Paho's connect timeout for an mmsctl <c>--timeout</c>: the same time in whole seconds, at least 1.</summary>
    public static int ConnectTimeoutSeconds(int timeoutMilliseconds) => Math.Max(1, (timeoutMilliseconds + 999) / 1000);

    /// <summary>Subscribes and waits for the broker's answer.</summary>
    /// <exception cref="MmsCtlException">Refused by the broker, or no answer (exit code 2).</exception>
    public void Subscribe(string filter, int qos)
    {
        MqttSubscribeResult result = _transport.Subscribe(filter, qos);
        switch (result)
        {
            case MqttSubscribeResult.Subscribed:
                return;
            case MqttSubscribeResult.Refused:
                throw new MmsCtlException($"the broker at {Broker} refused the subscription to '{filter}' (is this user allowed to read it?)", ExitCodes.Error);
            case MqttSubscribeResult.NotConnected:
                throw Lost();
            default:
                throw new MmsCtlException($"the subscription to '{filter}' at {Broker} failed: {MqttText.Describe(result)}", ExitCodes.Error);
        }
    }

    /// <summary>Subscribes; returns the broker's verdict instead of throwing.</summary>
    public MqttSubscribeResult TrySubscribe(string filter, int qos) => _transport.Subscribe(filter, qos);

    /// <summary>Ends a subscription; false when it could not be sent.</summary>
    public bool Unsubscribe(string filter) => _transport.Unsubscribe(filter);

    /// <summary>Publishes one message (not retained).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload (Paho copies it).</param>
    /// <param name="qos">0, 1 or 2.</param>
    /// <param name="deadline">Stopwatch timestamp after which a full in-flight window is given up on.</param>
    /// <exception cref="MmsCtlException">The connection is gone, or the client refused the message (exit code 2).</exception>
    public void Publish(string topic, byte[] payload, int qos, long deadline)
    {
        while (true)
        {
            MqttPublishResult result = _transport.Publish(topic, payload, qos, false, out _);
            switch (result)
            {
                case MqttPublishResult.Accepted:
                    return;
                case MqttPublishResult.InflightFull when Stopwatch.GetTimestamp() < deadline:
                    Thread.Sleep(1);
                    continue;
                case MqttPublishResult.NotConnected:
                    throw Lost();
                default:
                    throw new MmsCtlException($"the request to '{topic}' was not sent: {MqttText.Describe(result)}", ExitCodes.Error);
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for the next message or loss report.</summary>
    public bool TryTake(out BrokerArrival arrival, int timeoutMilliseconds)
        => _arrivals.TryTake(out arrival, Math.Max(0, timeoutMilliseconds));

    /// <summary>The exception for a lost connection, with the reason Paho gave.</summary>
    public MmsCtlException Lost()
        => new($"the connection to the broker at {Broker} was lost{(_lostReason == null ? string.Empty : " (" + _lostReason + ")")}", ExitCodes.Error);

    /// <summary>Disconnects.</summary>
    public void Dispose()
    {
        _transport.Dispose();
        _arrivals.Dispose();
    }

    /// <inheritdoc />
    void IMqttTransportListener.OnMessage(string topic, byte[] payload, bool retained)
        => TryAdd(new BrokerArrival(topic, payload, retained, Stopwatch.GetTimestamp(), null));

    /// <inheritdoc />
    void IMqttTransportListener.OnConnectionLost(string reason)
    {
        _lostReason = reason;
        TryAdd(new BrokerArrival(null, null, false, Stopwatch.GetTimestamp(), reason));
    }

    /// <inheritdoc />
    void IMqttTransportListener.OnDelivered(int messageId)
    {
        // The answer is what counts; the broker's PUBACK says nothing about the device.
    }

    /// <inheritdoc />
    void IMqttTransportListener.OnDeliveryFailed(int messageId)
    {
        // A request that never reached the broker ends as "no answer" at its deadline.
    }

    /// <inheritdoc />
    void IMqttTransportListener.OnInflightLost()
    {
        // As above: only answers matter, and they have deadlines.
    }

    /// <summary>The one-line reason for a failed connect.</summary>
    public static string DescribeFailure(BrokerSettings settings, MqttConnectResult result)
    {
        string broker = settings.Address.ToString();
        switch (result)
        {
            case MqttConnectResult.RefusedBadCredentials:
                return $"the broker at {broker} refused the connection: bad user name or password (check --username and --password)";
            case MqttConnectResult.RefusedNotAuthorized:
                return $"the broker at {broker} refused the connection: not authorised (check --username and --password)";
            case MqttConnectResult.RefusedIdentifier:
                return $"the broker at {broker} refused the client ID '{settings.ClientId}' (give another with --client-id)";
            case MqttConnectResult.RefusedServerUnavailable:
                return $"the broker at {broker} refused the connection: server unavailable";
            case MqttConnectResult.RefusedProtocolVersion:
                return $"the broker at {broker} refused the connection: it does not accept MQTT 3.1.1";
            case MqttConnectResult.InvalidOptions:
                return $"cannot connect to {broker}: the MQTT client refused the connection options";
            default:
                return DescribeNetworkFailure(settings);
        }
    }

    // Paho reports a refused TCP connection, a failed TLS handshake and a silent broker alike; a plain
    // TCP connect tells them apart.
    private static string DescribeNetworkFailure(BrokerSettings settings)
    {
        string broker = settings.Address.ToString();
        int seconds = ConnectTimeoutSeconds(settings.TimeoutMilliseconds);
        string tcpProblem = ProbeTcp(settings.Address, seconds * 1000);
        if (tcpProblem != null)
        {
            return $"broker unreachable: cannot connect to {broker} ({tcpProblem})";
        }

        if (settings.UseTls)
        {
            string trust = settings.CaFile == null ? "the system's certificate authorities" : "the CA file " + settings.CaFile;
            return $"TLS handshake with {broker} failed: the broker's certificate is not trusted by {trust}, does not name {settings.Address.Host}, or the port does not speak TLS";
        }

        return $"the broker at {broker} accepted a TCP connection but did not answer MQTT within {seconds} s (a TLS port? use port {BrokerAddress.TlsPort} or --ca-file)";
    }

    private static string ProbeTcp(BrokerAddress address, int timeoutMilliseconds)
    {
        try
        {
            using TcpClient client = new();
            if (!client.ConnectAsync(address.Host, address.Port).Wait(timeoutMilliseconds))
            {
                return $"no answer within {timeoutMilliseconds / 1000} s";
            }

            return null;
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException socket)
        {
            return socket.Message;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return ex.Message;
        }
    }

    private void TryAdd(BrokerArrival arrival)
    {
        try
        {
            _arrivals.Add(arrival);
        }
        catch (ObjectDisposedException)
        {
            // A late report after Dispose: nobody is waiting any more.
        }
        catch (InvalidOperationException)
        {
            // Marked complete: same.
        }
    }
}
