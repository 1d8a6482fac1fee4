using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using DeviceFirmware.Host.Serial;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// mmsctl's command line: <c>mmsctl --port PATH [--baud N] [--timeout MS] [--json] COMMAND</c>, or
/// <c>mmsctl --broker HOST[:PORT] [--username U --password P] [--ca-file F] (--device ID | --all) COMMAND</c>.
/// </summary>
public static class Program
{
    /// <summary>Default <c>--timeout</c> in milliseconds.</summary>
    public const int DefaultTimeoutMilliseconds = 2000;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs one command line, writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = BuildCommand(output, error);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (ParseError problem in parse.Errors)
            {
                error.WriteLine("mmsctl: " + problem.Message);
            }

            error.WriteLine("Try 'mmsctl --help'.");
            return ExitCodes.Error;
        }

        InvocationConfiguration configuration = new() { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine("mmsctl: " + ex.Message);
            return ExitCodes.Error;
        }
    }

    /// <summary>Builds the command tree; the actions write to the given writers.</summary>
    public static RootCommand BuildCommand(TextWriter output, TextWriter error)
    {
        Option<string> port = new("--port", "-p")
        {
            Description = "Serial device of the board (e.g. /dev/ttyUSB0) or the simulator's --serial path",
            HelpName = "PATH",
            Recursive = true,
        };
        Option<int?> baud = new("--baud", "-b")
        {
            Description = $"Baud rate (with --port): {string.Join(", ", BaudRates.Supported)}; default {TermiosSerialPort.DefaultBaudRate}",
            HelpName = "N",
            Recursive = true,
        };
        baud.Validators.Add(result =>
        {
            int? value = result.GetValueOrDefault<int?>();
            if (value is int rate && !BaudRates.Supported.Contains(rate))
            {
                result.AddError($"unsupported baud rate {rate}; use one of {string.Join(", ", BaudRates.Supported)}");
            }
        });
        Option<string> broker = new("--broker")
        {
            Description = $"MQTT broker instead of a serial port; port {BrokerAddress.DefaultPort} by default, {BrokerAddress.TlsPort} (or --ca-file) means TLS",
            HelpName = "HOST[:PORT]",
            Recursive = true,
        };
        Option<string> username = new("--username") { Description = "Broker user name", HelpName = "U", Recursive = true };
        Option<string> password = new("--password") { Description = "Broker password", HelpName = "P", Recursive = true };
        Option<string> caFile = new("--ca-file")
        {
            Description = "PEM file of the CAs to trust; connects with TLS on any port",
            HelpName = "F",
            Recursive = true,
        };
        Option<string> clientId = new("--client-id")
        {
            Description = "MQTT client ID (default mmsctl- and 8 random hex digits)",
            HelpName = "ID",
            Recursive = true,
        };
        Option<string> device = new("--device", "-d")
        {
            Description = "Device ID: {id} in the topics (default topics: commands to DeviceFirmware/Device/{id}, answers on DeviceFirmware/Server/{id}/MMSMessage)",
            HelpName = "ID",
            Recursive = true,
        };
        Option<string> commandTopic = new("--command-topic")
        {
            Description = "Topic the requests go to, {id} for the device ID (with --response-topic)",
            HelpName = "T",
            Recursive = true,
        };
        Option<string> responseTopic = new("--response-topic")
        {
            Description = "Topic the answers come on, {id} for the device ID (with --command-topic)",
            HelpName = "T",
            Recursive = true,
        };
        Option<bool> binary = new("--binary")
        {
            Description = "Send requests as raw bytes (default: hex text, as MagTek's JavaScript SDK)",
            Recursive = true,
        };
        Option<int?> qos = new("--qos")
        {
            Description = $"QoS of the requests and of the subscription to the answers (default {BrokerSettings.DefaultQos})",
            HelpName = "0|1|2",
            Recursive = true,
        };
        qos.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int value && (value < 0 || value > 2))
            {
                result.AddError("--qos must be 0, 1 or 2");
            }
        });
        Option<bool> all = new("--all")
        {
            Description = "Send the command to every connected device listed by 'devices', at once; one row per device",
            Recursive = true,
        };
        Option<bool> includeDisconnected = new("--include-disconnected")
        {
            Description = "With --all: also to devices whose status is not 'connected'",
            Recursive = true,
        };
        Option<string> pattern = new("--pattern")
        {
            Description = $"Retained status topics for devices and --all (default {StatusPattern.Default.Filter})",
            HelpName = "FILTER",
            Recursive = true,
        };
        Option<int> timeout = new("--timeout", "-t")
        {
            Description = "Longest wait for each response (and for the broker connection), in milliseconds",
            HelpName = "MS",
            DefaultValueFactory = _ => DefaultTimeoutMilliseconds,
            Recursive = true,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--timeout must be a positive number of milliseconds");
            }
        });
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON object per command (devices: an array) for scripts",
            Recursive = true,
        };

        RootCommand root = new("Reads and writes DeviceFirmware properties, reads its device information and resets it: over a serial port "
            + "(MMS in SLIP frames, --port) or through an MQTT broker (--broker, one --device or --all of them).\n"
            + "Properties: " + string.Join(", ", PropertyAddress.Names()) + ", or dotted OIDs with hexadecimal arcs (1.2.2.1.2.A).\n"
            + "Exit codes: 0 success (raw: any response), 1 the device answered with a failure, 2 timeout, I/O error or bad usage "
            + "(--all: 2 if any device did not answer, else 1 if any answered with a failure).\n"
            + "Examples:\n"
            + "  mmsctl --port /dev/ttyUSB0 get mqtt.qos\n"
            + "  mmsctl --broker 127.0.0.1 --device dev-1 set mqtt.qos 1\n"
            + "  mmsctl --broker broker.example:8883 --ca-file ca.pem --username U --password P devices\n"
            + "  mmsctl --broker 127.0.0.1 --all set mqtt.qos 1\n"
            + "  mmsctl --broker 127.0.0.1 --command-topic 'MagTek/Device/DynaFlex/{id}' --response-topic 'MagTek/Server/DynaFlex/{id}/MMSMessage' --device B61378A info");
        foreach (Option option in new Option[] { port, baud, broker, username, password, caFile, clientId, device, commandTopic, responseTopic, binary, qos, all, includeDisconnected, pattern, timeout, json })
        {
            root.Options.Add(option);
        }

        TransportArguments Arguments(ParseResult result) => new()
        {
            Port = result.GetValue(port),
            Baud = result.GetValue(baud),
            Broker = result.GetValue(broker),
            Username = result.GetValue(username),
            Password = result.GetValue(password),
            CaFile = result.GetValue(caFile),
            ClientId = result.GetValue(clientId),
            Device = result.GetValue(device),
            CommandTopic = result.GetValue(commandTopic),
            ResponseTopic = result.GetValue(responseTopic),
            Pattern = result.GetValue(pattern),
            Qos = result.GetValue(qos),
            Binary = result.GetValue(binary),
            All = result.GetValue(all),
            IncludeDisconnected = result.GetValue(includeDisconnected),
            TimeoutMilliseconds = result.GetValue(timeout),
        };

        // get, set, list, info and raw run against one device, or against every one with --all.
        int RunDeviceCommand(ParseResult result, string name, Func<ResolvedTransport, JsonReport, PreparedCommand> prepare)
        {
            if (!TryResolve(result, CommandKind.Device, out ResolvedTransport transport, out int usage))
            {
                return usage;
            }

            bool asJson = result.GetValue(json);
            return transport.All
                ? new FleetCommand(transport.Broker, asJson, output, error).Run(name, report => prepare(transport, report))
                : new MmsCtlCommands(transport.Channels, asJson, output, error).Run(name, report => prepare(transport, report));
        }

        bool TryResolve(ParseResult result, CommandKind kind, out ResolvedTransport transport, out int code)
        {
            try
            {
                transport = Arguments(result).Resolve(kind);
                code = ExitCodes.Success;
                return true;
            }
            catch (MmsCtlException ex)
            {
                error.WriteLine("mmsctl: " + ex.Message);
                error.WriteLine("Try 'mmsctl --help'.");
                transport = null;
                code = ex.ExitCode;
                return false;
            }
        }

        Argument<string> getName = new("NAME|OID") { Description = "Property name (mqtt.qos) or OID (1.2.2.1.2.3)" };
        Option<int> repeat = new("--repeat", "-n")
        {
            Description = "Round trips on one session (prints the last value and the rate)",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        Command get = new("get", "Read a property") { getName, repeat };
        get.SetAction(result => RunDeviceCommand(result, "get", (_, report) => MmsCommands.Get(result.GetValue(getName), result.GetValue(repeat), report)));

        Argument<string> setName = new("NAME|OID") { Description = "Property name or OID" };
        Argument<string> setValue = new("VALUE") { Description = "Decimal number, or text for text properties (hex bytes with --hex)" };
        Option<bool> hex = new("--hex") { Description = "VALUE is raw bytes in hex, sent without the local check" };
        Command set = new("set", "Write a property (checked before sending)") { setName, setValue, hex };
        set.SetAction(result => RunDeviceCommand(result, "set", (_, report) => MmsCommands.Set(result.GetValue(setName), result.GetValue(setValue), result.GetValue(hex), report)));

        Argument<string> prefix = new("PREFIX")
        {
            Description = "OID prefix or property name (default 1.2: every setting)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        Command list = new("list", "Read every property below a prefix with one branch Get") { prefix };
        list.SetAction(result => RunDeviceCommand(result, "list", (_, report) => MmsCommands.List(result.GetValue(prefix), report)));

        Argument<string[]> message = new("HEX")
        {
            Description = "One MMS message in hex; spaces allowed (quote it, or give it as several words)",
            Arity = ArgumentArity.OneOrMore,
        };
        Command raw = new("raw", "Send one MMS message; print the response message in hex") { message };
        raw.SetAction(result => RunDeviceCommand(result, "raw", (transport, report) =>
            MmsCommands.Raw(string.Join(' ', result.GetValue(message)), transport.Broker?.Binary == true, report)));

        Command info = new("info", "Read the device information: serial number, model, main and boot firmware versions");
        info.SetAction(result => RunDeviceCommand(result, "info", (_, _) => MmsCommands.Info()));

        Option<bool> noWait = new("--no-wait") { Description = "Return once the device accepted the reset" };
        Option<int> resetWait = new("--wait")
        {
            Description = "Longest wait for the device to answer again, after the 500 ms in which it starts its reset",
            HelpName = "MS",
            DefaultValueFactory = _ => MmsCtlCommands.DefaultResetWaitMilliseconds,
        };
        resetWait.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--wait must be a positive number of milliseconds");
            }
        });
        Command reset = new("reset", "Reset Device (0x1F01), then wait until the device answers again (one device)") { noWait, resetWait };
        reset.SetAction(result => TryResolve(result, CommandKind.Reset, out ResolvedTransport transport, out int usage)
            ? new MmsCtlCommands(transport.Channels, result.GetValue(json), output, error).Reset(!result.GetValue(noWait), result.GetValue(resetWait))
            : usage);

        Command devices = new("devices", "List the devices from their retained status topics (--broker): ID, status, topic");
        devices.SetAction(result => TryResolve(result, CommandKind.Devices, out ResolvedTransport transport, out int usage)
            ? DevicesCommand.Run(transport.Broker, result.GetValue(json), output, error)
            : usage);

        root.Subcommands.Add(get);
        root.Subcommands.Add(set);
        root.Subcommands.Add(list);
        root.Subcommands.Add(info);
        root.Subcommands.Add(reset);
        root.Subcommands.Add(raw);
        root.Subcommands.Add(devices);
        return root;
    }
}
