using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// A configuration host on MQTT, as MagTek's server or mmsctl over a broker would be: it publishes
/// MMS requests to a device's command topic and reads what the device publishes under its publish
/// topic (answers on <c>/MMSMessage</c>, telemetry, status). Built on <see cref="PahoTestSubscriber"/>
/// (real Paho C), subscribed at QoS 2 so every packet arrives at the QoS the device published it with.
/// </summary>
public sealed class RemoteConfigClient : IDisposable
{
    private RemoteConfigClient(PahoTestSubscriber mqtt, string commandTopic, string publishTopic)
    {
        Mqtt = mqtt;
        CommandTopic = commandTopic;
        PublishTopic = publishTopic;
    }

    /// <summary>The underlying client: every message it received, and raw publishing.</summary>
    public PahoTestSubscriber Mqtt { get; }

    /// <summary>Where requests go: the device's subscribe topic (1.2.2.1.2.4).</summary>
    public string CommandTopic { get; }

    /// <summary>The device's publish topic (1.2.2.1.2.5) this client watches.</summary>
    public string PublishTopic { get; }

    /// <summary>Where answers come: <see cref="PublishTopic"/> plus "/MMSMessage".</summary>
    public string AnswerTopic => PublishTopic + "/MMSMessage";

    /// <summary>Telemetry: <see cref="PublishTopic"/> plus "/Telemetry".</summary>
    public string TelemetryTopic => PublishTopic + "/Telemetry";

    /// <summary>Status: <see cref="PublishTopic"/> plus "/Status".</summary>
    public string StatusTopic => PublishTopic + "/Status";

    /// <summary>
    /// Connects to <paramref name="broker"/> and subscribes to everything under the device's publish
    /// topic. The topics are read from the device's settings now (the defaults unless changed).
    /// </summary>
    /// <param name="broker">The device's broker.</param>
    /// <param name="device">The device to configure.</param>
    /// <param name="username">User name on a broker with a password file; null for anonymous.</param>
    /// <param name="password">Its password.</param>
    /// <param name="clientId">Client ID; default "cfg-" plus the device ID.</param>
    public static RemoteConfigClient Connect(MosquittoBroker broker, PipelineDevice device, string username = null, string password = null, string clientId = null)
        => Connect(broker, device.CommandTopic, device.Store.GetText(PropertyIndex.MqttPublishTopic), clientId ?? "cfg-" + device.DeviceId, username, password);

    /// <summary>Connects to <paramref name="broker"/> for the given topics and subscribes to <c><paramref name="publishTopic"/>/#</c>.</summary>
    public static RemoteConfigClient Connect(MosquittoBroker broker, string commandTopic, string publishTopic, string clientId, string username = null, string password = null)
    {
        PahoTestSubscriber mqtt = PahoTestSubscriber.Connect(broker.Host, broker.Port, clientId, cleanSession: true, username, password);
        try
        {
            mqtt.Subscribe(publishTopic + "/#", 2);
            return new RemoteConfigClient(mqtt, commandTopic, publishTopic);
        }
        catch
        {
            mqtt.Dispose();
            throw;
        }
    }

    /// <summary>The ASCII bytes of <paramref name="text"/>: hex text as MagTek's JavaScript SDK publishes it.</summary>
    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Publishes one payload to the command topic without waiting for anything.</summary>
    public void Send(byte[] payload, int qos = 0) => Mqtt.Publish(CommandTopic, payload, qos);

    /// <summary>Publishes one request and returns the first answer that arrives after it.</summary>
    /// <param name="payload">Raw MMS bytes (starting AA) or hex text.</param>
    /// <param name="qos">QoS of the request's PUBLISH.</param>
    /// <param name="timeout">How long to wait for the answer; default <see cref="Wait.Default"/>.</param>
    public ReceivedMessage Ask(byte[] payload, int qos = 0, TimeSpan? timeout = null)
    {
        int before = Answers().Count;
        Send(payload, qos);
        return WaitForAnswer(before, timeout);
    }

    /// <summary>Publishes a hex text request and returns the answer's text.</summary>
    public string AskHex(string text) => Encoding.ASCII.GetString(Ask(Ascii(text)).Payload);

    /// <summary>Waits for the answer after the first <paramref name="before"/> answers and returns it.</summary>
    public ReceivedMessage WaitForAnswer(int before, TimeSpan? timeout = null)
    {
        ReceivedMessage answer = null;
        Wait.Until(
            () =>
            {
                IReadOnlyList<ReceivedMessage> answers = Answers();
                answer = answers.Count > before ? answers[before] : null;
                return answer != null;
            },
            () => $"answer #{before + 1} on {AnswerTopic}",
            timeout);
        return answer;
    }

    /// <summary>Every message received on <paramref name="topic"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> On(string topic) => Mqtt.Messages.Where(m => m.Topic == topic).ToList();

    /// <summary>Every answer received so far.</summary>
    public IReadOnlyList<ReceivedMessage> Answers() => On(AnswerTopic);

    /// <summary>The status payloads received on <see cref="StatusTopic"/>, as text, in arrival order.</summary>
    public IReadOnlyList<string> Statuses() => On(StatusTopic).Select(m => Encoding.ASCII.GetString(m.Payload)).ToList();

    /// <summary>Every telemetry message received so far, parsed.</summary>
    public List<TelemetryMessage> Telemetry() => TelemetryMessage.All(Mqtt.Messages, TelemetryTopic);

    /// <summary>Waits until a telemetry message satisfies <paramref name="condition"/>; returns the first that does.</summary>
    public TelemetryMessage WaitForTelemetry(Func<TelemetryMessage, bool> condition, string what, TimeSpan? timeout = null)
    {
        TelemetryMessage found = null;
        Wait.Until(
            () => (found = Telemetry().FirstOrDefault(condition)) != null,
            () => $"telemetry on {TelemetryTopic} with {what} (last: {Telemetry().LastOrDefault()})",
            timeout);
        return found;
    }

    /// <summary>Disconnects.</summary>
    public void Dispose() => Mqtt.Dispose();
}
