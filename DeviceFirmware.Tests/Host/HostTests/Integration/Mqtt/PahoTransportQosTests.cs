using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Mqtt;

/// <summary>
/// QoS end to end through a real mosquitto: PahoMqttTransport publishes at QoS 0, 1 and 2 to a
/// subscriber at QoS 0, 1 and 2. The subscriber reads each message's QoS from the PUBLISH packet it
/// received, and the broker log shows the packets of every flow, on both legs.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class PahoTransportQosTests : IClassFixture<MosquittoBroker>
{
    private const int MessagesPerCase = 3;
    private readonly MosquittoBroker _broker;

    /// <summary>Uses one broker for the whole class; every case has its own topic and client IDs.</summary>
    public PahoTransportQosTests(MosquittoBroker broker)
    {
        _broker = broker;
    }

    /// <summary>All nine publish/subscribe QoS pairs.</summary>
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

    /// <summary>The broker-side packet sequence of one message from the publishing client.</summary>
    private static readonly Dictionary<int, (PacketDirection, string)[]> PublisherFlow = new()
    {
        [0] = new[] { (PacketDirection.Received, "PUBLISH") },
        [1] = new[] { (PacketDirection.Received, "PUBLISH"), (PacketDirection.Sent, "PUBACK") },
        [2] = new[] { (PacketDirection.Received, "PUBLISH"), (PacketDirection.Sent, "PUBREC"), (PacketDirection.Received, "PUBREL"), (PacketDirection.Sent, "PUBCOMP") },
    };

    /// <summary>The broker-side packet sequence of one message to the subscribing client.</summary>
    private static readonly Dictionary<int, (PacketDirection, string)[]> SubscriberFlow = new()
    {
        [0] = new[] { (PacketDirection.Sent, "PUBLISH") },
        [1] = new[] { (PacketDirection.Sent, "PUBLISH"), (PacketDirection.Received, "PUBACK") },
        [2] = new[] { (PacketDirection.Sent, "PUBLISH"), (PacketDirection.Received, "PUBREC"), (PacketDirection.Sent, "PUBREL"), (PacketDirection.Received, "PUBCOMP") },
    };

    [Theory]
    [MemberData(nameof(QosPairs))]
    public void Message_arrives_with_the_lower_qos_and_each_leg_shows_its_handshake(int pubQos, int subQos)
    {
        string tag = Guid.NewGuid().ToString("N")[..8];
        string topic = $"it/qos/{tag}/p{pubQos}s{subQos}";
        string pubId = $"pub-{tag}";
        string subId = $"sub-{tag}";
        int expectedQos = Math.Min(pubQos, subQos);

        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(_broker, subId, topic, subQos);
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(_broker.ConnectOptions(pubId)));

        var payloads = Enumerable.Range(0, MessagesPerCase)
            .Select(i => new byte[] { 0x00, 0x11, 0x13, 0xFF, (byte)pubQos, (byte)subQos, (byte)i })
            .ToArray();
        var ids = new List<int>();
        foreach (byte[] payload in payloads)
        {
            MqttPublishResult result = transport.Publish(topic, payload, pubQos, false, out int id);
            Assert.True(result == MqttPublishResult.Accepted, $"publish returned {result}");
            ids.Add(id);
        }

        if (pubQos == 0)
        {
            Assert.All(ids, id => Assert.Equal(0, id));
        }
        else
        {
            Assert.Equal(MessagesPerCase, ids.Distinct().Count());
            listener.WaitDelivered(ids);
        }

        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages(MessagesPerCase);
        Assert.Equal(MessagesPerCase, received.Count);
        for (int i = 0; i < MessagesPerCase; i++)
        {
            Assert.Equal(topic, received[i].Topic);
            Assert.Equal(payloads[i], received[i].Payload);
            Assert.Equal(expectedQos, received[i].Qos);
            Assert.False(received[i].Dup);
        }

        // Both legs, from the broker's log: every message shows exactly its QoS handshake.
        MosquittoLog log = _broker.WaitForLog(
            l => l.PublishFlow(pubId).Count == MessagesPerCase * PublisherFlow[pubQos].Length
                 && l.PublishFlow(subId).Count == MessagesPerCase * SubscriberFlow[expectedQos].Length,
            $"{MessagesPerCase} complete q{pubQos} flows from {pubId} and q{expectedQos} flows to {subId}");

        List<MosquittoPacket> inbound = log.For(pubId).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Equal(MessagesPerCase, inbound.Count);
        Assert.All(inbound, p => Assert.Equal(pubQos, p.Qos));
        foreach (MosquittoPacket publish in inbound)
        {
            IReadOnlyList<MosquittoPacket> flow = pubQos == 0 ? new[] { publish } : log.PublishFlow(pubId, publish.MessageId);
            Assert.Equal(PublisherFlow[pubQos], flow.Select(p => (p.Direction, p.Type)).ToArray());
        }

        if (pubQos > 0)
        {
            Assert.Equal(ids.OrderBy(x => x), inbound.Select(p => p.MessageId.Value).OrderBy(x => x));
        }

        List<MosquittoPacket> outbound = log.For(subId).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Equal(MessagesPerCase, outbound.Count);
        Assert.All(outbound, p => Assert.Equal(expectedQos, p.Qos));
        foreach (MosquittoPacket publish in outbound)
        {
            IReadOnlyList<MosquittoPacket> flow = expectedQos == 0 ? new[] { publish } : log.PublishFlow(subId, publish.MessageId);
            Assert.Equal(SubscriberFlow[expectedQos], flow.Select(p => (p.Direction, p.Type)).ToArray());
        }

        // Exactly one report per QoS 1/2 message, none for QoS 0, and nothing else: no failure, no
        // loss, no message forgotten.
        Assert.Equal(pubQos == 0 ? Array.Empty<int>() : ids.Order().ToArray(), listener.Delivered.Order().ToArray());
        Assert.All(listener.Events, e => Assert.Equal(RecordingListener.Delivery, e.Kind));
    }

    /// <summary>
    /// The retain argument reaches the wire: the broker log shows RETAIN=1 on the retained PUBLISH
    /// and 0 on the other, and a subscriber that comes afterwards gets exactly the retained message,
    /// flagged as retained.
    /// </summary>
    [Fact]
    public void Retain_flag_reaches_the_broker_and_only_the_retained_message_waits_for_a_later_subscriber()
    {
        string tag = Guid.NewGuid().ToString("N")[..8];
        string pubId = $"pub-{tag}";
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(_broker.ConnectOptions(pubId)));
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/retain/{tag}/kept", new byte[] { 1 }, 1, true, out int kept));
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/retain/{tag}/plain", new byte[] { 2 }, 1, false, out int plain));
        listener.WaitDelivered(new[] { kept, plain });

        MosquittoLog log = _broker.WaitForLog(l => l.Count(pubId, PacketDirection.Received, "PUBLISH") == 2, "both PUBLISH packets");
        Dictionary<string, bool?> retainByTopic = log.For(pubId).Where(p => p.Type == "PUBLISH").ToDictionary(p => p.Topic, p => p.Retain);
        Assert.Equal(true, retainByTopic[$"it/retain/{tag}/kept"]);
        Assert.Equal(false, retainByTopic[$"it/retain/{tag}/plain"]);

        // The broker answers the SUBSCRIBE with the retained messages it holds, before anything else
        // on the subscription: a marker published afterwards arrives after them.
        using PahoTestSubscriber late = PahoTestSubscriber.Subscribed(_broker, $"sub-{tag}", $"it/retain/{tag}/#", 1);
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/retain/{tag}/marker", new byte[] { 3 }, 1, false, out _));
        late.WaitForTopic($"it/retain/{tag}/marker");
        IReadOnlyList<ReceivedMessage> received = late.Messages;
        Assert.Equal(new[] { $"it/retain/{tag}/kept", $"it/retain/{tag}/marker" }, received.Select(m => m.Topic));
        Assert.True(received[0].Retained);
        Assert.Equal(new byte[] { 1 }, received[0].Payload);
        Assert.False(received[1].Retained);

        // Clear the retained message so the class's broker holds nothing for other cases.
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/retain/{tag}/kept", Array.Empty<byte>(), 1, true, out int cleared));
        listener.WaitDelivered(new[] { cleared });
    }
}
