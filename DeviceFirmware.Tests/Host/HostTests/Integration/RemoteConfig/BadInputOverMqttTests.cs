using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// Whatever arrives on the command topic, the device keeps running: bad messages are dropped and
/// counted (telemetry <c>remote.dropped</c>) or answered with a failure status, telemetry keeps its
/// pace, and valid requests are answered afterwards over MQTT and over the UART.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class BadInputOverMqttTests
{
    private const int IntervalMs = 100;

    /// <summary>The manual's failure answer to a Get with reference 55: <c>80 010102</c>, message not constructed properly.</summary>
    private const string GetMalformed = "AA0081048255D101820480010102";

    private readonly ITestOutputHelper _output;

    /// <summary>Receives the burst's numbers.</summary>
    public BadInputOverMqttTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// One bad message at a time, telemetry every 100 ms: an empty payload, text that is not hex, hex
    /// of odd length, raw bytes with garbage right after AA, and a message longer than the device's
    /// maximum (<see cref="MmsRequestHandler.DefaultMaxMessageLength"/> = 1024 bytes) without a
    /// readable header are each dropped and counted, exactly one by one; garbage after a readable
    /// header, and a too-long message with a readable header (raw and as hex), are answered with the
    /// literal <c>80 010102</c> answer in the request's encoding. Proves the counts reach the telemetry
    /// payload, the first drop is logged at once, telemetry never paused (consecutive seq numbers),
    /// and a valid Get is answered afterwards over MQTT and over the UART. Does not prove how the
    /// device copes with messages larger than the broker's or Paho's own limits.
    /// </summary>
    [Fact]
    public void Bad_messages_are_dropped_or_refused_and_counted_while_telemetry_goes_on()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "bad-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, IntervalMs, serial: true);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();
        client.WaitForTelemetry(m => m.Seq >= 2, "seq 2");

        // Over the maximum with a readable Get header: 84 82 0400 and 1024 payload bytes make 1036.
        byte[] tooLong = Hex.Parse("AA0081040155D101" + "84820400" + new string('0', 2 * 1024));
        Assert.Equal(1036, tooLong.Length);
        Assert.True(tooLong.Length > MmsRequestHandler.DefaultMaxMessageLength);

        // Over the maximum, AA then nothing like a header.
        byte[] tooLongNoHeader = new byte[1100];
        Array.Fill(tooLongNoHeader, (byte)0x55);
        tooLongNoHeader[0] = 0xAA;
        tooLongNoHeader[1] = 0x00;

        DropOne(device, client, Array.Empty<byte>(), 1, "an empty message");
        DropOne(device, client, RemoteConfigClient.Ascii("hello, device!"), 2, "a message that is neither MMS (AA) nor hex text");
        DropOne(device, client, RemoteConfigClient.Ascii("AA0081040"), 3, "hex text of odd length");
        DropOne(device, client, new byte[] { 0xAA, 0x13, 0x37, 0xFF, 0x00 }, 4, "a message without a readable MMS request header");
        DropOne(device, client, tooLongNoHeader, 5, "a message without a readable MMS request header");

        // The first drop was logged at once; later ones are summed (at most one line every 10 s).
        Assert.Contains("mms: dropped 1 message(s) received over MQTT, the last: an empty message", device.Log.Lines());

        ReceivedMessage garbageAfterHeader = client.Ask(Hex.Parse("AA0081040155D101FFFF"));
        ReceivedMessage tooLongRaw = client.Ask(tooLong);
        string tooLongHex = Encoding.ASCII.GetString(client.Ask(RemoteConfigClient.Ascii(Convert.ToHexString(tooLong))).Payload);
        Assert.Equal(GetMalformed, Convert.ToHexString(garbageAfterHeader.Payload));
        Assert.Equal(GetMalformed, Convert.ToHexString(tooLongRaw.Payload));
        Assert.Equal(GetMalformed, tooLongHex);
        Assert.Contains(device.Log.Lines(), l => l.Contains("mms: Get ref=55 -> 80 010102 (1036 bytes, longer than the maximum of 1024)", StringComparison.Ordinal));

        // Still answering, both ways.
        Assert.Equal(SeedFrames.GetResponse, Convert.ToHexString(client.Ask(Hex.Parse(SeedFrames.GetRequest)).Payload));
        Assert.Equal(SeedFrames.GetResponse, Convert.ToHexString(device.Uart(Hex.Parse(SeedFrames.GetRequest))));

        Assert.Equal(5, device.Remote.Dropped);
        Assert.Equal(4, device.Remote.Requests);
        Assert.Equal(0, device.Session.InboundDropped);
        long seqNow = device.LastSequence;
        TelemetryMessage report = client.WaitForTelemetry(m => m.Seq > seqNow, "a message after the last request");
        Assert.Equal(5, report.RemoteDropped);
        Assert.Equal(4, report.RemoteRequests);
        Assert.Equal(0, report.RemoteRollbacks);

        // Consecutive from the first message sent after the connect (a QoS 0 message made while the
        // first connect was under way is dropped offline, as the payload's outbox counter says).
        List<TelemetryMessage> telemetry = client.Telemetry();
        Assert.Equal(Enumerable.Range((int)telemetry[0].Seq, telemetry.Count).Select(i => (long)i), telemetry.Select(m => m.Seq));
        Assert.Equal(telemetry[0].Seq - 1, telemetry[^1].DroppedOffline);
        Assert.True(device.Session.IsConnected);
        Assert.Equal(1, device.Session.ConnectCount);
    }

    /// <summary>
    /// 10,000 messages published at QoS 0 as fast as one Paho client can (a quarter each: the seed Get
    /// raw, the seed Get as lower-case hex, text that is not hex, empty payloads), telemetry every
    /// 100 ms. Proves: the device never stops (same session, same boot), telemetry keeps its pace
    /// during and after the burst (consecutive seq numbers at a separate subscriber, no gap between
    /// two arrivals above 10 intervals), every message the broker delivered to the device is
    /// accounted for (<c>remote.requests + remote.dropped</c> in the telemetry payload equals the
    /// PUBLISH packets the broker's log shows it sent to the device on its command topic; the
    /// drops include the session's inbound-queue drops), every answered request produced one answer
    /// PUBLISH at the broker, and a valid Get is answered afterwards over MQTT and over the UART.
    /// Does not prove that nothing is lost before the device's client: QoS 0 allows the broker to
    /// drop, which it logs, and the count is of what it sent.
    /// </summary>
    [Fact]
    public void A_burst_of_ten_thousand_messages_is_accounted_for_and_the_device_keeps_working()
    {
        const int Burst = 10000;
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "burst-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, IntervalMs, serial: true);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        using PahoTestSubscriber telemetrySubscriber = PahoTestSubscriber.Subscribed(broker, "tel-" + deviceId, device.Topic, 0);
        device.Start();
        device.WaitForSubscription();
        client.WaitForTelemetry(m => m.Seq >= 2, "seq 2");

        byte[][] kinds =
        {
            Hex.Parse(SeedFrames.GetRequest),
            RemoteConfigClient.Ascii("aa0081040155d101840fd1018501018704020201028902c300"),
            RemoteConfigClient.Ascii("not hex at all"),
            Array.Empty<byte>(),
        };
        var clock = Stopwatch.StartNew();
        long burstStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < Burst; i++)
        {
            client.Send(kinds[i % kinds.Length]);
        }

        TimeSpan publishing = clock.Elapsed;

        // Every message the broker sent the device is answered or dropped: wait until the device's
        // counters reach the broker's count and stay there.
        int delivered = 0;
        Wait.Until(
            () =>
            {
                delivered = SentToDevice(broker, device);
                return delivered > 0 && device.Remote.Requests + device.Remote.Dropped == delivered && Quiet(broker, device, delivered);
            },
            () => $"the device to account for the {delivered} messages the broker sent it (requests {device.Remote.Requests}, dropped {device.Remote.Dropped}, of which inbound queue {device.Session.InboundDropped})",
            TimeSpan.FromSeconds(30));
        TimeSpan settled = clock.Elapsed;
        long burstEnd = Stopwatch.GetTimestamp();

        long requests = device.Remote.Requests;
        long dropped = device.Remote.Dropped;
        long queueDrops = device.Session.InboundDropped;
        int brokerDrops = broker.Process.ReadLogLines().Count(l => l.Contains("Outgoing messages are being dropped for client " + device.ClientId, StringComparison.Ordinal));
        _output.WriteLine($"published {Burst} in {publishing.TotalMilliseconds:0} ms; broker sent {delivered} to the device; answered {requests}, dropped {dropped} (inbound queue {queueDrops}); settled after {settled.TotalMilliseconds:0} ms; broker drop notices {brokerDrops}");

        // The device reports the same accounting in its telemetry.
        long seqNow = device.LastSequence;
        TelemetryMessage report = client.WaitForTelemetry(m => m.Seq > seqNow, "a message after the burst");
        Assert.Equal(delivered, report.RemoteRequests + report.RemoteDropped);
        Assert.Equal(requests, report.RemoteRequests);
        Assert.Equal(dropped, report.RemoteDropped);
        Assert.True(queueDrops <= dropped, $"inbound queue drops {queueDrops} are part of dropped {dropped}");

        // Half the messages were never valid requests: at least those were dropped, not answered.
        int invalidDelivered = delivered - ValidSentToDevice(broker, device);
        Assert.True(dropped >= invalidDelivered, $"dropped {dropped} covers the {invalidDelivered} invalid messages delivered");

        // Every answered request produced one answer PUBLISH at the broker.
        MosquittoLog log = broker.WaitForLog(l => l.For(device.ClientId).Count(p => p.Direction == PacketDirection.Received && p.Type == "PUBLISH" && p.Topic == device.AnswerTopic) == requests, requests + " answers at the broker");
        Assert.Equal(0, log.Count(device.ClientId, PacketDirection.Received, "DISCONNECT"));

        // Still answering, both ways; same session and boot.
        Assert.Equal(SeedFrames.GetResponse, Convert.ToHexString(client.Ask(Hex.Parse(SeedFrames.GetRequest)).Payload));
        Assert.Equal(SeedFrames.GetResponse, Convert.ToHexString(device.Uart(Hex.Parse(SeedFrames.GetRequest))));
        Assert.Equal(1, device.Session.ConnectCount);

        // Telemetry kept its pace: consecutive numbers, and no silence longer than 10 intervals from
        // before the burst to after it.
        long lastSeq = device.LastSequence;
        Wait.Until(() => TelemetryMessage.All(telemetrySubscriber.Messages, device.Topic).Any(m => m.Seq >= lastSeq), $"seq {lastSeq} at the telemetry subscriber");
        List<TelemetryMessage> telemetry = TelemetryMessage.All(telemetrySubscriber.Messages, device.Topic);
        Assert.Equal(Enumerable.Range((int)telemetry[0].Seq, telemetry.Count).Select(i => (long)i), telemetry.Select(m => m.Seq));
        Assert.All(telemetry, m => Assert.Equal(device.BootId, m.Boot));
        int during = telemetry.Count(m => m.ArrivedAt >= burstStart && m.ArrivedAt <= burstEnd);
        double longestGapMs = telemetry.Zip(telemetry.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.ArrivedAt, b.ArrivedAt).TotalMilliseconds).Max();
        _output.WriteLine($"telemetry: {telemetry.Count} messages, {during} during the burst, longest gap {longestGapMs:0} ms");
        Assert.True(longestGapMs < 10 * IntervalMs, $"longest gap between telemetry messages {longestGapMs:0} ms");
        Assert.True(during >= (int)(Stopwatch.GetElapsedTime(burstStart, burstEnd).TotalMilliseconds / IntervalMs / 2), $"{during} telemetry messages during a burst of {settled.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// Proves the MQTT password (1.2.2.1.2.8) stays write-only over MQTT: after a user name and then a
    /// password are set over MQTT (each answered, each followed by a reconnect with the new values,
    /// which the broker's log shows), a Get of the password answers its full length in zeros while a
    /// Get of the user name answers the name. Does not prove the broker checked the password (the
    /// broker here accepts any; the ACL tests use a password file).
    /// </summary>
    [Fact]
    public void The_mqtt_password_set_over_mqtt_reads_back_as_zeros()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "pw-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, IntervalMs, options => options.ConnectionTrialMilliseconds = 10000);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();

        byte[] user = Encoding.ASCII.GetBytes("dev-user");
        byte[] secret = Encoding.ASCII.GetBytes("s3cret");
        PipelineDevice.AssertSetSucceeded(client.Ask(MmsRequestBuilder.Set(0x55, PropertyIndex.MqttUsername, user, 0, user.Length)).Payload, "user name");
        WaitForReconnect(device, 2);
        PipelineDevice.AssertSetSucceeded(client.Ask(MmsRequestBuilder.Set(0x55, PropertyIndex.MqttPassword, secret, 0, secret.Length)).Payload, "password");
        WaitForReconnect(device, 3);

        string password = Convert.ToHexString(client.Ask(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttPassword)).Payload);
        string userName = Convert.ToHexString(client.Ask(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttUsername)).Payload);

        // Get response: header, 84 of 0x2F bytes, D101, the OID 1.2.2.1.2 in 85/87, the 89 node
        // holding C8 (property 8) of 32 bytes: zeros for the password; the user name zero-padded.
        Assert.Equal("AA0081048255D1018204000000008482002FD1018501018704020201028922C820" + new string('0', 64), password);
        Assert.Equal("AA0081048255D1018204000000008482002FD1018501018704020201028922C720" + "6465762D75736572" + new string('0', 48), userName);
        Assert.Equal("s3cret", device.Store.GetText(PropertyIndex.MqttPassword));
        Assert.Contains(broker.Process.ReadLogLines(), l => l.Contains(" as " + device.ClientId + " ", StringComparison.Ordinal) && l.Contains("u'dev-user'", StringComparison.Ordinal));
    }

    private static void WaitForReconnect(PipelineDevice device, int connects)
        => Wait.Until(() => device.Session.ConnectCount >= connects && device.Session.SubscribedFilter == device.CommandTopic, () => $"connect #{connects}\n{device.Log.Tail(20)}");

    // Publishes one message that must be dropped, waits for the count, and checks nothing was answered.
    private static void DropOne(PipelineDevice device, RemoteConfigClient client, byte[] payload, long expectedDropped, string why)
    {
        int answers = client.Answers().Count;
        long requests = device.Remote.Requests;
        client.Send(payload);
        Wait.Until(() => device.Remote.Dropped >= expectedDropped, () => $"drop #{expectedDropped} ({why})\n{device.Log.Tail(10)}");
        Assert.Equal(expectedDropped, device.Remote.Dropped);
        Assert.Equal(requests, device.Remote.Requests);
        Assert.Equal(answers, client.Answers().Count);
    }

    // The PUBLISH packets on the command topic the broker has sent the device so far.
    private static int SentToDevice(MosquittoBroker broker, PipelineDevice device)
        => broker.Log().For(device.ClientId).Count(p => p.Direction == PacketDirection.Sent && p.Type == "PUBLISH" && p.Topic == device.CommandTopic);

    // Of those, the ones carrying a valid Get (25 bytes raw or 50 as hex).
    private static int ValidSentToDevice(MosquittoBroker broker, PipelineDevice device)
        => broker.Log().For(device.ClientId).Count(p => p.Direction == PacketDirection.Sent && p.Type == "PUBLISH" && p.Topic == device.CommandTopic && (p.PayloadLength == 25 || p.PayloadLength == 50));

    // True when the broker's count did not move for a moment (the burst is over at the device's end).
    private static bool Quiet(MosquittoBroker broker, PipelineDevice device, int delivered)
    {
        System.Threading.Thread.Sleep(200);
        return SentToDevice(broker, device) == delivered && device.Remote.Requests + device.Remote.Dropped == delivered;
    }
}
