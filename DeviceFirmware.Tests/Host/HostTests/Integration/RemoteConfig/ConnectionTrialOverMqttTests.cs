using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// A remote change of the broker port is a trial: the device answers, reconnects with the new
/// value, and goes back to the last known good one if no broker is reached in time
/// (<see cref="DeviceFirmware.Composition.DeviceOptions.ConnectionTrialMilliseconds"/>, shortened to
/// 2 s here from the default 5 minutes).
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class ConnectionTrialOverMqttTests
{
    private const int TrialMs = 2000;

    /// <summary>
    /// The port is set over MQTT to a closed port on 127.0.0.1. Proves: the Set is answered (the
    /// manual's Set response echoing the new port) before the device leaves (<c>disconnected</c> on its
    /// status topic); no broker is reached; after the trial the device is back on its broker (a second
    /// connect there), posts the non-retained note "rolled back: ..." on its status topic right before
    /// the retained <c>connected</c>, logs the rollback, reports <c>remote.rollbacks</c> 1 in its
    /// telemetry, and its flash holds the old port again with no fallback record left. Does not prove
    /// a rollback across a restart (the shared ConnectionTrial tests resume one).
    /// </summary>
    [Fact]
    public void A_port_set_over_mqtt_that_reaches_no_broker_is_rolled_back()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "rb-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 100, options => options.ConnectionTrialMilliseconds = TrialMs);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();
        Wait.Until(() => client.Statuses().Contains("connected"), "connected");

        int closedPort = MosquittoProcess.FreeLoopbackPort();
        var clock = Stopwatch.StartNew();
        ReceivedMessage answer = client.Ask(PortSet(closedPort));
        Assert.Equal("AA0081048255D11182040000000084820011D1118501018704020201028904C202" + closedPort.ToString("X4"), Convert.ToHexString(answer.Payload));

        string note = "rolled back: no broker reached with new connection settings in 2 s; previous settings restored";
        Wait.Until(() => client.Statuses().Count(s => s == "connected") == 2, () => "back on the broker: " + string.Join(" | ", client.Statuses()) + "\n" + device.Log.Tail(20), TimeSpan.FromSeconds(TrialMs / 1000 + 15));
        TimeSpan back = clock.Elapsed;
        Assert.Equal(new[] { "connected", "disconnected", note, "connected" }, client.Statuses());
        Assert.False(client.On(client.StatusTopic).Single(m => Encoding.ASCII.GetString(m.Payload) == note).Retained);
        Assert.True(back.TotalMilliseconds >= TrialMs, $"back after {back.TotalMilliseconds:0} ms, before the trial's end");
        Assert.Contains("mqtt: no broker reached with the new connection settings in 2 s; previous settings restored", device.Log.Lines());

        Assert.Equal(broker.Port, device.Store.GetUInt16(PropertyIndex.MqttPort));
        Assert.Equal(2, device.Session.ConnectCount);
        Assert.Equal(broker.Port, device.Session.CurrentOptions.Port);
        Assert.Equal(2, broker.Process.ReadLogLines().Count(l => l.Contains("New client connected", StringComparison.Ordinal) && l.Contains(" as " + device.ClientId + " ", StringComparison.Ordinal)));

        long seqNow = device.LastSequence;
        TelemetryMessage report = client.WaitForTelemetry(m => m.Seq > seqNow, "telemetry after the rollback");
        Assert.Equal(1, report.RemoteRollbacks);
        Assert.Equal(1, report.RemoteRequests);

        var reloaded = new SettingsStore(device.Flash, SettingsDefaults.ForDevice(deviceId), NullLog.Instance);
        reloaded.Load();
        Assert.Equal(broker.Port, reloaded.GetUInt16(PropertyIndex.MqttPort));
        Assert.Null(reloaded.LoadFallback());

        // And it answers there again.
        Assert.Equal("AA0081048255D10182040000000084820011D1018501018704020201028904C202" + broker.Port.ToString("X4"), Convert.ToHexString(client.Ask(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttPort)).Payload));
    }

    /// <summary>
    /// The port is set over MQTT to a second, reachable broker on 127.0.0.1. Proves: the Set is
    /// answered on the first broker; the device connects to the second one (status <c>connected</c>,
    /// telemetry, answers there), the trial is confirmed at once (log line, no fallback record), and
    /// after the trial's deadline has long passed it is still on the second broker: one connect at
    /// each broker, <c>remote.rollbacks</c> 0, the new port in flash. Does not prove anything about
    /// a second broker that accepts the TCP connection but refuses the CONNECT (it counts as not
    /// reached; the shared tests cover it with a fake transport).
    /// </summary>
    [Fact]
    public void A_port_set_over_mqtt_that_reaches_a_broker_is_kept()
    {
        using MosquittoBroker first = MosquittoBroker.Start();
        using MosquittoBroker second = MosquittoBroker.Start();
        string deviceId = "keep-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(first, deviceId, qos: 0, intervalMs: 100, options => options.ConnectionTrialMilliseconds = TrialMs);
        using RemoteConfigClient atFirst = RemoteConfigClient.Connect(first, device);
        using RemoteConfigClient atSecond = RemoteConfigClient.Connect(second, device);
        device.Start();
        device.WaitForSubscription();

        ReceivedMessage answer = atFirst.Ask(PortSet(second.Port));
        var clock = Stopwatch.StartNew();
        Assert.Equal("AA0081048255D11182040000000084820011D1118501018704020201028904C202" + second.Port.ToString("X4"), Convert.ToHexString(answer.Payload));
        Wait.Until(() => atSecond.Statuses().Contains("connected"), () => "connected at the second broker\n" + device.Log.Tail(20));
        Assert.Contains("mqtt: new connection settings confirmed: a broker was reached", device.Log.Lines());

        // Well past the deadline: still there, still publishing and answering.
        Wait.Until(() => clock.ElapsedMilliseconds > TrialMs + 1000, "the trial's deadline to pass", TimeSpan.FromSeconds(10));
        long seqNow = device.LastSequence;
        TelemetryMessage report = atSecond.WaitForTelemetry(m => m.Seq > seqNow, "telemetry at the second broker after the deadline");
        Assert.Equal(0, report.RemoteRollbacks);
        Assert.Equal(1, report.RemoteRequests);
        device.WaitForSubscription();
        Assert.Equal("AA0081048255D10182040000000084820011D1018501018704020201028904C202" + second.Port.ToString("X4"), Convert.ToHexString(atSecond.Ask(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttPort)).Payload));

        Assert.Equal(2, device.Session.ConnectCount);
        Assert.Equal(second.Port, device.Session.CurrentOptions.Port);
        Assert.Equal(1, ConnectsAt(first, device));
        Assert.Equal(1, ConnectsAt(second, device));
        Assert.Equal(new[] { "connected", "disconnected" }, atFirst.Statuses());
        Assert.DoesNotContain(device.Log.Lines(), l => l.Contains("previous settings restored", StringComparison.Ordinal));

        var reloaded = new SettingsStore(device.Flash, SettingsDefaults.ForDevice(deviceId), NullLog.Instance);
        reloaded.Load();
        Assert.Equal(second.Port, reloaded.GetUInt16(PropertyIndex.MqttPort));
        Assert.Null(reloaded.LoadFallback());
    }

    // Set 1.2.2.1.2.2 (C2, two bytes big-endian) with reference 55.
    private static byte[] PortSet(int port)
    {
        byte[] value = { (byte)(port >> 8), (byte)port };
        return MmsRequestBuilder.Set(0x55, PropertyIndex.MqttPort, value, 0, value.Length);
    }

    private static int ConnectsAt(MosquittoBroker broker, PipelineDevice device)
        => broker.Process.ReadLogLines().Count(l => l.Contains("New client connected", StringComparison.Ordinal) && l.Contains(" as " + device.ClientId + " ", StringComparison.Ordinal));
}
