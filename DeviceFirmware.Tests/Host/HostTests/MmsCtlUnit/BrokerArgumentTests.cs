using System;
using System.IO;
using DeviceFirmware.MmsCtl;
using DeviceFirmware.Tests.Host.EndToEnd;
using Xunit;

namespace DeviceFirmware.Tests.Host.MmsCtlUnit;

/// <summary>
/// mmsctl's transport options checked together, without a broker or a port: exactly one of --port
/// and --broker, no option of the other transport, --device or --all, the topics, the QoS. Each
/// mistake is one line on stderr and exit code 2, and nothing is opened or sent (every broker here
/// is 127.0.0.1 on port 1, where nothing listens: a connect attempt would print "broker unreachable",
/// which no test expects). Proves the checks and messages, not how the broker answers.
/// </summary>
public sealed class BrokerArgumentTests
{
    private const string Broker = "127.0.0.1:1";

    [Theory]
    [InlineData("give --port PATH (the device's serial port) or --broker HOST[:PORT] (an MQTT broker)", "get", "mqtt.qos")]
    [InlineData("--port and --broker exclude each other: give one", "--port", "/dev/null", "--broker", Broker, "get", "mqtt.qos")]
    [InlineData("--username needs --broker (it has no meaning over a serial port)", "--port", "/dev/null", "--username", "u", "get", "mqtt.qos")]
    [InlineData("--all needs --broker (it has no meaning over a serial port)", "--port", "/dev/null", "--all", "get", "mqtt.qos")]
    [InlineData("--device needs --broker (it has no meaning over a serial port)", "--port", "/dev/null", "--device", "d", "get", "mqtt.qos")]
    [InlineData("devices needs --broker: it reads the devices' status topics", "--port", "/dev/null", "devices")]
    [InlineData("--baud is for --port", "--broker", Broker, "--baud", "115200", "--device", "d", "get", "mqtt.qos")]
    [InlineData("give --device ID (or --all): the topics DeviceFirmware/Device/{id} and DeviceFirmware/Server/{id}/MMSMessage need it", "--broker", Broker, "get", "mqtt.qos")]
    [InlineData("--all and --device exclude each other", "--broker", Broker, "--all", "--device", "d", "get", "mqtt.qos")]
    [InlineData("reset takes one device (--device); --all is not supported", "--broker", Broker, "--all", "reset")]
    [InlineData("devices lists every device; --all does not apply", "--broker", Broker, "--all", "devices")]
    [InlineData("--command-topic and --response-topic go together: give both, or neither for the default topics", "--broker", Broker, "--command-topic", "a/{id}", "get", "mqtt.qos")]
    [InlineData("with --all, --command-topic and --response-topic need {id} for the device ID", "--broker", Broker, "--all", "--command-topic", "a/b", "--response-topic", "a/{id}", "get", "mqtt.qos")]
    [InlineData("--command-topic: 'a/+' holds a wildcard ('+' or '#'); give the topic itself, with {id} for the device ID", "--broker", Broker, "--command-topic", "a/+", "--response-topic", "b", "get", "mqtt.qos")]
    [InlineData("--pattern: 'a/#/Status' is not an MQTT topic filter ('+' and '#' only as whole levels, '#' last)", "--broker", Broker, "--pattern", "a/#/Status", "devices")]
    [InlineData("--pattern is for devices and --all", "--broker", Broker, "--pattern", "a/+/Status", "--device", "d", "get", "mqtt.qos")]
    [InlineData("--include-disconnected needs --all", "--broker", Broker, "--include-disconnected", "--device", "d", "get", "mqtt.qos")]
    [InlineData("--password needs --username (MQTT 3.1.1 sends no password without a user name)", "--broker", Broker, "--password", "p", "devices")]
    [InlineData("--broker: '127.0.0.1:0' is not HOST[:PORT] with a port from 1 to 65535", "--broker", "127.0.0.1:0", "devices")]
    [InlineData("--broker: '127.0.0.1:x' is not HOST[:PORT] with a port from 1 to 65535", "--broker", "127.0.0.1:x", "devices")]
    [InlineData("--device: 'a+b' is not a device ID (no '+', '#', nothing empty)", "--broker", Broker, "--device", "a+b", "get", "mqtt.qos")]
    public void AMistake_IsOneLineAndExit2(string message, params string[] args)
    {
        CliResult result = CliResult.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: " + message + "\nTry 'mmsctl --help'.\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void QosOutOfRange_IsAParseError()
    {
        CliResult result = CliResult.Run("--broker", Broker, "--qos", "3", "--device", "d", "get", "mqtt.qos");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mmsctl: --qos must be 0, 1 or 2\n", result.Error);
    }

    [Fact]
    public void MissingCaFile_IsNamed()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-ca-" + Guid.NewGuid().ToString("N") + ".pem");

        CliResult result = CliResult.Run("--broker", Broker, "--ca-file", missing, "devices");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"mmsctl: --ca-file: no such file: {missing}\n", result.Error);
    }

    [Fact]
    public void RawWithBinary_MustStartWithAA_RefusedBeforeConnecting()
    {
        CliResult result = CliResult.Run("--broker", Broker, "--device", "d", "--binary", "raw", "0102");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: raw: with --binary the message must start with AA (the device reads any other payload as hex text)\n", result.Error);
    }

    [Fact]
    public void ABadValue_IsRefusedOnce_BeforeTheFleetIsContacted()
    {
        CliResult result = CliResult.Run("--broker", Broker, "--all", "set", "mqtt.qos", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mmsctl: mqtt.qos: 3 is out of range (0 to 2: 0 = at most once, 1 = at least once, 2 = exactly once); nothing sent\n", result.Error);
    }

    [Fact]
    public void BrokerDefaults_Port1883Plain_Qos1_TopicsFromTheDeviceId_FreshClientId()
    {
        ResolvedTransport first = new TransportArguments { Broker = "broker.example", Device = "dev-1" }.Resolve(CommandKind.Device);
        ResolvedTransport second = new TransportArguments { Broker = "broker.example", Device = "dev-1" }.Resolve(CommandKind.Device);

        BrokerSettings settings = first.Broker;
        Assert.Null(first.Serial);
        Assert.Equal(new BrokerAddress("broker.example", 1883), settings.Address);
        Assert.False(settings.UseTls);
        Assert.Equal(1, settings.Qos);
        Assert.False(settings.Binary);
        Assert.Equal("DeviceFirmware/Device/dev-1", settings.CommandTopic.For("dev-1"));
        Assert.Equal("DeviceFirmware/Server/dev-1/MMSMessage", settings.ResponseTopic.For("dev-1"));
        Assert.Equal("DeviceFirmware/Server/+/Status", settings.StatusPattern.Filter);
        Assert.Matches("^mmsctl-[0-9a-f]{8}$", settings.ClientId);
        Assert.NotEqual(settings.ClientId, second.Broker.ClientId);
        Assert.Equal(string.Empty, settings.Username);
        Assert.Equal(string.Empty, settings.Password);
    }

    [Fact]
    public void Port8883_MeansTls_AndSoDoesACaFileOnAnyPort()
    {
        string ca = Path.GetTempFileName();
        try
        {
            Assert.True(new TransportArguments { Broker = "b:8883", Device = "d" }.Resolve(CommandKind.Device).Broker.UseTls);
            Assert.Null(new TransportArguments { Broker = "b:8883", Device = "d" }.Resolve(CommandKind.Device).Broker.CaFile);
            BrokerSettings withCa = new TransportArguments { Broker = "b:1884", CaFile = ca, Device = "d" }.Resolve(CommandKind.Device).Broker;
            Assert.True(withCa.UseTls);
            Assert.Equal(ca, withCa.CaFile);
            Assert.False(new TransportArguments { Broker = "b:1884", Device = "d" }.Resolve(CommandKind.Device).Broker.UseTls);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public void ExplicitTopicsWithoutId_NeedNoDevice()
    {
        ResolvedTransport transport = new TransportArguments { Broker = "b", CommandTopic = "lab/in", ResponseTopic = "lab/out/MMSMessage" }.Resolve(CommandKind.Device);

        Assert.Null(transport.DeviceId);
        Assert.Equal("lab/in", transport.Broker.CommandTopic.For(null));
        Assert.Equal("lab/out/MMSMessage", transport.Broker.ResponseTopic.For(null));
    }

    [Fact]
    public void SerialDefaults_AreUnchanged()
    {
        ResolvedTransport transport = new TransportArguments { Port = "/dev/ttyUSB0", TimeoutMilliseconds = 700 }.Resolve(CommandKind.Device);

        Assert.Null(transport.Broker);
        Assert.Equal(new SerialChannelFactory("/dev/ttyUSB0", 115200, 700), transport.Serial);
    }

    [Theory]
    [InlineData("host", "host", 1883)]
    [InlineData("host:1884", "host", 1884)]
    [InlineData("127.0.0.1:8883", "127.0.0.1", 8883)]
    [InlineData("[::1]:1885", "::1", 1885)]
    [InlineData("[::1]", "::1", 1883)]
    [InlineData("::1", "::1", 1883)]
    [InlineData(" host ", "host", 1883)]
    public void BrokerAddress_Parses(string text, string host, int port)
    {
        Assert.True(BrokerAddress.TryParse(text, out BrokerAddress address, out string problem), problem);
        Assert.Equal(new BrokerAddress(host, port), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":1883")]
    [InlineData("host:65536")]
    [InlineData("[::1]x")]
    [InlineData("a/b")]
    public void BrokerAddress_RefusesMalformed(string text)
    {
        Assert.False(BrokerAddress.TryParse(text, out _, out string problem));
        Assert.StartsWith("--broker", problem);
    }

    [Fact]
    public void BrokerAddress_PrintsIpv6InBrackets()
    {
        Assert.Equal("[::1]:1883", new BrokerAddress("::1", 1883).ToString());
        Assert.Equal("127.0.0.1:1883", new BrokerAddress("127.0.0.1", 1883).ToString());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(2000, 2)]
    public void ConnectTimeout_IsTheTimeoutInWholeSeconds_AtLeastOne(int milliseconds, int seconds)
    {
        Assert.Equal(seconds, BrokerConnection.ConnectTimeoutSeconds(milliseconds));
    }
}
