using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeviceFirmware.HostPlatform.Mosquitto;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// Publish throughput per QoS against a private local mosquitto (started and stopped here, packet
/// logging off). Column 1 is raw Paho C; the core telemetry pipeline joins as column 2 with the
/// pipeline/raw ratio once it exists.
/// </summary>
public static class Program
{
    /// <summary>Entry point. Exit code 0 on success, 2 on bad arguments, 1 on failure.</summary>
    public static int Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        // Pipeline scenario goes here when the core telemetry pipeline lands (same interface).
        IPublishScenario[] scenarios = { new RawPahoScenario() };

        try
        {
            using MosquittoProcess broker = MosquittoProcess.Start(new MosquittoOptions { LogPackets = false });
            Console.WriteLine($"TelemetryBenchmark: {options.Count} messages x {options.PayloadBytes} B per run, QoS 1/2 window {options.Inflight}, " +
                              $"{options.Runs} run(s) after a warm-up, median shown");
            Console.WriteLine($"broker: mosquitto on {broker.Host}:{broker.Port} (own process, persistence off, packet log off); client: Paho MQTT C (libpaho-mqtt3c), MQTT 3.1.1");
            Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPU(s), .NET {Environment.Version}");
            Console.WriteLine();

            var table = new ResultTable(scenarios.Select(s => s.Name).ToArray());
            foreach (int qos in options.QosLevels)
            {
                var row = new List<Measurement>();
                foreach (IPublishScenario scenario in scenarios)
                {
                    // A short warm-up so JIT and the broker's first allocations are not measured.
                    var warmup = BenchmarkOptions.Parse(new[] { "--count", Math.Min(options.Count, 1000).ToString(CultureInfo.InvariantCulture), "--payload", options.PayloadBytes.ToString(CultureInfo.InvariantCulture), "--inflight", options.Inflight.ToString(CultureInfo.InvariantCulture) });
                    scenario.Run(broker, warmup, qos, 0);
                    var rates = new List<double>();
                    for (int run = 1; run <= options.Runs; run++)
                    {
                        double seconds = scenario.Run(broker, options, qos, run);
                        rates.Add(options.Count / seconds);
                    }

                    row.Add(new Measurement(rates));
                }

                table.Add(qos, row);
            }

            table.Print(Console.Out);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("benchmark failed: " + e.Message);
            return 1;
        }
    }
}
