using System;
using System.Diagnostics;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// One device through a broker: requests are published to its command topic, answers read from its
/// response topic (subscribed before the first request goes out), matched as over a serial port
/// (<see cref="MmsRequestMatch"/>).
/// </summary>
public sealed class BrokerChannel : IMmsChannel
{
    private readonly BrokerConnection _connection;
    private readonly BrokerSettings _settings;
    private readonly string _label;
    private readonly string _commandTopic;
    private readonly string _responseTopic;

    private BrokerChannel(BrokerConnection connection, BrokerSettings settings, string label, string commandTopic, string responseTopic)
    {
        _connection = connection;
        _settings = settings;
        _label = label;
        _commandTopic = commandTopic;
        _responseTopic = responseTopic;
    }

    /// <summary>Connects and subscribes to the device's answers.</summary>
    /// <param name="settings">The broker and the options.</param>
    /// <param name="deviceId">The device ID (null when the topics hold no <c>{id}</c> and none was given).</param>
    /// <exception cref="MmsCtlException">The broker cannot be reached or refuses the subscription (exit code 2).</exception>
    public static BrokerChannel Open(BrokerSettings settings, string deviceId)
    {
        string commandTopic = settings.CommandTopic.For(deviceId);
        string responseTopic = settings.ResponseTopic.For(deviceId);
        BrokerConnection connection = BrokerConnection.Open(settings);
        try
        {
            connection.Subscribe(responseTopic, settings.Qos);
            return new BrokerChannel(connection, settings, Label(deviceId, responseTopic), commandTopic, responseTopic);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>How timeouts name the device: <c>device ID</c>, or the response topic when there is no ID.</summary>
    public static string Label(string deviceId, string responseTopic) => deviceId != null ? "device " + deviceId : $"'{responseTopic}'";

    /// <summary>The timeout message: <c>no answer from device X within N ms</c>.</summary>
    public static string NoAnswer(string label, int timeoutMilliseconds) => $"no answer from {label} within {timeoutMilliseconds} ms";

    /// <inheritdoc />
    public MmsExchange Exchange(byte[] request)
    {
        MmsRequestMatch match = MmsRequestMatch.For(request);
        long deadline = Stopwatch.GetTimestamp() + (_settings.TimeoutMilliseconds * Stopwatch.Frequency / 1000);
        _connection.Publish(_commandTopic, MqttPayload.Encode(request, _settings.Binary), _settings.Qos, deadline);
        int ignored = 0;
        while (true)
        {
            long remainingTicks = deadline - Stopwatch.GetTimestamp();
            if (remainingTicks <= 0)
            {
                throw new MmsCtlException(NoAnswer(_label, _settings.TimeoutMilliseconds), ExitCodes.Error);
            }

            if (!_connection.TryTake(out BrokerArrival arrival, (int)Math.Ceiling(remainingTicks * 1000.0 / Stopwatch.Frequency)))
            {
                continue;
            }

            if (arrival.IsLoss)
            {
                throw _connection.Lost();
            }

            if (arrival.Topic != _responseTopic)
            {
                continue;
            }

            MmsReply reply = MmsReply.TryParse(MqttPayload.Decode(arrival.Payload));
            if (match.Accepts(reply))
            {
                return new MmsExchange { Reply = reply, Ignored = ignored };
            }

            ignored++;
        }
    }

    /// <summary>Disconnects.</summary>
    public void Dispose() => _connection.Dispose();
}

/// <summary>Opens <see cref="BrokerChannel"/>s to one device.</summary>
/// <param name="Settings">The broker and the options.</param>
/// <param name="DeviceId">The device (null when the topics are explicit and hold no <c>{id}</c>).</param>
public sealed record BrokerChannelFactory(BrokerSettings Settings, string DeviceId) : IMmsChannelFactory
{
    /// <inheritdoc />
    public IMmsChannel Open() => BrokerChannel.Open(Settings, DeviceId);

    /// <inheritdoc />
    public void Describe(JsonReport report)
        => report.Set("broker", Settings.Address.ToString())
            .Set("device", DeviceId)
            .Set("commandTopic", Settings.CommandTopic.For(DeviceId))
            .Set("responseTopic", Settings.ResponseTopic.For(DeviceId));
}
