using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Mqtt;

/// <summary>
/// What happens to QoS 1/2 messages that are in flight when a session ends, measured against
/// mosquitto: the broker is frozen (SIGSTOP) so PUBLISH packets reach its socket but are never
/// acknowledged, then killed (SIGKILL) or the transport is disconnected.
/// </summary>
/// <remarks>
/// The transport keeps no message IDs: it passes Paho's delivery reports on, and says
/// <see cref="IMqttTransportListener.OnInflightLost"/> whenever Paho forgets its messages (a clean
/// session lost, a clean-session connect, the client destroyed). These tests prove when that report
/// comes, and that no report for a forgotten ID ever follows it. The listener only records; every
/// assertion runs on the test thread.
/// </remarks>
[Collection(PahoCollection.Name)]
public sealed class PahoTransportSessionTests
{
    private static readonly PahoTransportSettings Settings = new() { DisconnectTimeoutMilliseconds = 300 };

    /// <summary>
    /// CleanSession=false and the broker dies: Paho keeps the six open messages (no loss report, no
    /// failure), and the reconnect with the same client ID resends them with DUP under their old IDs,
    /// each completing with exactly one delivery report.
    /// </summary>
    [Fact]
    public void Lost_session_without_clean_session_keeps_inflight_messages_and_Paho_resends_them_with_dup_on_reconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));

        broker.Pause();
        List<int> ids = PublishMixed(transport, $"it/session/{tag}");
        Assert.Empty(listener.Events);

        broker.Kill();
        listener.WaitLost();
        Assert.False(transport.IsConnected);

        // The messages are kept: the loss is the only report.
        Assert.Equal(new[] { RecordingListener.ConnectionLoss }, listener.Kinds);
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish($"it/session/{tag}/x", new byte[] { 1 }, 1, false, out int refused));
        Assert.Equal(0, refused);

        broker.Restart();
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, $"it/session/{tag}/#", 2);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));

        // Paho resent every unacknowledged message by itself; each completes once, under its old ID.
        listener.WaitDelivered(ids);
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages(6);
        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Select(m => m.Topic).Distinct().Count());

        MosquittoLog log = broker.WaitForLog(l => l.PublishFlow("pub-" + tag).Count(p => p.Type == "PUBCOMP") == 3, "the resent QoS 2 flows completing");
        List<MosquittoPacket> resent = log.For("pub-" + tag).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Equal(ids.OrderBy(x => x), resent.Select(p => p.MessageId.Value).OrderBy(x => x));
        Assert.All(resent, p => Assert.True(p.Dup, "resent PUBLISH carries DUP=1: " + p.Line));

        // Nothing was forgotten or failed at any point: one loss, then one delivery per ID.
        Assert.Equal(RecordingListener.ConnectionLoss, listener.Kinds[0]);
        Assert.Equal(ids.Order(), listener.Delivered.Order());
        Assert.Equal(1 + ids.Count, listener.Count);
    }

    /// <summary>
    /// The broker got all six PUBLISH packets and answered them, but the answers never reached the
    /// client (held by the relay), then the link broke; the broker and its session survive. With
    /// CleanSession=false Paho keeps the messages (no loss report) and resends them: the broker
    /// delivers a QoS 2 message once, a QoS 1 message again (at least once).
    /// </summary>
    [Fact]
    public void Kept_session_on_a_surviving_broker_resends_unanswered_messages_qos2_arrives_once_qos1_again()
    {
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
        Assert.Equal(new[] { RecordingListener.ConnectionLoss }, listener.Kinds);

        relay.HoldToClient(false);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));
        listener.WaitDelivered(ids);

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

        Assert.Equal(ids.Order(), listener.Delivered.Order());
        Assert.Equal(1 + ids.Count, listener.Count);
    }

    /// <summary>
    /// Same fault as above with CleanSession=true: the transport reports the open messages lost
    /// (once, before the connection loss) and never reports any of their IDs; the test resends the
    /// six messages as the session's outbox would. The broker had already forwarded the QoS 1
    /// messages; it dropped the QoS 2 ones with the session (it forwards QoS 2 on PUBREL).
    /// </summary>
    [Fact]
    public void Clean_session_on_a_surviving_broker_reports_unanswered_messages_lost_and_a_resend_duplicates_only_qos1()
    {
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
        PublishMixed(transport, $"it/clean/{tag}");
        broker.WaitForLog(
            l => l.Count(pubId, PacketDirection.Sent, "PUBACK") == 3 && l.Count(pubId, PacketDirection.Sent, "PUBREC") == 3,
            "the broker answering all six messages");
        relay.DropAll();
        listener.WaitLost();
        Assert.Equal(new[] { RecordingListener.InflightLoss, RecordingListener.ConnectionLoss }, listener.Kinds);

        relay.HoldToClient(false);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(viaRelay));
        int beforeResend = listener.Count;
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

        // Every delivery report is for a resent message, one each: the forgotten IDs never came up
        // again, although the broker had answered them (Paho may hand out the same numbers anew).
        Assert.Empty(listener.Failed);
        Assert.Equal(again.Order(), listener.Delivered.Order());
        Assert.All(listener.KindsFrom(beforeResend), k => Assert.Equal(RecordingListener.Delivery, k));
    }

    /// <summary>
    /// A clean session lost with six messages open: the transport reports them lost once, before the
    /// connection loss, and no report for their IDs follows; nothing is resent to the restarted broker.
    /// </summary>
    [Fact]
    public void Lost_clean_session_reports_the_inflight_messages_lost_before_the_loss_and_nothing_is_resent()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));

        broker.Pause();
        PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();

        Assert.Equal(new[] { RecordingListener.InflightLoss, RecordingListener.ConnectionLoss }, listener.Kinds);

        broker.Restart();
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));
        int beforeFresh = listener.Count;
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/session/{tag}/fresh", new byte[] { 9 }, 1, false, out int fresh));
        Assert.True(fresh > 0);
        listener.WaitDelivered(new[] { fresh });

        // Only the new message reached the restarted broker, and it is the only one reported.
        MosquittoLog log = broker.Log();
        List<MosquittoPacket> publishes = log.For("pub-" + tag).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Single(publishes);
        Assert.False(publishes[0].Dup);
        Assert.EndsWith("/fresh", publishes[0].Topic);
        Assert.Equal(new[] { fresh }, listener.Delivered);
        Assert.Empty(listener.Failed);
        Assert.Equal(new[] { RecordingListener.Delivery }, listener.KindsFrom(beforeFresh));
    }

    /// <summary>
    /// A kept session was lost (messages kept, no loss report), then the transport connects with
    /// CleanSession=true: Paho forgets the messages at that CONNACK, so the loss report comes before
    /// Connect returns; nothing is resent and no report for the old IDs follows.
    /// </summary>
    [Fact]
    public void Reconnecting_with_clean_session_after_a_kept_session_was_lost_reports_the_kept_messages_lost_before_connect_returns()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));
        broker.Pause();
        PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();
        Assert.Equal(new[] { RecordingListener.ConnectionLoss }, listener.Kinds);

        broker.Restart();
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: true)));
        Assert.Equal(new[] { RecordingListener.ConnectionLoss, RecordingListener.InflightLoss }, listener.Kinds);

        // A fresh message on the new session is the only PUBLISH the broker sees and the only report.
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish($"it/session/{tag}/fresh", new byte[] { 9 }, 2, false, out int fresh));
        listener.WaitDelivered(new[] { fresh });
        MosquittoLog log = broker.WaitForLog(l => l.Count("pub-" + tag, PacketDirection.Sent, "PUBCOMP") == 1, "the fresh message's flow");
        List<MosquittoPacket> publishes = log.For("pub-" + tag).Where(p => p.Type == "PUBLISH").ToList();
        Assert.Single(publishes);
        Assert.EndsWith("/fresh", publishes[0].Topic);
        Assert.Equal(new[] { RecordingListener.ConnectionLoss, RecordingListener.InflightLoss, RecordingListener.Delivery }, listener.Kinds);
        Assert.Equal(new[] { fresh }, listener.Delivered);
    }

    /// <summary>
    /// Disconnect with six handshakes open on a frozen broker: it waits the configured 300 ms for
    /// them, then destroys the client and reports them lost before it returns (no connection loss).
    /// When the broker thaws and answers them, no report for those IDs follows.
    /// </summary>
    [Fact]
    public void Disconnect_waits_briefly_for_open_handshakes_then_reports_them_lost_before_it_returns()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        string pubId = "pub-" + tag;
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(pubId, cleanSession: false)));
        broker.Pause();
        PublishMixed(transport, $"it/session/{tag}");

        var clock = Stopwatch.StartNew();
        transport.Disconnect();
        clock.Stop();

        Assert.Equal(new[] { RecordingListener.InflightLoss }, listener.Kinds);
        Assert.False(transport.IsConnected);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"disconnect took {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"disconnect took {clock.ElapsedMilliseconds} ms");

        // The thawed broker reads what is still in its socket and answers some of it (PUBACK, PUBREC)
        // until it finds the connection gone; whatever it answers, the destroyed client reports
        // nothing more.
        broker.Resume();
        Wait.Until(
            () => broker.Process.ReadLogLines().Any(l => l.Contains("Client " + pubId + " ", StringComparison.Ordinal) && l.Contains("disconnected", StringComparison.Ordinal)),
            () => "the broker dropping the closed connection\n" + broker.Tail());
        Assert.Contains(broker.Log().For(pubId), p => p.Direction == PacketDirection.Received && p.Type == "PUBLISH");
        Assert.Equal(new[] { RecordingListener.InflightLoss }, listener.Kinds);
    }

    /// <summary>
    /// A kept session was lost (no loss report yet: Paho still holds the messages); Dispose destroys
    /// the client and reports them lost before it returns. The disposed transport publishes nothing
    /// and refuses to connect.
    /// </summary>
    [Fact]
    public void Dispose_after_a_kept_session_was_lost_reports_the_kept_messages_lost_before_it_returns()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        var listener = new RecordingListener();
        var transport = new PahoMqttTransport(null, Settings);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag, cleanSession: false)));
        broker.Pause();
        PublishMixed(transport, $"it/session/{tag}");
        broker.Kill();
        listener.WaitLost();
        Assert.Equal(new[] { RecordingListener.ConnectionLoss }, listener.Kinds);

        transport.Dispose();

        Assert.Equal(new[] { RecordingListener.ConnectionLoss, RecordingListener.InflightLoss }, listener.Kinds);
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish("it/x", new byte[] { 1 }, 1, false, out int id));
        Assert.Equal(0, id);
        Assert.Throws<ObjectDisposedException>(() => transport.Connect(broker.ConnectOptions("pub-" + tag)));
        transport.Dispose();
        Assert.Equal(2, listener.Count);
    }

    /// <summary>
    /// The window: the transport reports the configured in-flight limit (3) and that it copies
    /// payloads, and the session over it (the real <see cref="MqttSession"/> of a composed device)
    /// never publishes into a full window. With the broker frozen, five QoS 1/2 messages and one QoS 0
    /// message are handed over at once: each call returns at once (Paho itself would block every
    /// publish until the keep-alive gave up), three messages are in flight, two wait, the QoS 0 one is
    /// dropped and counted. Once the broker thaws, deliveries open the window and all five complete,
    /// each sent once; the broker log never shows more than three unanswered at a time.
    /// </summary>
    [Fact]
    public void A_full_inflight_window_never_blocks_the_session_and_frees_up_on_delivery()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "win-" + Tag();
        using PipelineDevice device = PipelineDevice.Create(
            broker,
            deviceId,
            qos: 1,
            intervalMs: 60000,
            transportSettings: new PahoTransportSettings { MaxInflight = 3, DisconnectTimeoutMilliseconds = 300 });
        Assert.Equal(3, device.Transport.MaxInflight);
        Assert.True(device.Transport.CopiesPayload);
        MqttSession session = device.Session;
        Wait.Until(() => session.Poll() >= 0 && session.IsConnected, () => "the session\n" + device.Log.Tail(20));
        string topic = $"it/window/{deviceId}";

        broker.Pause();
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= 5; i++)
        {
            session.Publish(topic, new[] { (byte)i }, 1 + (i % 2), false, "test", i);
        }

        session.Publish(topic, new byte[] { 6 }, 0, false, "test", 6);
        clock.Stop();

        // Paho blocks a publish into a full window until an acknowledgement or the keep-alive (30 s);
        // the bound is loose only so that a loaded machine cannot make it flaky.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"handing over six messages took {clock.ElapsedMilliseconds} ms");
        OutboxCounters held = session.Counters;
        Assert.Equal(3, held.InFlight);
        Assert.Equal(5, held.Queued);

        // The three in flight, and the retained "connected" status the session sent on connect.
        Assert.Equal(3 + 1, held.Sent);
        Assert.Equal(1, held.DroppedOffline);

        broker.Resume();
        Wait.Until(
            () =>
            {
                session.Poll();
                return session.Counters.Delivered == 5;
            },
            () => "five deliveries\n" + device.Log.Tail(20));
        OutboxCounters done = session.Counters;
        Assert.Equal(0, done.Queued);
        Assert.Equal(5 + 1, done.Sent);
        Assert.Equal(0, done.Failed);

        // The broker's view on the test topic (the QoS 0 status has no acknowledgement to count):
        // five PUBLISH packets (two QoS 1, three QoS 2), none resent, never more than three
        // unanswered at once.
        MosquittoLog log = broker.WaitForLog(l => l.Count(device.ClientId, PacketDirection.Sent, "PUBCOMP") == 3 && l.Count(device.ClientId, PacketDirection.Sent, "PUBACK") == 2, "every flow complete");
        List<MosquittoPacket> packets = log.For(device.ClientId).Where(p => p.Type != "PUBLISH" || p.Topic == topic).ToList();
        Assert.Equal(5, packets.Count(p => p.Type == "PUBLISH"));
        Assert.All(packets.Where(p => p.Type == "PUBLISH"), p => Assert.False(p.Dup, p.Line));
        int open = 0;
        int most = 0;
        foreach (MosquittoPacket p in packets)
        {
            if (p.Direction == PacketDirection.Received && p.Type == "PUBLISH")
            {
                open++;
            }
            else if (p.Direction == PacketDirection.Sent && (p.Type == "PUBACK" || p.Type == "PUBCOMP"))
            {
                open--;
            }

            most = Math.Max(most, open);
        }

        Assert.InRange(most, 1, 3);
    }

    /// <summary>
    /// Reports come on one Paho thread, never the caller's, and the listener only records them. With
    /// a window of one, the test thread publishes each next message as soon as the previous one's
    /// delivery was recorded (as the session's own thread does): 20 chained deliveries, all arriving.
    /// </summary>
    [Fact]
    public void Reports_come_on_one_transport_thread_and_the_caller_publishes_the_next_message_after_each()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string tag = Tag();
        string topic = $"it/chain/{tag}";
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null, new PahoTransportSettings { MaxInflight = 1 });
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions("pub-" + tag)));
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker, "sub-" + tag, topic, 2);

        const int Total = 20;
        var ids = new List<int>();
        for (int i = 0; i < Total; i++)
        {
            int qos = 1 + (i % 2);
            Assert.Equal(MqttPublishResult.Accepted, transport.Publish(topic, new[] { (byte)i }, qos, false, out int id));
            Assert.True(id > 0);
            ids.Add(id);
            listener.WaitDelivered(new[] { id });
            Assert.Equal(i + 1, listener.Delivered.Count);
        }

        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages(Total);

        // Every message once. MQTT orders messages per QoS level only (the subscriber's client hands
        // a QoS 2 message over at PUBREL), so the order is checked within each QoS.
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (byte)i), received.Select(m => m.Payload[0]).Order());
        Assert.Equal(Enumerable.Range(0, Total).Where(i => i % 2 == 0).Select(i => (byte)i), received.Where(m => m.Qos == 1).Select(m => m.Payload[0]));
        Assert.Equal(Enumerable.Range(0, Total).Where(i => i % 2 == 1).Select(i => (byte)i), received.Where(m => m.Qos == 2).Select(m => m.Payload[0]));
        Assert.Equal(ids, listener.Delivered);
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
            MqttPublishResult result = transport.Publish($"{topicPrefix}/m{i}", new[] { (byte)i }, qos, false, out int id);
            Assert.True(result == MqttPublishResult.Accepted && id > 0, $"publish {i}: {result}, ID {id}");
            ids.Add(id);
        }

        Assert.Equal(6, ids.Distinct().Count());
        return ids;
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
