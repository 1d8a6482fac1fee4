using System.IO;
using DeviceFirmware.Host.Serial;

namespace DeviceFirmware.MmsCtl;

/// <summary>What kind of command the transport options are checked for.</summary>
public enum CommandKind
{
    /// <summary>get, set, list, info, raw: one device, or every device with <c>--all</c>.</summary>
    Device = 0,

    /// <summary>reset: one device only.</summary>
    Reset = 1,

    /// <summary>devices: the broker's device list.</summary>
    Devices = 2,
}

/// <summary>
/// The transport options as given on the command line, before checking: <c>--port</c> and
/// <c>--baud</c>, or <c>--broker</c> and its companions. <see cref="Resolve"/> checks them together
/// (exactly one transport, no option of the other, the topics and the device) and says what is
/// wrong in one line.
/// </summary>
public sealed class TransportArguments
{
    /// <summary><c>--port</c>.</summary>
    public string Port { get; init; }

    /// <summary><c>--baud</c>, null when not given.</summary>
    public int? Baud { get; init; }

    /// <summary><c>--broker</c>.</summary>
    public string Broker { get; init; }

    /// <summary><c>--username</c>.</summary>
    public string Username { get; init; }

    /// <summary><c>--password</c>.</summary>
    public string Password { get; init; }

    /// <summary><c>--ca-file</c>.</summary>
    public string CaFile { get; init; }

    /// <summary><c>--client-id</c>.</summary>
    public string ClientId { get; init; }

    /// <summary><c>--device</c>.</summary>
    public string Device { get; init; }

    /// <summary><c>--command-topic</c>.</summary>
    public string CommandTopic { get; init; }

    /// <summary><c>--response-topic</c>.</summary>
    public string ResponseTopic { get; init; }

    /// <summary><c>--pattern</c>.</summary>
    public string Pattern { get; init; }

    /// <summary><c>--qos</c>, null when not given.</summary>
    public int? Qos { get; init; }

    /// <summary><c>--binary</c>.</summary>
    public bool Binary { get; init; }

    /// <summary><c>--all</c>.</summary>
    public bool All { get; init; }

    /// <summary><c>--include-disconnected</c>.</summary>
    public bool IncludeDisconnected { get; init; }

    /// <summary><c>--timeout</c> in milliseconds.</summary>
    public int TimeoutMilliseconds { get; init; } = Program.DefaultTimeoutMilliseconds;

    /// <summary>Checks the options for a command of <paramref name="kind"/>.</summary>
    /// <exception cref="MmsCtlException">A usage error, in one line (exit code 2).</exception>
    public ResolvedTransport Resolve(CommandKind kind)
    {
        if (Port != null && Broker != null)
        {
            throw Usage("--port and --broker exclude each other: give one");
        }

        if (Port == null && Broker == null)
        {
            throw Usage("give --port PATH (the device's serial port) or --broker HOST[:PORT] (an MQTT broker)");
        }

        return Port != null ? ResolveSerial(kind) : ResolveBroker(kind);
    }

    private ResolvedTransport ResolveSerial(CommandKind kind)
    {
        if (kind == CommandKind.Devices)
        {
            throw Usage("devices needs --broker: it reads the devices' status topics");
        }

        string brokerOnly = Username != null ? "--username"
            : Password != null ? "--password"
            : CaFile != null ? "--ca-file"
            : ClientId != null ? "--client-id"
            : Device != null ? "--device"
            : CommandTopic != null ? "--command-topic"
            : ResponseTopic != null ? "--response-topic"
            : Pattern != null ? "--pattern"
            : Qos != null ? "--qos"
            : Binary ? "--binary"
            : All ? "--all"
            : IncludeDisconnected ? "--include-disconnected"
            : null;
        if (brokerOnly != null)
        {
            throw Usage(brokerOnly + " needs --broker (it has no meaning over a serial port)");
        }

        return new ResolvedTransport { Serial = new SerialChannelFactory(Port, Baud ?? TermiosSerialPort.DefaultBaudRate, TimeoutMilliseconds) };
    }

    private ResolvedTransport ResolveBroker(CommandKind kind)
    {
        if (Baud != null)
        {
            throw Usage("--baud is for --port");
        }

        if (!BrokerAddress.TryParse(Broker, out BrokerAddress address, out string problem))
        {
            throw Usage(problem);
        }

        if (CaFile != null && !File.Exists(CaFile))
        {
            throw Usage($"--ca-file: no such file: {CaFile}");
        }

        if (Password != null && Username == null)
        {
            throw Usage("--password needs --username (MQTT 3.1.1 sends no password without a user name)");
        }

        if (ClientId != null && (ClientId.Length == 0 || ClientId.Contains('\0')))
        {
            throw Usage("--client-id must not be empty");
        }

        if ((CommandTopic == null) != (ResponseTopic == null))
        {
            throw Usage("--command-topic and --response-topic go together: give both, or neither for the default topics");
        }

        TopicTemplate command = TopicTemplate.DefaultCommand;
        TopicTemplate response = TopicTemplate.DefaultResponse;
        if (CommandTopic != null
            && (!TopicTemplate.TryParse(CommandTopic, "--command-topic", out command, out problem)
                || !TopicTemplate.TryParse(ResponseTopic, "--response-topic", out response, out problem)))
        {
            throw Usage(problem);
        }

        StatusPattern pattern = StatusPattern.Default;
        if (Pattern != null && !StatusPattern.TryParse(Pattern, out pattern, out problem))
        {
            throw Usage(problem);
        }

        CheckAddressing(kind, command, response);
        BrokerSettings settings = new()
        {
            Address = address,
            UseTls = address.Port == BrokerAddress.TlsPort || CaFile != null,
            CaFile = CaFile,
            Username = Username ?? string.Empty,
            Password = Password ?? string.Empty,
            ClientId = ClientId ?? BrokerSettings.NewClientId(),
            Qos = Qos ?? BrokerSettings.DefaultQos,
            Binary = Binary,
            CommandTopic = command,
            ResponseTopic = response,
            StatusPattern = pattern,
            IncludeDisconnected = IncludeDisconnected,
            TimeoutMilliseconds = TimeoutMilliseconds,
        };
        return new ResolvedTransport { Broker = settings, DeviceId = Device, All = All };
    }

    private void CheckAddressing(CommandKind kind, TopicTemplate command, TopicTemplate response)
    {
        if (kind == CommandKind.Devices)
        {
            if (All || Device != null)
            {
                throw Usage($"devices lists every device; {(All ? "--all" : "--device")} does not apply");
            }

            if (IncludeDisconnected)
            {
                throw Usage("--include-disconnected is for --all (devices lists every device anyway)");
            }

            return;
        }

        if (All)
        {
            if (kind == CommandKind.Reset)
            {
                throw Usage("reset takes one device (--device); --all is not supported");
            }

            if (Device != null)
            {
                throw Usage("--all and --device exclude each other");
            }

            if (!command.HasId || !response.HasId)
            {
                throw Usage($"with --all, --command-topic and --response-topic need {TopicTemplate.Placeholder} for the device ID");
            }

            return;
        }

        if (Pattern != null)
        {
            throw Usage("--pattern is for devices and --all");
        }

        if (IncludeDisconnected)
        {
            throw Usage("--include-disconnected needs --all");
        }

        if (Device == null && (command.HasId || response.HasId))
        {
            throw Usage($"give --device ID (or --all): the topics {command} and {response} need it");
        }

        if (Device != null && (Device.Length == 0 || Device.IndexOfAny(new[] { '+', '#', '\0' }) >= 0))
        {
            throw Usage($"--device: '{Device}' is not a device ID (no '+', '#', nothing empty)");
        }
    }

    private static MmsCtlException Usage(string message) => new(message, ExitCodes.Error);
}

/// <summary>The checked transport: a serial port, or a broker with one device or <c>--all</c>.</summary>
public sealed class ResolvedTransport
{
    /// <summary>The serial port; null for a broker.</summary>
    public SerialChannelFactory Serial { get; init; }

    /// <summary>The broker; null for a serial port.</summary>
    public BrokerSettings Broker { get; init; }

    /// <summary>The device ID (broker, one device); may be null with explicit topics.</summary>
    public string DeviceId { get; init; }

    /// <summary>True for <c>--all</c>.</summary>
    public bool All { get; init; }

    /// <summary>The channel factory for one device.</summary>
    public IMmsChannelFactory Channels => Serial != null ? Serial : new BrokerChannelFactory(Broker, DeviceId);
}
