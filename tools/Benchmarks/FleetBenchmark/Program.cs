using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using DeviceFirmware.Serial;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;

namespace DeviceFirmware.Benchmarks.Fleet;

/// <summary>
/// Fleet reconfiguration benchmark: for each fleet size, a private mosquitto, one DeviceSimulator
/// process running that many devices, an observer subscribed to every device's status and telemetry,
/// then <c>mmsctl --broker … --all set mqtt.qos Q</c> timed from its start until every device's next
/// telemetry message arrives with the new QoS. Beside it: the UART wire time of the same Set, board by
/// board, at 115,200 baud.
/// </summary>
public static class Program
{
    private const string Usage =
        "FleetBenchmark [--devices N]... [--interval MS] [--runs R] [--baud B]\n" +
        "  --devices N   fleet size; repeat for several (default 200 and 1000)\n" +
        "  --interval MS telemetry interval of every device (default 1000)\n" +
        "  --runs R      reconfigurations per fleet, alternating QoS 1 and 0 (default 3)\n" +
        "  --baud B      UART baud rate of the one-by-one baseline (default 115200)";

    // The seed Set of 1.2.2.1.2.3 to 01 and its answer (../shared/seeds/property-1.2.2.1.2.3-mqtt-qos.md).
    private const string SetRequest = "AA0081040155D1118410D111850101870402020102 8903C30100";
    private const string SetResponse = "AA0081048255D11182040000000084820010D111850101870402020102 8903C30100";

    /// <summary>Entry point: 0 when every run reconfigured every device, 1 otherwise, 2 on bad arguments.</summary>
    public static int Main(string[] args)
    {
        var sizes = new List<int>();
        int interval = 1000;
        int runs = 3;
        int baud = 115200;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--devices": sizes.Add(Positive(value, "--devices")); i++; break;
                    case "--interval": interval = Positive(value, "--interval"); i++; break;
                    case "--runs": runs = Positive(value, "--runs"); i++; break;
                    case "--baud": baud = Positive(value, "--baud"); i++; break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("FleetBenchmark: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (sizes.Count == 0)
        {
            sizes.AddRange(new[] { 200, 1000 });
        }

        Console.WriteLine($"FleetBenchmark: fleets of {string.Join(", ", sizes)} simulated devices, telemetry every {interval} ms, {runs} reconfiguration(s) each");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPU(s), .NET {Environment.Version}, mosquitto on 127.0.0.1 (own process, packet log off)");
        Console.WriteLine("measured: from the start of the mmsctl process until every device's next telemetry message arrives at the new QoS (payload \"qos\")");
        Console.WriteLine();

        bool allDone = true;
        foreach (int size in sizes)
        {
            allDone &= RunFleet(size, interval, runs, baud);
            Console.WriteLine();
        }

        return allDone ? 0 : 1;
    }

    private static bool RunFleet(int devices, int interval, int runs, int baud)
    {
        string bin = AppContext.BaseDirectory;
        string directory = Path.Combine(Path.GetTempPath(), "df-fleet-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        using MosquittoProcess broker = MosquittoProcess.Start(new MosquittoOptions { LogPackets = false });
        Process simulator = null;
        bool done = true;
        try
        {
            TimeSpan started = clock.Elapsed;
            simulator = Tools.Start(Path.Combine(bin, "DeviceSimulator.dll"),
                "--devices", devices.ToString(CultureInfo.InvariantCulture),
                "--flash-dir", Path.Combine(directory, "flash"),
                "--broker", $"{broker.Host}:{broker.Port}",
                "--interval", interval.ToString(CultureInfo.InvariantCulture));
            Tools.WaitForLine(simulator, line => line.StartsWith("fleet:", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            TimeSpan ready = clock.Elapsed;

            using FleetObserver observer = FleetObserver.Connect(broker.Host, broker.Port, clock);
            Tools.WaitUntil(() => observer.ConnectedCount == devices && observer.DevicesWithTelemetry == devices, TimeSpan.FromMinutes(3),
                () => $"{observer.ConnectedCount} of {devices} devices connected, {observer.DevicesWithTelemetry} with telemetry");
            TimeSpan allUp = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{devices} devices: simulator ready after {(ready - started).TotalSeconds:F1} s, all connected and publishing after {(allUp - started).TotalSeconds:F1} s"));

            var table = new List<string[]> { new[] { "run", "QoS", "mmsctl exit", "mmsctl time", "fleet at new QoS", "per device p50", "p99", "max" } };
            for (int run = 1; run <= runs; run++)
            {
                int qos = run % 2 == 1 ? 1 : 0;
                TimeSpan begin = clock.Elapsed;
                (int exit, string output, string error) = Tools.Run(Path.Combine(bin, "mmsctl.dll"), TimeSpan.FromMinutes(2),
                    "--broker", $"{broker.Host}:{broker.Port}", "--all", "--timeout", "10000", "--json",
                    "set", "mqtt.qos", qos.ToString(CultureInfo.InvariantCulture));
                TimeSpan answered = clock.Elapsed;
                if (exit != 0)
                {
                    Console.WriteLine($"  run {run}: mmsctl exited {exit}: {Tools.FirstLines(error, 5)} {Tools.FirstLines(output, 5)}");
                    done = false;
                }

                Dictionary<string, TimeSpan?> first = null;
                bool complete = Tools.TryWaitUntil(
                    () => (first = observer.FirstAt(qos, begin)).Count == devices && first.Values.All(v => v.HasValue),
                    TimeSpan.FromSeconds(60));
                double[] latencies = first.Values.Where(v => v.HasValue).Select(v => (v.Value - begin).TotalMilliseconds).OrderBy(v => v).ToArray();
                if (!complete)
                {
                    Console.WriteLine($"  run {run}: only {latencies.Length} of {devices} devices published at QoS {qos} within 60 s");
                    done = false;
                }

                table.Add(new[]
                {
                    run.ToString(CultureInfo.InvariantCulture),
                    qos.ToString(CultureInfo.InvariantCulture),
                    exit.ToString(CultureInfo.InvariantCulture),
                    Ms((answered - begin).TotalMilliseconds),
                    latencies.Length == 0 ? "-" : Ms(latencies[^1]) + (complete ? string.Empty : " (incomplete)"),
                    latencies.Length == 0 ? "-" : Ms(Percentile(latencies, 50)),
                    latencies.Length == 0 ? "-" : Ms(Percentile(latencies, 99)),
                    latencies.Length == 0 ? "-" : Ms(latencies[^1]),
                });
            }

            Tools.PrintTable(table);
            if (observer.Unparsed != 0)
            {
                Console.WriteLine($"  {observer.Unparsed} telemetry payload(s) could not be parsed");
                done = false;
            }

            // The physical baseline: the same Set over each board's UART, one after another, counting
            // only the bytes on the wire (8N1: 10 bits a byte), not moving the cable nor mmsctl's start.
            int request = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, Convert.FromHexString(SetRequest.Replace(" ", string.Empty))).Length;
            int response = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, Convert.FromHexString(SetResponse.Replace(" ", string.Empty))).Length;
            double perBoardMs = (request + response) * 10 * 1000.0 / baud;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  UART one by one at {baud} baud: request {request} B + response {response} B = {perBoardMs:F2} ms of wire time a board, {perBoardMs * devices / 1000:F2} s for {devices} boards (wire time only)"));
        }
        finally
        {
            Tools.Stop(simulator);
            broker.Dispose();
            Directory.Delete(directory, recursive: true);
        }

        return done;
    }

    private static int Positive(string value, string name)
    {
        if (value == null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
        {
            throw new ArgumentException($"{name} needs a positive whole number");
        }

        return number;
    }

    private static double Percentile(double[] sorted, int percent)
    {
        // Nearest rank: the smallest value with at least percent % of the values at or below it.
        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static string Ms(double milliseconds) => milliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
