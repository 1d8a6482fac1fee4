using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// Publish throughput per QoS against a private local mosquitto (started and stopped here, packet
/// logging off): raw Paho C next to the core telemetry pipeline, and their ratio.
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

        IPublishScenario[] scenarios = options.Scenarios
            .Select(name => name == "raw" ? (IPublishScenario)new RawPahoScenario() : new PipelineScenario())
            .ToArray();

        try
        {
            // Both sides send the same number of bytes per message: the size of a telemetry payload
            // in the middle of a run, unless --payload says otherwise.
            int payloadBytes = options.PayloadBytes ?? PipelineScenario.TypicalPayloadBytes(options.Count);
            BenchmarkOptions measured = options.With(options.Count, payloadBytes);
            BenchmarkOptions warmup = options.With(Math.Min(options.Count, 1000), payloadBytes);

            using MosquittoProcess broker = MosquittoProcess.Start(new MosquittoOptions { LogPackets = false });
            Console.WriteLine($"TelemetryBenchmark: {options.Count} messages per run, raw payload {payloadBytes} B (telemetry payload {PipelineScenario.TypicalPayloadBytes(options.Count)} B mid-run), " +
                              $"QoS 1/2 window {options.Inflight}, {options.Runs} run(s) per scenario after a warm-up, interleaved, median shown");
            Console.WriteLine($"broker: mosquitto on {broker.Host}:{broker.Port} (own process, persistence off, packet log off); client: Paho MQTT C (libpaho-mqtt3c), MQTT 3.1.1, clean session off");
            Console.WriteLine("pipeline: the composed Device, one scheduled TelemetryPublisher message per clock step (payload with 3 sensors and the counters, QoS property), its MqttSession on its own worker (outbox sized for the burst, PahoMqttTransport), Info log lines off");
            Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPU(s), .NET {Environment.Version}, load average {LoadAverage()}");
            Console.WriteLine();

            var table = new ResultTable(scenarios.Select(s => s.Name).ToArray());
            foreach (int qos in options.QosLevels)
            {
                // A short warm-up so JIT and the broker's first allocations are not measured.
                foreach (IPublishScenario scenario in scenarios)
                {
                    scenario.Run(broker, warmup, qos, 0);
                }

                // Interleaved, and in alternating order (raw, pipeline, pipeline, raw, raw, ...), so
                // that load from elsewhere on the machine, and whatever one run leaves behind for the
                // next, hit both columns alike.
                var rates = scenarios.Select(_ => new List<double>()).ToArray();
                var cpuPerMessage = scenarios.Select(_ => new List<double>()).ToArray();
                for (int run = 1; run <= options.Runs; run++)
                {
                    for (int k = 0; k < scenarios.Length; k++)
                    {
                        int i = run % 2 == 1 ? k : scenarios.Length - 1 - k;
                        RunResult result = scenarios[i].Run(broker, measured, qos, run);
                        rates[i].Add(options.Count / result.Seconds);
                        cpuPerMessage[i].Add(result.CpuSeconds * 1e6 / options.Count);
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"QoS {qos}: ") +
                                  string.Join("; ", scenarios.Select((s, i) => s.Name + " " + string.Join(" ", rates[i].Select(r => r.ToString("0", CultureInfo.InvariantCulture))))));
                table.Add(qos, rates.Select(r => new Measurement(r)).ToList(), cpuPerMessage.Select(c => new Measurement(c)).ToList());
            }

            Console.WriteLine();
            table.Print(Console.Out);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("benchmark failed: " + e.Message);
            return 1;
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }
}
