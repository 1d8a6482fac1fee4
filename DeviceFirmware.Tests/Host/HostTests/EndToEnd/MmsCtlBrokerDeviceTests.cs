using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>One simulator process on a private mosquitto, shared by the tests of one class (each test sets the state it needs first).</summary>
public sealed class OneSimulatorFixture : IDisposable
{
    public const string DeviceId = "e2e-mqtt-one";

    public OneSimulatorFixture()
    {
        Rig = new BrokerRig(tag: "mqtt-one");
        try
        {
            Rig.StartSimulators(DeviceId);
        }
        catch
        {
            Rig.Dispose();
            throw;
        }
    }

    internal BrokerRig Rig { get; }

    public void Dispose() => Rig.Dispose();
}

/// <summary>
/// mmsctl against one simulator process through a real mosquitto (<c>--broker --device</c>): get,
/// set, raw and reset travel as MQTT messages to the simulator's command topic and back from its
/// <c>/MMSMessage</c> topic. None of these tests proves anything about a real board's network stack.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MmsCtlBrokerDeviceTests : IClassFixture<OneSimulatorFixture>
{
    private const string Id = OneSimulatorFixture.DeviceId;
    private const string SeedGetRequest = "AA0081040155D101840FD1018501018704020201028902C300";
    private const string SeedGetResponse = "AA0081048255D10182040000000084820010D1018501018704020201028903C30100";

    private readonly BrokerRig _rig;

    public MmsCtlBrokerDeviceTests(OneSimulatorFixture fixture)
    {
        _rig = fixture.Rig;
    }

    /// <summary>
    /// A value set over the serial port is what <c>get</c> over the broker returns, and the JSON names
    /// the broker, device and topics. Proves the broker round trip and the default topics; not QoS.
    /// </summary>
    [Fact]
    public void Get_OverTheBroker_ReturnsTheValueSetOverSerial()
    {
        Assert.Equal(0, _rig.Serial(Id, "set", "mqtt.qos", "1").ExitCode);

        ProcessResult get = _rig.MmsCtl("--device", Id, "get", "mqtt.qos");
        ProcessResult json = _rig.MmsCtl("--device", Id, "--json", "get", "mqtt.qos");

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("mqtt.qos = 1 (at least once)", get.OutputLine);
        Assert.Equal(string.Empty, get.Error);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement root = doc.RootElement;
        Assert.Equal(_rig.Address, root.GetProperty("broker").GetString());
        Assert.Equal(Id, root.GetProperty("device").GetString());
        Assert.Equal($"DeviceFirmware/Device/{Id}", root.GetProperty("commandTopic").GetString());
        Assert.Equal($"DeviceFirmware/Server/{Id}/MMSMessage", root.GetProperty("responseTopic").GetString());
        Assert.Equal(1, root.GetProperty("value").GetInt32());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
    }

    /// <summary>
    /// <c>set mqtt.qos 2</c> over the broker is answered with the new value, a <c>get</c> shows it, and
    /// the device's next telemetry message says <c>"qos":2</c> and arrives in a QoS 2 PUBLISH.
    /// Proves the Set reached the device's settings; not how the device handles QoS 2 internally.
    /// </summary>
    [Fact]
    public void SetQos2_OverTheBroker_ThenGetShows2_AndTheNextTelemetryHasQos2()
    {
        string telemetry = $"DeviceFirmware/Server/{Id}/Telemetry";
        Assert.Equal(0, _rig.MmsCtl("--device", Id, "set", "mqtt.qos", "0").ExitCode);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(_rig.Broker, "e2e-mqtt-telemetry", telemetry, 2);

        ProcessResult set = _rig.MmsCtl("--device", Id, "set", "mqtt.qos", "2");
        int before = subscriber.Messages.Count;
        ProcessResult get = _rig.MmsCtl("--device", Id, "get", "mqtt.qos");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("mqtt.qos = 2 (exactly once)", set.OutputLine);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("mqtt.qos = 2 (exactly once)", get.OutputLine);
        Wait.Until(() => subscriber.Messages.Skip(before).Any(HasQos2), "a telemetry message with \"qos\":2", TimeSpan.FromSeconds(30));
        Assert.Equal(2, subscriber.Messages.Skip(before).First(HasQos2).Qos);

        static bool HasQos2(ReceivedMessage m) => Encoding.UTF8.GetString(m.Payload).Contains("\"qos\":2", StringComparison.Ordinal);
    }

    /// <summary>
    /// The seed page's Get frame sent with <c>raw</c> gets the seed's response byte for byte, as hex
    /// text by default and as raw bytes with <c>--binary</c>; a subscriber on both topics sees the
    /// request and the answer in exactly that form. Proves the encodings on the wire.
    /// </summary>
    [Fact]
    public void RawSeedGetFrame_PrintsTheSeedResponse_SentAsHexText_OrAsBytesWithBinary()
    {
        Assert.Equal(0, _rig.MmsCtl("--device", Id, "set", "mqtt.qos", "0").ExitCode);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Connect(_rig.Broker.Host, _rig.Broker.Port, "e2e-mqtt-wire");
        subscriber.Subscribe($"DeviceFirmware/Device/{Id}", 1);
        subscriber.Subscribe($"DeviceFirmware/Server/{Id}/MMSMessage", 1);

        ProcessResult hex = _rig.MmsCtl("--device", Id, "raw", "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300");
        subscriber.WaitForMessages(2);
        ReceivedMessage[] hexWire = subscriber.Messages.ToArray();
        ProcessResult binary = _rig.MmsCtl("--device", Id, "--binary", "raw", SeedGetRequest);
        ReceivedMessage[] binaryWire = subscriber.WaitForMessages(4).Skip(2).ToArray();

        Assert.True(hex.ExitCode == 0, hex.ToString());
        Assert.Equal(SeedGetResponse, hex.OutputLine);
        Assert.True(binary.ExitCode == 0, binary.ToString());
        Assert.Equal(SeedGetResponse, binary.OutputLine);
        Assert.Equal(SeedGetRequest, Encoding.ASCII.GetString(hexWire.Single(m => m.Topic.EndsWith(Id, StringComparison.Ordinal)).Payload));
        Assert.Equal(SeedGetResponse, Encoding.ASCII.GetString(hexWire.Single(m => m.Topic.EndsWith("/MMSMessage", StringComparison.Ordinal)).Payload));
        Assert.Equal(Convert.FromHexString(SeedGetRequest), binaryWire.Single(m => m.Topic.EndsWith(Id, StringComparison.Ordinal)).Payload);
        Assert.Equal(Convert.FromHexString(SeedGetResponse), binaryWire.Single(m => m.Topic.EndsWith("/MMSMessage", StringComparison.Ordinal)).Payload);
        Assert.All(hexWire.Concat(binaryWire).Where(m => m.Topic.EndsWith(Id, StringComparison.Ordinal)), m => Assert.Equal(1, m.Qos));
    }

    /// <summary>
    /// A secret reads back as zeros (or nothing) from the device and mmsctl shows it write-only, over
    /// the broker as over serial. (Nothing is set here: a password without a user name would make the
    /// device reconnect with credentials MQTT 3.1.1 cannot send.) Proves nothing about where the
    /// device keeps the secret.
    /// </summary>
    [Fact]
    public void Secrets_StayWriteOnly_OverTheBroker()
    {
        ProcessResult get = _rig.MmsCtl("--device", Id, "get", "mqtt.password");
        ProcessResult json = _rig.MmsCtl("--device", Id, "--json", "get", "mqtt.password");

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("mqtt.password = (write-only)", get.OutputLine);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.True(doc.RootElement.GetProperty("writeOnly").GetBoolean());
        Assert.Matches("^(00)*$", doc.RootElement.GetProperty("hex").GetString());
    }

    /// <summary>
    /// A device nobody answers for: exit 2 with "no answer from device X within N ms" once the timeout
    /// has passed. Proves the timeout path over the broker, not how long a real device may take.
    /// </summary>
    [Fact]
    public void UnknownDevice_NoAnswerWithinTheTimeout_Exit2()
    {
        ProcessResult result = _rig.MmsCtl("--device", "e2e-ghost", "--timeout", "600", "get", "mqtt.qos");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: no answer from device e2e-ghost within 600 ms\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(600), result.ToString());
    }

    /// <summary>
    /// <c>reset</c> over the broker: the simulator restarts its device (new MQTT session) and a probe
    /// over a new broker session is answered. Proves the reset and reconnect round trip; the simulator
    /// restarts in-process, unlike a board.
    /// </summary>
    [Fact]
    public void Reset_OverTheBroker_TheDeviceAnswersAgain()
    {
        ProcessResult reset = _rig.MmsCtl("--device", Id, "reset");

        Assert.True(reset.ExitCode == 0, reset + "\n" + _rig[Id]);
        Assert.StartsWith("reset: the device answered again ", reset.OutputLine);
        _rig.WaitForLine(Id, "simulator: restarted, boot ");
    }
}
