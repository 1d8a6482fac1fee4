using System;
using System.Text;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// The four seed frames of property 1.2.2.1.2.3 (MQTT QoS) over a real mosquitto: a device composed
/// as the board and the simulator compose it (<see cref="PipelineDevice"/>: the core's Device, real
/// Paho C) answers requests published to <c>DeviceFirmware/Device/&lt;id&gt;</c> on
/// <c>DeviceFirmware/Server/&lt;id&gt;/MMSMessage</c>, in the encoding of the request.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class SeedFramesOverMqttTests
{
    /// <summary>The seed Get response with the value byte 02: the answer while the QoS is 2.</summary>
    private const string GetResponseQos2 = "AA0081048255D10182040000000084820010D1018501018704020201028903C30102";

    /// <summary>
    /// Proves, byte for byte: the seed Get request published as raw bytes (starting AA) is answered
    /// with the Get response for the stored value (02 first); the seed Set request is answered with the
    /// seed Set response and really writes 00 over the 02 (store and flash); the seed Get is then
    /// answered with the seed Get response. Answers are raw bytes, not retained, on the default answer
    /// topic, and carry the QoS in force when they were made (2, then 0 from the Set on: the Set's
    /// answer is made after the Set). Does not prove anything about hex requests (see the hex test).
    /// </summary>
    [Fact]
    public void Seed_requests_in_binary_get_the_seed_responses_byte_for_byte()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "seedb-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 2, intervalMs: 60000);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        Assert.Equal("DeviceFirmware/Device/" + deviceId, client.CommandTopic);
        Assert.Equal("DeviceFirmware/Server/" + deviceId + "/MMSMessage", client.AnswerTopic);
        device.Start();
        device.WaitForSubscription();

        ReceivedMessage before = client.Ask(Hex.Parse(SeedFrames.GetRequest));
        ReceivedMessage set = client.Ask(Hex.Parse(SeedFrames.SetRequest));
        byte stored = device.Store.GetByte(PropertyIndex.MqttQos);
        ReceivedMessage get = client.Ask(Hex.Parse(SeedFrames.GetRequest));

        Assert.Equal(GetResponseQos2, Convert.ToHexString(before.Payload));
        Assert.Equal(SeedFrames.SetResponse, Convert.ToHexString(set.Payload));
        Assert.Equal(SeedFrames.GetResponse, Convert.ToHexString(get.Payload));
        Assert.Equal(0, stored);
        Assert.Equal(new[] { 2, 0, 0 }, new[] { before.Qos, set.Qos, get.Qos });
        Assert.False(before.Retained || set.Retained || get.Retained);
        Assert.Equal(3, device.Remote.Requests);
        Assert.Equal(0, device.Remote.Dropped);

        var reloaded = new SettingsStore(device.Flash, SettingsDefaults.ForDevice(deviceId), DeviceFirmware.Runtime.NullLog.Instance);
        reloaded.Load();
        Assert.Equal(0, reloaded.GetByte(PropertyIndex.MqttQos));
    }

    /// <summary>
    /// Proves: the seed requests as hex text, as MagTek's JavaScript SDK publishes them, in lower case,
    /// upper case and with a trailing CR LF, are answered with upper-case hex text equal to the seed
    /// responses (the Set writes 00 over 02). Does not prove white space inside the text is refused
    /// (the shared HexText tests do).
    /// </summary>
    [Fact]
    public void Seed_requests_in_hex_of_either_case_get_the_seed_responses_in_upper_case_hex()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "seedh-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 2, intervalMs: 60000);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();

        string getLower = client.AskHex("aa0081040155d101840fd1018501018704020201028902c300");
        string setLower = client.AskHex("aa0081040155d1118410d1118501018704020201028903c30100");
        byte stored = device.Store.GetByte(PropertyIndex.MqttQos);
        string getUpper = client.AskHex("AA0081040155D101840FD1018501018704020201028902C300");
        string setUpperCrLf = client.AskHex("AA0081040155D1118410D1118501018704020201028903C30100\r\n");

        Assert.Equal(GetResponseQos2, getLower);
        Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C30100", setLower);
        Assert.Equal(0, stored);
        Assert.Equal("AA0081048255D10182040000000084820010D1018501018704020201028903C30100", getUpper);
        Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C30100", setUpperCrLf);

        // The shared constants say the same (written with spaces as the manual prints them).
        Assert.Equal(SeedFrames.SetResponse, setLower);
        Assert.Equal(SeedFrames.GetResponse, getUpper);
        Assert.Equal(4, device.Remote.Requests);
        Assert.Equal(0, device.Remote.Dropped);
        Assert.Equal(Encoding.ASCII.GetBytes(SeedFrames.GetResponse), client.Answers()[2].Payload);
    }
}
