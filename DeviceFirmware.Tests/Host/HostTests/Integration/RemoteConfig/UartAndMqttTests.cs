using System;
using System.Collections.Generic;
using System.Threading;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Host.Integration.Pipeline;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// The configuration UART and MQTT share one request handler and one settings store: a Set made on
/// either side is what the other side reads next, and requests from both sides are handled one at a
/// time. The UART is the device's real serial service on a pseudo-terminal, spoken to with mmsctl's
/// SLIP session (as <c>mmsctl --port</c> would); MQTT goes through a real mosquitto.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class UartAndMqttTests
{
    /// <summary>The seed Get response with value byte 01 (reference 55).</summary>
    private const string GetResponseQos1 = "AA0081048255D10182040000000084820010D1018501018704020201028903C30101";

    /// <summary>The seed Get response with value byte 02 (reference 55).</summary>
    private const string GetResponseQos2 = "AA0081048255D10182040000000084820010D1018501018704020201028903C30102";

    /// <summary>
    /// Proves: a Set of QoS 2 answered over MQTT is read back over the UART by the very next Get
    /// (no delay, no reconnect), and a Set of QoS 1 over the UART is read back over MQTT by the next
    /// Get; both Gets answer the manual's Get response with the new value byte, byte for byte. The
    /// UART answers come in SLIP frames (mmsctl's decoder), the MQTT answers as raw bytes. Does not
    /// prove the QoS of the subscription changes (it follows from the next connect on).
    /// </summary>
    [Fact]
    public void A_set_from_either_side_is_read_back_at_once_on_the_other()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "both-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 60000, serial: true);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();
        byte[] get = Hex.Parse(SeedFrames.GetRequest);

        ReceivedMessage setOverMqtt = client.Ask(PipelineDevice.QosSetFrame(2));
        byte[] readOverUart = device.Uart(get);

        byte[] setOverUart = device.Uart(PipelineDevice.QosSetFrame(1));
        ReceivedMessage readOverMqtt = client.Ask(get);

        Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C30102", Convert.ToHexString(setOverMqtt.Payload));
        Assert.Equal(GetResponseQos2, Convert.ToHexString(readOverUart));
        Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C30101", Convert.ToHexString(setOverUart));
        Assert.Equal(GetResponseQos1, Convert.ToHexString(readOverMqtt.Payload));
        Assert.Equal(1, device.Store.GetByte(PropertyIndex.MqttQos));

        // The UART's requests are not counted as remote ones.
        Assert.Equal(2, device.Remote.Requests);
        Assert.Equal(2, device.Device.Serial.Service.FramesReceived);
    }

    /// <summary>
    /// Both sides at once: the UART sets the QoS to 1 and 2 in turn and reads it back, while MQTT reads
    /// it with another reference number, 25 rounds each. Proves: every answer on either side is a
    /// whole, well-formed answer to its own request (its reference and command, the manual's byte
    /// layout, a value the UART wrote), never a mix of the two, and the UART's read-back after its
    /// own Set always sees its own value (no MQTT request runs in between that could change it, since
    /// MQTT only reads). Does not prove the order in which the device took the requests.
    /// </summary>
    [Fact]
    public void Requests_from_both_sides_at_once_are_each_answered_whole()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "race-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(broker, deviceId, qos: 0, intervalMs: 60000, serial: true);
        using RemoteConfigClient client = RemoteConfigClient.Connect(broker, device);
        device.Start();
        device.WaitForSubscription();

        const int Rounds = 25;
        byte[] mqttGet = MmsRequestBuilder.Get(0x66, PropertyIndex.MqttQos);
        Assert.Equal("AA0081040166D101840FD1018501018704020201028902C300", Convert.ToHexString(mqttGet));
        var uartAnswers = new List<string>();
        Exception uartFailure = null;
        var uart = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < Rounds; i++)
                {
                    int qos = 1 + (i % 2);
                    uartAnswers.Add(Convert.ToHexString(device.Uart(PipelineDevice.QosSetFrame(qos))));
                    uartAnswers.Add(Convert.ToHexString(device.Uart(Hex.Parse(SeedFrames.GetRequest))));
                }
            }
            catch (Exception e)
            {
                uartFailure = e;
            }
        });
        uart.Start();

        var mqttAnswers = new List<string>();
        for (int i = 0; i < Rounds; i++)
        {
            mqttAnswers.Add(Convert.ToHexString(client.Ask(mqttGet).Payload));
        }

        Assert.True(uart.Join(TimeSpan.FromSeconds(30)), "the UART thread finished");
        Assert.Null(uartFailure);

        for (int i = 0; i < Rounds; i++)
        {
            string value = (1 + (i % 2)).ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("AA0081048255D11182040000000084820010D1118501018704020201028903C301" + value, uartAnswers[2 * i]);
            Assert.Equal("AA0081048255D10182040000000084820010D1018501018704020201028903C301" + value, uartAnswers[(2 * i) + 1]);
        }

        foreach (string answer in mqttAnswers)
        {
            Assert.Contains(
                answer,
                new[]
                {
                    "AA0081048266D10182040000000084820010D1018501018704020201028903C30100",
                    "AA0081048266D10182040000000084820010D1018501018704020201028903C30101",
                    "AA0081048266D10182040000000084820010D1018501018704020201028903C30102",
                });
        }

        Assert.Equal(Rounds, device.Remote.Requests);
        Assert.Equal(0, device.Remote.Dropped);
    }
}
