using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// <c>DeviceSimulator --serial PATH --flash FILE [--interval MS] [--broker HOST:PORT] [--device-id ID]</c>.
/// Prints <c>serial: PATH</c> once the serial port answers, then one log line per event, and stops
/// cleanly on Ctrl-C or SIGTERM.
/// </summary>
public static class Program
{
    /// <summary>Exit code when the simulator could not start (bad arguments, flash or pty problems).</summary>
    public const int StartFailure = 2;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        Option<string> serial = new("--serial")
        {
            Description = "Path of the symbolic link to the simulated UART (the pty slave); mmsctl --port takes it",
            HelpName = "PATH",
            Required = true,
        };
        Option<string> flash = new("--flash")
        {
            Description = "Flash image file holding the settings (created on the first Set)",
            HelpName = "FILE",
            Required = true,
        };
        Option<int> interval = new("--interval")
        {
            Description = "Telemetry interval in milliseconds",
            HelpName = "MS",
            DefaultValueFactory = _ => SimulatorOptions.DefaultIntervalMilliseconds,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--interval must be at least 1 ms");
            }
        });
        Option<string> broker = new("--broker")
        {
            Description = "Factory-default MQTT broker HOST[:PORT] (default 127.0.0.1:1883), used until the flash holds settings: once anything is set over serial, the stored values win",
            HelpName = "HOST:PORT",
        };
        broker.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string>();
            if (text != null && !SimulatorOptions.TryParseBroker(text, out _, out _, out string problem))
            {
                result.AddError("--broker: " + problem);
            }
        });
        Option<string> deviceId = new("--device-id")
        {
            Description = "Device ID (letters, digits, '-', '_'; at most 16); default: derived from the flash path",
            HelpName = "ID",
        };
        Option<bool> verbose = new("--verbose")
        {
            Description = "Also log debug lines (connection attempts, queued messages)",
        };

        RootCommand root = new("Simulated DeviceFirmware board: the portable core on a pseudo-terminal, a flash file and MQTT.")
        {
            serial, flash, interval, broker, deviceId, verbose,
        };
        root.SetAction(result =>
        {
            SimulatorOptions.TryParseBroker(result.GetValue(broker) ?? "127.0.0.1", out string host, out int port, out _);
            SimulatorOptions options = new()
            {
                SerialPath = result.GetValue(serial),
                FlashPath = result.GetValue(flash),
                IntervalMilliseconds = result.GetValue(interval),
                BrokerHost = result.GetValue(broker) == null ? null : host,
                BrokerPort = port,
                DeviceId = result.GetValue(deviceId),
            };
            return Run(options, result.GetValue(verbose));
        });

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (ParseError problem in parse.Errors)
            {
                Console.Error.WriteLine("simulator: " + problem.Message);
            }

            return StartFailure;
        }

        int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

        // Everything was shut down in order; a telemetry thread still inside a connect attempt to an
        // unresponsive broker must not keep the process alive after that.
        Console.Out.Flush();
        Environment.Exit(code);
        return code;
    }

    private static int Run(SimulatorOptions options, bool verbose)
    {
        ConsoleLog log = new() { MinimumLevel = verbose ? LogLevel.Debug : LogLevel.Info };
        using ManualResetEventSlim stop = new();
        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }

        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

        Simulator simulator;
        try
        {
            simulator = Simulator.Start(options, log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine("simulator: " + ex.Message);
            return StartFailure;
        }

        // The one line scripts and tests wait for: the serial port answers from now on.
        Console.Out.WriteLine("serial: " + options.SerialPath);
        Console.Out.Flush();

        stop.Wait();
        log.Write(LogLevel.Info, "simulator: stopping");
        simulator.Dispose();
        return 0;
    }
}
