using System;
using System.Linq;
using System.Text;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// A remote change of the publish topic (1.2.2.1.2.5): answered where the host asked, on the old
/// answer topic, then the device says goodbye on the old status topic and carries on under the new
/// topic after a reconnect.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class PublishTopicChangeOverMqttTests
{
    /// <summary>
    /// The Set is published as upper-case hex, as MagTek's JavaScript SDK would. Proves: the answer
    /// (hex, the manual's Set response layout echoing the new topic) arrives on the OLD
    /// <c>&lt;publish&gt;/MMSMessage</c>; the old status topic then gets <c>disconnected</c>, live and as its
    /// retained value; the device reconnects (two connects at the broker) and publishes the retained
    /// <c>connected</c> and its telemetry under the new topic; requests on the unchanged command topic
    /// are answered on the new answer topic; the new topic is in flash and the remote change was
    /// confirmed (no fallback kept). Does not prove a change of the subscribe topic (the same path,
    /// one property further).
    /// </summary>
    [Fact]
    public void The_answer_comes_on_the_old_topic_then_the_device_moves_to_the_new_one()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "move-" + Guid.NewGuid().ToString("N")[..8];
        string oldTopic = "DeviceFirmware/Server/" + deviceId;
        string newTopic = "DeviceFirmware/Moved/" + deviceId;
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 100);
        using RemoteConfigClient before = RemoteConfigClient.Connect(broker, device);
        using RemoteConfigClient after = RemoteConfigClient.Connect(broker, device.CommandTopic, newTopic, "cfg2-" + deviceId);
        Assert.Equal(oldTopic, before.PublishTopic);
        device.Start();
        device.WaitForSubscription();
        before.WaitForTelemetry(m => m.Seq >= 1, "telemetry on the old topic");
        Wait.Until(() => before.Statuses().Contains("connected"), "connected on the old status topic");

        byte[] value = Encoding.ASCII.GetBytes(newTopic);
        string request = Convert.ToHexString(MmsRequestBuilder.Set(0x55, PropertyIndex.MqttPublishTopic, value, 0, value.Length));
        string answer = before.AskHex(request);

        // Header, 84 of 15 + n bytes: D111, the OID 1.2.2.1.2 in 85/87, 89 (2 + n) holding C5 n and the topic.
        int n = value.Length;
        Assert.Equal("AA0081048255D111820400000000" + "8482" + (15 + n).ToString("X4") + "D111850101870402020102" + "89" + (2 + n).ToString("X2") + "C5" + n.ToString("X2") + Convert.ToHexString(value), answer);
        Assert.Equal(oldTopic + "/MMSMessage", before.Answers().Single().Topic);

        // Goodbye on the old status topic, after the answer; hello and telemetry on the new one.
        Wait.Until(() => before.Statuses().LastOrDefault() == "disconnected", () => "disconnected on the old status topic: " + string.Join(", ", before.Statuses()));
        Wait.Until(() => after.Statuses().Contains("connected"), () => "connected on the new status topic\n" + device.Log.Tail(20));
        var oldMessages = before.Mqtt.Messages.ToList();
        int answerAt = oldMessages.FindIndex(m => m.Topic == before.AnswerTopic);
        int goodbyeAt = oldMessages.FindLastIndex(m => m.Topic == before.StatusTopic && Encoding.ASCII.GetString(m.Payload) == "disconnected");
        Assert.True(answerAt >= 0 && answerAt < goodbyeAt, $"answer at {answerAt}, disconnected at {goodbyeAt}");
        long seqNow = device.LastSequence;
        after.WaitForTelemetry(m => m.Seq > seqNow, "telemetry on the new topic");
        Assert.Equal(newTopic + "/Telemetry", device.Topic);
        Assert.Equal(2, device.Session.ConnectCount);

        // The command topic did not change; answers now come on the new answer topic.
        string get = Encoding.ASCII.GetString(after.Ask(RemoteConfigClient.Ascii(Convert.ToHexString(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttPublishTopic)))).Payload);
        Assert.StartsWith("AA0081048255D101820400000000", get, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(value), get, StringComparison.Ordinal);
        Assert.Single(before.Answers());

        // What the broker keeps for newcomers.
        using PahoTestSubscriber late = PahoTestSubscriber.Connect(broker.Host, broker.Port, "late-" + deviceId);
        late.Subscribe(oldTopic + "/Status", 0);
        late.Subscribe(newTopic + "/Status", 0);
        Wait.Until(() => late.Messages.Count >= 2, "the two retained statuses");
        Assert.Equal("disconnected", Encoding.ASCII.GetString(late.Messages.Single(m => m.Topic == oldTopic + "/Status").Payload));
        Assert.Equal("connected", Encoding.ASCII.GetString(late.Messages.Single(m => m.Topic == newTopic + "/Status").Payload));
        Assert.All(late.Messages, m => Assert.True(m.Retained));

        var reloaded = new SettingsStore(device.Flash, SettingsDefaults.ForDevice(deviceId), NullLog.Instance);
        reloaded.Load();
        Assert.Equal(newTopic, reloaded.GetText(PropertyIndex.MqttPublishTopic));
        Assert.Null(reloaded.LoadFallback());
        Assert.Contains("mqtt: new connection settings confirmed: a broker was reached", device.Log.Lines());
    }
}
