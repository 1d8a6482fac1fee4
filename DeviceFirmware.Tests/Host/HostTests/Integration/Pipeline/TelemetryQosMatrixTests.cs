using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// The seeds' QoS table through the whole device pipeline: the QoS property (set over MMS) at 0, 1
/// and 2 against a subscriber at 0, 1 and 2. The telemetry service runs on its own threads with a
/// 50 ms interval against a real mosquitto.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class TelemetryQosMatrixTests : IClassFixture<MosquittoBroker>
{
    private const int Messages = 4;
    private const int IntervalMs = 50;

    /// <summary>The broker-side packets of one message from the device, per publish QoS.</summary>
    private static readonly Dictionary<int, (PacketDirection, string)[]> DeviceFlow = new()
    {
        [0] = new[] { (PacketDirection.Received, "PUBLISH") },
        [1] = new[] { (PacketDirection.Received, "PUBLISH"), (PacketDirection.Sent, "PUBACK") },
        [2] = new[] { (PacketDirection.Received, "PUBLISH"), (PacketDirection.Sent, "PUBREC"), (PacketDirection.Received, "PUBREL"), (PacketDirection.Sent, "PUBCOMP") },
    };

    private readonly MosquittoBroker _broker;

    /// <summary>One broker for the class; each case has its own device ID, so its own client ID and topic.</summary>
    public TelemetryQosMatrixTests(MosquittoBroker broker)
    {
        _broker = broker;
    }

    /// <summary>All nine (publish QoS, subscription QoS) pairs.</summary>
    public static IEnumerable<object[]> QosPairs()
    {
        for (int pub = 0; pub <= 2; pub++)
        {
            for (int sub = 0; sub <= 2; sub++)
            {
                yield return new object[] { pub, sub };
            }
        }
    }

    /// <summary>
    /// Proves: every telemetry message reaches the subscriber in a PUBLISH packet of QoS min(pub, sub)
    /// (read from the packet by Paho, not from the payload); the payload's own "qos" says the publish
    /// QoS; and on the device's leg the broker log shows, per message, exactly one PUBLISH at QoS 0,
    /// PUBLISH + PUBACK at QoS 1, PUBLISH + PUBREC + PUBREL + PUBCOMP at QoS 2, for every message the
    /// device counted as sent, and nothing else. Does not prove behaviour under faults (see the
    /// outage tests).
    /// </summary>
    [Theory]
    [MemberData(nameof(QosPairs))]
    public void Telemetry_arrives_with_the_lower_qos_and_the_device_leg_shows_the_handshake_of_its_qos(int pubQos, int subQos)
    {
        string deviceId = $"m{pubQos}{subQos}-{Guid.NewGuid().ToString("N")[..8]}";
        int expectedQos = Math.Min(pubQos, subQos);
        using PipelineDevice device = PipelineDevice.Create(_broker, deviceId, pubQos, IntervalMs);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(_broker, "sub-" + deviceId, device.Topic, subQos);

        device.Start();
        Wait.Until(() => subscriber.Messages.Count >= Messages, $"{Messages} telemetry messages at the subscriber\n{device.Log.Tail()}");
        device.Stop();

        // After Stop nothing is produced any more; every message the transport accepted is final.
        // Besides telemetry the session sent two status messages at QoS 0: "connected" after the
        // CONNACK and "disconnected" before the clean stop.
        const int StatusMessages = 2;
        var counters = device.Counters;
        long sent = counters.Sent - StatusMessages;
        Assert.True(sent >= Messages, $"sent {sent}");
        Assert.Equal(0, counters.Queued);
        Assert.Equal(0, counters.Failed);
        Assert.Equal(0, counters.Rejected);
        Assert.Equal(pubQos == 0 ? 0 : sent, counters.Delivered);

        int flowLength = DeviceFlow[pubQos].Length;
        MosquittoLog log = _broker.WaitForLog(
            l => l.For(device.ClientId).Count(p => p.Type == "PUBLISH" && p.Direction == PacketDirection.Received && p.Topic == device.Topic) == sent
                && l.For(device.ClientId).Count(p => p.Type == "PUBLISH" && p.Direction == PacketDirection.Received && p.Topic == device.StatusTopic) == StatusMessages,
            $"{sent} QoS {pubQos} telemetry publishes and {StatusMessages} status messages from {device.ClientId}");

        // The device's leg: one flow per message, in the order of the QoS handshake.
        List<MosquittoPacket> publishes = log.For(device.ClientId).Where(p => p.Type == "PUBLISH" && p.Topic == device.Topic).ToList();
        Assert.Equal(sent, publishes.Count);
        Assert.All(publishes, p => Assert.Equal(pubQos, p.Qos));
        Assert.All(publishes, p => Assert.False(p.Dup, p.Line));
        Assert.All(publishes, p => Assert.Equal(device.Topic, p.Topic));
        foreach (MosquittoPacket publish in publishes)
        {
            IReadOnlyList<MosquittoPacket> flow = pubQos == 0 ? new[] { publish } : log.PublishFlow(device.ClientId, publish.MessageId);
            Assert.Equal(DeviceFlow[pubQos], flow.Select(p => (p.Direction, p.Type)).ToArray());
        }

        // The subscriber's side: every sent message once, at the lower QoS, payload QoS = publish QoS.
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages((int)sent);
        List<TelemetryMessage> messages = TelemetryMessage.All(received, device.Topic);
        Assert.Equal(sent, messages.Count);
        Assert.All(messages, m => Assert.Equal(expectedQos, m.PacketQos));
        Assert.All(messages, m => Assert.Equal(pubQos, m.PayloadQos));
        Assert.All(messages, m => Assert.Equal(device.BootId, m.Boot));
        Assert.All(messages, m => Assert.False(m.Dup));
        long[] seqs = messages.Select(m => m.Seq).ToArray();
        Assert.Equal(seqs.Distinct().Count(), seqs.Length);
        Assert.Equal(seqs.Order().ToArray(), seqs);
    }
}
