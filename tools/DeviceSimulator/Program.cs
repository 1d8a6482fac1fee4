using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using DeviceFirmware.DeviceSimulator.Fleet;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// <c>DeviceSimulator --serial PATH --flash FILE [--interval MS] [--broker HOST:PORT] [--device-id ID]
/// [--ca-file PATH] [--rollback-timeout SECONDS]</c>, or a fleet: <c>--devices N --flash-dir DIR</c>.
/// One device prints <c>serial: PATH</c> once the serial port answers; a fleet prints
/// <c>fleet: N devices started</c> once every device booted. Both stop cleanly on Ctrl-C or SIGTERM.
/// </summary>
public static class Program
{
    /// <summary>Exit code when the simulator could not start (bad arguments, flash, CA file or pty problems).</summary>
    public const int StartFailure = 2;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        SimulatorCommandLine line = new();
        line.Command.SetAction(result => line.IsFleet(result)
            ? RunFleet(line.Fleet(result), line.Verbose(result))
            : Run(line.Single(result), line.Verbose(result)));

        ParseResult parse = line.Command.Parse(args);
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
        using StopSignal stop = new();
        Simulator simulator;
        try
        {
            simulator = Simulator.Start(options, log);
        }
        catch (Exception ex) when (IsStartProblem(ex))
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

    private static int RunFleet(FleetOptions options, bool verbose)
    {
        // The console shows the fleet's own lines; each device adds only its warnings and errors
        // unless --verbose, so that a thousand devices do not flood it.
        ConsoleLog log = new() { MinimumLevel = verbose ? LogLevel.Debug : LogLevel.Info };
        using StopSignal stop = new();
        FileDescriptorLimit.Ensure(options.Count, log);
        string first = options.DeviceId(1);
        string last = options.DeviceId(options.Count);
        log.Write(LogLevel.Info, $"fleet: starting {options.Count} devices {first} to {last}, flash files in {options.FlashDirectory}");
        SimulatorFleet fleet;
        try
        {
            fleet = SimulatorFleet.Start(options, log, verbose ? LogLevel.Debug : LogLevel.Warning);
        }
        catch (Exception ex) when (IsStartProblem(ex))
        {
            Console.Error.WriteLine("simulator: " + ex.Message);
            return StartFailure;
        }

        if (options.SerialPath != null)
        {
            Console.Out.WriteLine("serial: " + options.SerialPath);
        }

        // The line scripts and tests wait for: every device has booted (each connects on its own).
        Console.Out.WriteLine($"fleet: {options.Count} devices started in {fleet.StartTime.TotalMilliseconds:F0} ms");
        Console.Out.Flush();

        stop.Wait();
        log.Write(LogLevel.Info, "fleet: stopping");
        Stopwatch watch = Stopwatch.StartNew();
        fleet.Dispose();
        log.Write(LogLevel.Info, $"fleet: {options.Count} devices stopped in {watch.ElapsedMilliseconds} ms");
        return 0;
    }

    private static bool IsStartProblem(Exception ex) => ex is IOException or UnauthorizedAccessException or ArgumentException;

    /// <summary>Ctrl-C or SIGTERM, turned into a wait the main thread can block on.</summary>
    private sealed class StopSignal : IDisposable
    {
        private readonly ManualResetEventSlim _stop = new();
        private readonly PosixSignalRegistration _sigint;
        private readonly PosixSignalRegistration _sigterm;

        public StopSignal()
        {
            _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Request);
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Request);
        }

        public void Wait() => _stop.Wait();

        public void Dispose()
        {
            _sigint.Dispose();
            _sigterm.Dispose();
            _stop.Dispose();
        }

        private void Request(PosixSignalContext context)
        {
            context.Cancel = true;
            _stop.Set();
        }
    }
}
