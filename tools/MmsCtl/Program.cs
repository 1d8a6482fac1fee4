using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using DeviceFirmware.Host.Serial;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// mmsctl's command line: <c>mmsctl --port PATH [--baud N] [--timeout MS] [--json] COMMAND</c>.
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
            Required = true,
            Recursive = true,
        };
        Option<int> baud = new("--baud", "-b")
        {
            Description = "Baud rate: " + string.Join(", ", BaudRates.Supported),
            HelpName = "N",
            DefaultValueFactory = _ => TermiosSerialPort.DefaultBaudRate,
            Recursive = true,
        };
        baud.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (!BaudRates.Supported.Contains(value))
            {
                result.AddError($"unsupported baud rate {value}; use one of {string.Join(", ", BaudRates.Supported)}");
            }
        });
        Option<int> timeout = new("--timeout", "-t")
        {
            Description = "Longest wait for each response, in milliseconds",
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
            Description = "Print one JSON object per command (for scripts)",
            Recursive = true,
        };

        RootCommand root = new("Reads and writes DeviceFirmware properties, reads its device information and resets it, over a serial port (MMS in SLIP frames).\n"
            + "Properties: " + string.Join(", ", PropertyAddress.Names()) + ", or dotted OIDs with hexadecimal arcs (1.2.2.1.2.A).\n"
            + "Exit codes: 0 success (raw: any response), 1 the device answered with a failure, 2 timeout, I/O error or bad usage.");
        root.Options.Add(port);
        root.Options.Add(baud);
        root.Options.Add(timeout);
        root.Options.Add(json);

        MmsCtlCommands Commands(ParseResult result) => new(
            new SessionOptions(result.GetValue(port), result.GetValue(baud), result.GetValue(timeout), result.GetValue(json)), output, error);

        Argument<string> getName = new("NAME|OID") { Description = "Property name (mqtt.qos) or OID (1.2.2.1.2.3)" };
        Option<int> repeat = new("--repeat", "-n")
        {
            Description = "Round trips on one session (prints the last value and the rate)",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        Command get = new("get", "Read a property") { getName, repeat };
        get.SetAction(result => Commands(result).Get(result.GetValue(getName), result.GetValue(repeat)));

        Argument<string> setName = new("NAME|OID") { Description = "Property name or OID" };
        Argument<string> setValue = new("VALUE") { Description = "Decimal number, or text for text properties (hex bytes with --hex)" };
        Option<bool> hex = new("--hex") { Description = "VALUE is raw bytes in hex, sent without the local check" };
        Command set = new("set", "Write a property (checked before sending)") { setName, setValue, hex };
        set.SetAction(result => Commands(result).Set(result.GetValue(setName), result.GetValue(setValue), result.GetValue(hex)));

        Argument<string> prefix = new("PREFIX")
        {
            Description = "OID prefix or property name (default 1.2: every setting)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        Command list = new("list", "Read every property below a prefix with one branch Get") { prefix };
        list.SetAction(result => Commands(result).List(result.GetValue(prefix)));

        Argument<string[]> message = new("HEX")
        {
            Description = "One MMS message in hex; spaces allowed (quote it, or give it as several words)",
            Arity = ArgumentArity.OneOrMore,
        };
        Command raw = new("raw", "Send one MMS message; print the response message in hex") { message };
        raw.SetAction(result => Commands(result).Raw(string.Join(' ', result.GetValue(message))));

        Command info = new("info", "Read the device information: serial number, model, main and boot firmware versions");
        info.SetAction(result => Commands(result).Info());

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
        Command reset = new("reset", "Reset Device (0x1F01), then wait until the device answers again") { noWait, resetWait };
        reset.SetAction(result => Commands(result).Reset(!result.GetValue(noWait), result.GetValue(resetWait)));

        root.Subcommands.Add(get);
        root.Subcommands.Add(set);
        root.Subcommands.Add(list);
        root.Subcommands.Add(info);
        root.Subcommands.Add(reset);
        root.Subcommands.Add(raw);
        return root;
    }
}
