using System;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// A request kept by the broker as a retained message is not a request: the broker hands it to the
/// device again on every subscribe, i.e. after every reconnect, so acting on it would repeat it
/// forever (a retained Reset Device would restart the device after each boot).
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class RetainedRequestTests
{
    /// <summary>
    /// A QoS Set (value 01) is published retained to the command topic before the device starts.
    /// Proves: when the broker delivers it on the device's subscribe (RETAIN set), the device neither
    /// applies it (QoS stays 00) nor answers it, counts it in <c>remote.dropped</c> and logs why; and a
    /// live request published afterwards (RETAIN clear, though the broker now keeps a retained one)
    /// is answered. Does not prove anything about retained messages on other topics (the device
    /// subscribes to its command topic only).
    /// </summary>
    [Fact]
    public void A_retained_request_is_dropped_and_counted_not_carried_out()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "ret-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 100);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        client.Mqtt.Publish(device.CommandTopic, PipelineDevice.QosSetFrame(1), 1, retained: true);
        device.Start();
        device.WaitForSubscription();

        Wait.Until(() => device.Remote.Dropped == 1, () => "the retained request dropped\n" + device.Log.Tail(20));
        Assert.Equal(0, device.Store.GetByte(PropertyIndex.MqttQos));
        Assert.Equal(0, device.Remote.Requests);
        Assert.Empty(client.Answers());
        Assert.Contains("mms: dropped 1 message(s) received over MQTT, the last: a retained message (the broker keeps it and would replay it after every reconnect)", device.Log.Lines());

        PipelineDevice.AssertSetSucceeded(client.Ask(PipelineDevice.QosSetFrame(2)).Payload, "a live Set");
        Assert.Equal(2, device.Store.GetByte(PropertyIndex.MqttQos));
        long seqNow = device.LastSequence;
        TelemetryMessage report = client.WaitForTelemetry(m => m.Seq > seqNow, "telemetry after the live Set");
        Assert.Equal(1, report.RemoteDropped);
        Assert.Equal(1, report.RemoteRequests);
    }
}
