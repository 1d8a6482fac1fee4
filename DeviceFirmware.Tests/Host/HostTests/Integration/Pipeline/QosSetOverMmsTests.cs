using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// A Set of 1.2.2.1.2.3 through the protocol path (the manual's Set Request frame into
/// <see cref="DeviceFirmware.Protocol.MmsRequestHandler"/>) changes the QoS of the next telemetry
/// message on the running session, while messages created before the Set keep theirs.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class QosSetOverMmsTests
{
    private const int IntervalMs = 50;

    /// <summary>
    /// The test drives the device with <see cref="PipelineDevice.Poll"/> on its own thread so that each
    /// Set falls between two known messages. The broker is frozen (SIGSTOP) around the first Set so
    /// that, with an in-flight window of one, one QoS 1 message is in flight and one waits in the
    /// outbox when the QoS changes to 2; both must still go out at QoS 1. Proves: the message
    /// produced right after each Set has the new QoS (packet and payload), every earlier one the old
    /// QoS even when it is sent after the Set, the Set is durable in flash, and the broker saw one
    /// CONNECT and no DISCONNECT from the device (no reconnect). Does not cover a Set racing a
    /// message being built on another thread (the publisher reads the property once per message).
    /// </summary>
    [Fact]
    public void Set_of_the_qos_property_applies_to_the_next_message_without_reconnect_and_queued_messages_keep_theirs()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "set-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 1, IntervalMs, transportSettings: new PahoTransportSettings { MaxInflight = 1, DisconnectTimeoutMilliseconds = 500 });
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + deviceId, device.Topic, 2);

        // QoS 1 on a healthy session.
        device.PollUntil(() => device.Session.IsConnected, "the device's session");
        device.PollNextMessage();
        device.PollNextMessage();
        device.PollUntil(() => device.Counters.Delivered == device.LastSequence, "the first messages delivered");

        // Freeze the broker: the next message goes out and stays unacknowledged, the one after
        // waits in the outbox because the window (1) is full.
        broker.Pause();
        long inFlight = device.PollNextMessage();
        long waiting = device.PollNextMessage();
        Assert.Equal(2, device.Counters.Queued);
        Assert.Equal(1, device.Counters.InFlight);

        // Set QoS 2 over MMS; the next message is created at QoS 2 and queues behind the others.
        device.SetQos(2);
        long firstAtQos2 = device.PollNextMessage();
        Assert.Equal(waiting + 1, firstAtQos2);
        Assert.Equal(3, device.Counters.Queued);

        broker.Resume();
        device.PollUntil(() => device.Counters.Queued == 0 && device.LastSequence >= firstAtQos2 + 1, "the outbox drained at QoS 2");
        long lastAtQos2 = device.LastSequence;

        // Set QoS 0: the next message goes straight out at QoS 0.
        device.SetQos(0);
        long firstAtQos0 = device.PollNextMessage();
        long secondAtQos0 = device.PollNextMessage();
        Assert.Equal(lastAtQos2 + 1, firstAtQos0);

        List<TelemetryMessage> messages = null;
        Wait.Until(
            () => (messages = TelemetryMessage.All(subscriber.Messages, device.Topic)).Any(m => m.Seq == secondAtQos0),
            $"seq {secondAtQos0} at the subscriber\n{device.Log.Tail()}");

        // Each message carries the QoS the property had when it was created; the subscription is
        // QoS 2, so the packet QoS is the publish QoS.
        Assert.Equal(Enumerable.Range(1, (int)secondAtQos0).Select(i => (long)i), messages.Select(m => m.Seq));
        foreach (TelemetryMessage m in messages)
        {
            int expected = m.Seq < firstAtQos2 ? 1 : m.Seq < firstAtQos0 ? 2 : 0;
            Assert.True(expected == m.PayloadQos && expected == m.PacketQos, $"seq {m.Seq}: payload qos {m.PayloadQos}, packet qos {m.PacketQos}, expected {expected}");
        }

        Assert.Contains(messages, m => m.Seq == inFlight && m.PacketQos == 1);
        Assert.Contains(messages, m => m.Seq == waiting && m.PacketQos == 1);

        // One session throughout: one CONNECT (answered by one CONNACK), no DISCONNECT.
        MosquittoLog log = broker.WaitForLog(l => l.For(device.ClientId).Count(p => p.Direction == PacketDirection.Received && p.Type == "PUBLISH" && p.Topic == device.Topic) == secondAtQos0, "every message at the broker");
        Assert.Equal(1, log.Count(device.ClientId, PacketDirection.Sent, "CONNACK"));
        Assert.Single(broker.Process.ReadLogLines(), l => l.Contains("New client connected", StringComparison.Ordinal) && l.Contains(" as " + device.ClientId + " ", StringComparison.Ordinal));
        Assert.Equal(0, log.Count(device.ClientId, PacketDirection.Received, "DISCONNECT"));
        Assert.Equal(1, device.Session.ConnectCount);

        // The broker's view of the device's telemetry leg agrees with the payloads.
        List<MosquittoPacket> publishes = log.For(device.ClientId).Where(p => p.Type == "PUBLISH" && p.Topic == device.Topic).ToList();
        Assert.Equal(new[] { 1, 2, 0 }, publishes.Select(p => p.Qos.Value).Distinct().ToArray());

        // The Set went to flash: a store loaded from the same file serves QoS 0.
        var reloaded = new SettingsStore(device.Flash, SettingsDefaults.ForDevice(deviceId), NullLog.Instance);
        reloaded.Load();
        Assert.Equal(0, reloaded.GetByte(PropertyIndex.MqttQos));
    }
}
