using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Mqtt;

/// <summary>
/// What happens to QoS 1/2 messages that are in flight when a session ends, measured against
/// mosquitto: the broker is frozen (SIGSTOP) so PUBLISH packets reach its socket but are never
/// acknowledged, then killed (SIGKILL) or the transport is disconnected.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class PahoTransportSessionTests
{
    private static readonly PahoTransportSettings Settings = new() { DisconnectTimeoutMilliseconds = 300 };

    [Fact]
    public void Lost_session_without_clean_session_keeps_inflight_ids_and_Paho_resends_them_with_dup_on_reconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));

        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");
        Assert.Equal(6, transport.InflightCount);

        broker.Kill();
        listener.WaitLost();
        Assert.False(transport.IsConnected);
        Assert.Empty(listener.Failed);
        Assert.Empty(listener.Delivered);
        Assert.Equal(6, transport.InflightCount);
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish($"it/session/{tag}/x", new byte[] { 1 }, 1));

        broker.Restart();
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, $"it/session/{tag}/#", 2);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));

        // Paho resent every unacknowledged message by itself; each completes under its old ID.
        listener.WaitDelivered(ids);
        Assert.Empty(listener.Failed);
        Assert.Equal(0, transport.InflightCount);
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages(6);
        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Select(m => m.Topic).Distinct().Count());

        MosquittoLog log = broker.WaitForLog(l => l.PublishFlow("pub-" + tag).Count(p => p.Type == "PUBCOMP") == 3, "the resent QoS 2 flows completing");
        List<MosquittoPacket> resent = log.For("pub-" + tag).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Equal(ids.OrderBy(x => x), resent.Select(p => p.MessageId.Value).OrderBy(x => x));
        Assert.All(resent, p => Assert.True(p.Dup, "resent PUBLISH carries DUP=1: " + p.Line));
        Assert.Equal(new[] { "lost" }, listener.Events.Select(e => e.Kind).Take(1));
    }

    [Fact]
    public void Kept_session_on_a_surviving_broker_resends_unanswered_messages_qos2_arrives_once_qos1_again()
    {
        // The broker got all six PUBLISH packets and answered them, but the answers never reached
        // the client (held by the relay), then the link broke; the broker and its session survive.
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var relay = new TcpFaultProxy(broker.Host, broker.Port);
        string tag = Tag();
        string pubId = "pub-" + tag;
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, $"it/kept/{tag}/#", 2);
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        MqttConnectOptions viaRelay = broker.ConnectOptions(pubId, cleanSession: false);
        viaRelay.Port = relay.Port;
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));

        relay.HoldToClient(true);
        List<int> ids = PublishMixed(transport, $"it/kept/{tag}");
        broker.WaitForLog(
            l => l.Count(pubId, PacketDirection.Sent, "PUBACK") == 3 && l.Count(pubId, PacketDirection.Sent, "PUBREC") == 3,
            "the broker answering all six messages");
        relay.DropAll();
        listener.WaitLost();
        Assert.Empty(listener.Failed);
        Assert.Equal(6, transport.InflightCount);

        relay.HoldToClient(false);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));
        listener.WaitDelivered(ids);
        Assert.Empty(listener.Failed);

        // Wait until the broker has finished every flow on both legs, then count what arrived.
        MosquittoLog log = broker.WaitForLog(
            l => l.Count(pubId, PacketDirection.Sent, "PUBCOMP") == 3
                 && l.Count("sub-" + tag, PacketDirection.Received, "PUBCOMP") == 3
                 && l.Count("sub-" + tag, PacketDirection.Received, "PUBACK") == 6,
            "all flows finished after the reconnect");
        List<MosquittoPacket> publishes = log.For(pubId).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Equal(12, publishes.Count);
        Assert.All(publishes.Skip(6), p => Assert.True(p.Dup, p.Line));

        IReadOnlyList<ReceivedMessage> received = subscriber.Messages;
        for (int i = 0; i < 6; i++)
        {
            int copies = received.Count(m => m.Topic == $"it/kept/{tag}/m{i}");
            Assert.True(copies == (i < 3 ? 2 : 1), $"m{i} (QoS {(i < 3 ? 1 : 2)}) arrived {copies} time(s)");
        }
    }

    [Fact]
    public void Clean_session_on_a_surviving_broker_fails_unanswered_messages_and_a_resend_duplicates_only_qos1()
    {
        // Same fault as above with CleanSession=true: the IDs are reported failed and the test
        // resends the six messages as the core's outbox would. The broker had already forwarded the
        // QoS 1 messages; it dropped the QoS 2 ones with the session (it forwards QoS 2 on PUBREL).
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var relay = new TcpFaultProxy(broker.Host, broker.Port);
        string tag = Tag();
        string pubId = "pub-" + tag;
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, $"it/clean/{tag}/#", 2);
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        MqttConnectOptions viaRelay = broker.ConnectOptions(pubId, cleanSession: true);
        viaRelay.Port = relay.Port;
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));

        relay.HoldToClient(true);
        List<int> ids = PublishMixed(transport, $"it/clean/{tag}");
        broker.WaitForLog(
            l => l.Count(pubId, PacketDirection.Sent, "PUBACK") == 3 && l.Count(pubId, PacketDirection.Sent, "PUBREC") == 3,
            "the broker answering all six messages");
        relay.DropAll();
        listener.WaitLost();
        Assert.Equal(ids.OrderBy(x => x), listener.Failed.OrderBy(x => x));

        relay.HoldToClient(false);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));
        List<int> again = PublishMixed(transport, $"it/clean/{tag}");
        listener.WaitDelivered(again);

        broker.WaitForLog(
            l => l.Count(pubId, PacketDirection.Sent, "PUBCOMP") == 3
                 && l.Count("sub-" + tag, PacketDirection.Received, "PUBCOMP") == 3
                 && l.Count("sub-" + tag, PacketDirection.Received, "PUBACK") == 6,
            "all flows finished after the resend");
        IReadOnlyList<ReceivedMessage> received = subscriber.Messages;
        for (int i = 0; i < 6; i++)
        {
            int copies = received.Count(m => m.Topic == $"it/clean/{tag}/m{i}");
            Assert.True(copies == (i < 3 ? 2 : 1), $"m{i} (QoS {(i < 3 ? 1 : 2)}) arrived {copies} time(s)");
        }
    }

    [Fact]
    public void Lost_clean_session_reports_every_inflight_id_failed_before_the_loss_and_nothing_is_resent()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));

        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();

        Assert.Equal(ids.OrderBy(x => x), listener.Failed.OrderBy(x => x));
        Assert.Equal("lost", listener.Events.Last().Kind);
        Assert.Equal(0, transport.InflightCount);

        broker.Restart();
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));
        int fresh = transport.Publish($"it/session/{tag}/fresh", new byte[] { 9 }, 1);
        Assert.True(fresh > 0);
        listener.WaitDelivered(new[] { fresh });

        // Only the new message reached the restarted broker.
        MosquittoLog log = broker.Log();
        List<MosquittoPacket> publishes = log.For("pub-" + tag).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Single(publishes);
        Assert.False(publishes[0].Dup);
        Assert.EndsWith("/fresh", publishes[0].Topic);
    }

    [Fact]
    public void Reconnecting_with_clean_session_after_a_kept_session_was_lost_fails_the_kept_ids_first()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));
        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();
        Assert.Empty(listener.Failed);

        broker.Restart();
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));
        Wait.Until(() => listener.Failed.Count == ids.Count, "the kept IDs to be reported failed");
        Assert.Equal(ids.OrderBy(x => x), listener.Failed.OrderBy(x => x));
        Assert.Empty(listener.Delivered);
        Assert.DoesNotContain(broker.Log().For("pub-" + tag), p => p.Type == "PUBLISH");
    }

    [Fact]
    public void Disconnect_waits_briefly_for_open_handshakes_then_reports_them_failed()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));
        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");

        var clock = Stopwatch.StartNew();
        transport.Disconnect();
        clock.Stop();

        Wait.Until(() => listener.Failed.Count == ids.Count, "every open ID to be reported failed");
        Assert.Equal(ids.OrderBy(x => x), listener.Failed.OrderBy(x => x));
        Assert.Equal(0, listener.LostCount);
        Assert.False(transport.IsConnected);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"disconnect took {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"disconnect took {clock.ElapsedMilliseconds} ms");
        broker.Resume();
    }

    [Fact]
    public void Dispose_after_a_kept_session_was_lost_reports_the_kept_ids_failed_before_it_returns()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));
        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();

        transport.Dispose();

        Assert.Equal(ids.OrderBy(x => x), listener.Failed.OrderBy(x => x));
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish("it/x", new byte[] { 1 }, 1));
        Assert.Throws<ObjectDisposedException>(() => transport.Connect(broker.ConnectOptions("pub-" + tag)));
    }

    [Fact]
    public void A_full_inflight_window_returns_InflightFull_at_once_and_frees_up_on_delivery()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, new PahoTransportSettings { MaxInflight = 3 });
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag)));
        string topic = $"it/window/{tag}";

        broker.Pause();
        var ids = new List<int> { transport.Publish(topic, new byte[] { 1 }, 1), transport.Publish(topic, new byte[] { 2 }, 2), transport.Publish(topic, new byte[] { 3 }, 1) };
        Assert.All(ids, id => Assert.True(id > 0));

        // Paho itself would block each of these until the frozen broker's keep-alive ran out (30 s);
        // the bound is loose only so that a loaded machine cannot make it flaky.
        var clock = Stopwatch.StartNew();
        Assert.Equal(MqttPublishResult.InflightFull, transport.Publish(topic, new byte[] { 4 }, 1));
        Assert.Equal(MqttPublishResult.InflightFull, transport.Publish(topic, new byte[] { 5 }, 2));

        // Paho would hold a QoS 0 publish back too while its window is full, so it is refused as well.
        Assert.Equal(MqttPublishResult.InflightFull, transport.Publish(topic, new byte[] { 6 }, 0));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"InflightFull took {clock.ElapsedMilliseconds} ms");

        broker.Resume();
        listener.WaitDelivered(ids);
        int next = transport.Publish(topic, new byte[] { 7 }, 1);
        Assert.True(next > 0);
        listener.WaitDelivered(new[] { next });
    }

    [Fact]
    public void Listener_runs_on_one_transport_thread_and_may_publish_from_inside_a_callback()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        string topic = $"it/reentrant/{tag}";
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, new PahoTransportSettings { MaxInflight = 1 });
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag)));
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, topic, 2);

        // Each delivery publishes the next message from inside OnDelivered: a window of one, chained.
        const int Total = 20;
        int sent = 1;
        listener.AfterDelivered = _ =>
        {
            if (sent < Total)
            {
                int qos = 1 + (sent % 2);
                Assert.True(transport.Publish(topic, new[] { (byte)sent }, qos) > 0);
                sent++;
            }
        };
        Assert.True(transport.Publish(topic, new byte[] { 0 }, 2) > 0);

        Wait.Until(() => listener.Delivered.Count == Total, $"{Total} chained deliveries (have {listener.Delivered.Count})");
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages(Total);
        // MQTT orders messages per QoS level only: the QoS 1 ones may overtake the QoS 2 ones.
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (byte)i), received.Select(m => m.Payload[0]).Order());
        int[] threads = listener.Events.Select(e => e.ThreadId).Distinct().ToArray();
        Assert.Single(threads);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
    }

    // Three QoS 1 and three QoS 2 messages; returns their IDs.
    private static List<int> PublishMixed(PahoMqttTransport transport, string topicPrefix)
    {
        var ids = new List<int>();
        for (int i = 0; i < 6; i++)
        {
            int qos = i < 3 ? 1 : 2;
            int id = transport.Publish($"{topicPrefix}/m{i}", new[] { (byte)i }, qos);
            Assert.True(id > 0, $"publish {i} returned {id}");
            ids.Add(id);
        }

        Assert.Equal(6, ids.Distinct().Count());
        return ids;
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
