using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// A Set of 1.2.2.1.2.3 (MQTT QoS) published over MQTT reaches the very next telemetry message on
/// the running session: no reconnect, the QoS belongs to each PUBLISH.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class QosSetOverMqttTests
{
    private const int IntervalMs = 50;

    /// <summary>
    /// The device is driven step by step on the test's thread (<see cref="PipelineDevice.Poll"/>,
    /// split into its session and telemetry halves), so the step in which the Set arrives over MQTT is
    /// known exactly: every message produced before it went out at QoS 0, every one after at QoS 1,
    /// in the payload ("qos") and in the PUBLISH packet a QoS 2 subscriber received. Proves also: the
    /// answer is the manual's Set response for value 01, the first message produced after the answer
    /// reached the host has QoS 1, and the broker saw one CONNECT (one CONNACK) and no DISCONNECT from
    /// the device. Does not prove the same with the device's own threads racing the Set (the MQTT
    /// thread handles the request while the telemetry thread builds a message; the publisher reads the
    /// property once per message, so such a message is either side of the Set).
    /// </summary>
    [Fact]
    public void A_qos_set_over_mqtt_applies_to_the_next_telemetry_message_without_reconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "qos-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, IntervalMs);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);

        device.PollUntil(() => device.Session.SubscribedFilter == device.CommandTopic, "the subscription to the command topic");
        device.PollNextMessage();
        long lastAtQos0 = device.PollNextMessage();

        // The manual's Set request for value 01, as raw bytes.
        client.Send(PipelineDevice.QosSetFrame(1));

        // Session half, then telemetry half, until the session step that handled the Set.
        Wait.Until(
            () =>
            {
                device.Session.Poll();
                if (device.Store.GetByte(PropertyIndex.MqttQos) == 1)
                {
                    return true;
                }

                device.Telemetry.Poll();
                lastAtQos0 = device.LastSequence;
                return false;
            },
            () => "the Set over MQTT handled\n" + device.Log.Tail(20));
        Assert.Equal(lastAtQos0, device.LastSequence);

        device.PollUntil(() => client.Answers().Count == 1, "the answer at the host");
        long producedBeforeAnswerArrived = device.LastSequence;
        long firstAfterAnswer = device.PollNextMessage();
        long last = device.PollNextMessage();
        Assert.Equal(producedBeforeAnswerArrived + 1, firstAfterAnswer);

        ReceivedMessage answer = client.Answers()[0];
        Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C30101", Convert.ToHexString(answer.Payload));

        List<TelemetryMessage> messages = null;
        Wait.Until(() => (messages = client.Telemetry()).Any(m => m.Seq == last), () => $"seq {last} at the host");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), messages.Select(m => m.Seq));
        foreach (TelemetryMessage m in messages)
        {
            int expected = m.Seq <= lastAtQos0 ? 0 : 1;
            Assert.True(expected == m.PayloadQos && expected == m.PacketQos, $"seq {m.Seq}: payload qos {m.PayloadQos}, packet qos {m.PacketQos}, expected {expected} (last at QoS 0: {lastAtQos0})");
        }

        TelemetryMessage next = messages.Single(m => m.Seq == firstAfterAnswer);
        Assert.Equal(1, next.PayloadQos);
        Assert.Equal(1, next.PacketQos);
        Assert.Equal(1, next.RemoteRequests);

        // One session throughout.
        MosquittoLog log = broker.WaitForLog(l => l.For(device.ClientId).Count(p => p.Direction == PacketDirection.Received && p.Type == "PUBLISH" && p.Topic == device.Topic) == last, "every telemetry message at the broker");
        Assert.Equal(1, log.Count(device.ClientId, PacketDirection.Sent, "CONNACK"));
        Assert.Equal(0, log.Count(device.ClientId, PacketDirection.Received, "DISCONNECT"));
        Assert.Single(broker.Process.ReadLogLines(), l => l.Contains("New client connected", StringComparison.Ordinal) && l.Contains(" as " + device.ClientId + " ", StringComparison.Ordinal));
        Assert.Equal(1, device.Session.ConnectCount);
    }
}
