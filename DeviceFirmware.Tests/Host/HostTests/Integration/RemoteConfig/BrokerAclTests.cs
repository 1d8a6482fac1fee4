using System;
using System.IO;
using System.Linq;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// The broker decides who may configure a device: with <see cref="DeviceAcl"/> (password file, ACL,
/// no anonymous clients) only the configuration user's requests reach the device; the device itself,
/// logged in with its device ID as user name, reads its command topic and writes its answers,
/// telemetry and status.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class BrokerAclTests : IDisposable
{
    private const string GetResponseQos2 = "AA0081048255D10182040000000084820010D1018501018704020201028903C30102";

    private readonly string _directory = Directory.CreateTempSubdirectory("acl-").FullName;

    /// <summary>Deletes the password and ACL files.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Proves: under the ACL the device connects with its credentials, subscribes to its command topic
    /// (SUBACK granted) and publishes telemetry; the configuration user's Set of QoS 2 is answered and
    /// stored; a Set of QoS 1 published by the telemetry reader, and one published by another device to
    /// this device's command topic, are refused by the broker (its log shows "Denied PUBLISH" for each)
    /// and never delivered: the QoS stays 2, the device's <c>remote.requests</c> and
    /// <c>remote.dropped</c> do not move (in the device and in its telemetry payload), and the broker
    /// never sent the device a third PUBLISH on its command topic. An anonymous client is refused at
    /// CONNECT. The reader receives telemetry but not the answers. Does not prove anything about TLS
    /// (the TLS tests) or about ACL reloads.
    /// </summary>
    [Fact]
    public void Only_the_configuration_user_reaches_the_device()
    {
        string deviceId = "acl-" + Guid.NewGuid().ToString("N")[..8];
        string otherId = "oth-" + Guid.NewGuid().ToString("N")[..8];
        using MosquittoBroker broker = DeviceAcl.StartBroker(
            _directory,
            new[] { (DeviceAcl.ConfigUser, "config-pw"), (DeviceAcl.TelemetryReader, "reader-pw"), (deviceId, "device-pw"), (otherId, "other-pw") });
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 100);
        device.SetText(PropertyIndex.MqttUsername, deviceId);
        device.SetText(PropertyIndex.MqttPassword, "device-pw");
        using RemoteConfigClient config = RemoteConfigClient.Connect(broker, device, DeviceAcl.ConfigUser, "config-pw");
        using PahoTestSubscriber reader = PahoTestSubscriber.Connect(broker.Host, broker.Port, "reader-" + deviceId, username: DeviceAcl.TelemetryReader, password: "reader-pw");
        reader.Subscribe("DeviceFirmware/Server/#", 0);
        using PahoTestSubscriber other = PahoTestSubscriber.Connect(broker.Host, broker.Port, "DeviceFirmware-" + otherId, username: otherId, password: "other-pw");
        device.Start();
        device.WaitForSubscription();
        config.WaitForTelemetry(m => m.Seq >= 1, "the device's first telemetry");

        PipelineDevice.AssertSetSucceeded(config.Ask(PipelineDevice.QosSetFrame(2)).Payload, "QoS 2 by the configuration user");
        Assert.Equal(2, device.Store.GetByte(PropertyIndex.MqttQos));

        reader.Publish(device.CommandTopic, PipelineDevice.QosSetFrame(1), 0);
        broker.WaitForLog(_ => DeniedPublishes(broker, reader.ClientId, device.CommandTopic) == 1, "the reader's PUBLISH denied");
        other.Publish(device.CommandTopic, PipelineDevice.QosSetFrame(1), 1);
        broker.WaitForLog(_ => DeniedPublishes(broker, other.ClientId, device.CommandTopic) == 1, "the other device's PUBLISH denied");

        // mosquitto handles packets in order on one thread: a request the configuration user sends
        // after the denials is handled after them, so its answer comes after anything they could do.
        Assert.Equal(GetResponseQos2, Convert.ToHexString(config.Ask(Hex.Parse(SeedFrames.GetRequest)).Payload));
        Assert.Equal(2, device.Store.GetByte(PropertyIndex.MqttQos));
        Assert.Equal(2, device.Remote.Requests);
        Assert.Equal(0, device.Remote.Dropped);
        Assert.Equal(2, broker.Log().For(device.ClientId).Count(p => p.Direction == Tests.Infrastructure.Mosquitto.PacketDirection.Sent && p.Type == "PUBLISH" && p.Topic == device.CommandTopic));
        long seqNow = device.LastSequence;
        TelemetryMessage report = config.WaitForTelemetry(m => m.Seq > seqNow, "a message after the denied requests");
        Assert.Equal(2, report.RemoteRequests);
        Assert.Equal(0, report.RemoteDropped);

        // No anonymous clients at all.
        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => PahoTestSubscriber.Connect(broker.Host, broker.Port, "anon-" + deviceId).Dispose());
        Assert.Contains("connect", refused.Message, StringComparison.Ordinal);
        broker.WaitForLog(_ => broker.Process.ReadLogLines().Any(l => l.EndsWith(": Client <unknown> disconnected, not authorised.", StringComparison.Ordinal)), "the anonymous client refused");

        // The reader sees telemetry and status, never an answer.
        Wait.Until(() => reader.Messages.Any(m => m.Topic == device.Topic), "telemetry at the reader");
        Assert.DoesNotContain(reader.Messages, m => m.Topic == device.AnswerTopic);
        Assert.Equal(2, config.Answers().Count);
    }

    private static int DeniedPublishes(MosquittoBroker broker, string clientId, string topic)
        => broker.Process.ReadLogLines().Count(l => l.Contains("Denied PUBLISH from " + clientId + " ", StringComparison.Ordinal) && l.Contains("'" + topic + "'", StringComparison.Ordinal));
}
