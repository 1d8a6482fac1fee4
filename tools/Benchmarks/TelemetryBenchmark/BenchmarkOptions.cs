using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>Command line of the benchmark.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "TelemetryBenchmark [COUNT [PAYLOAD]] [--count N] [--payload BYTES] [--inflight W] [--runs R] [--qos 0,1,2] [--scenarios raw,pipeline]\n" +
        "  COUNT / --count     messages per run and QoS (default 50000)\n" +
        "  PAYLOAD / --payload raw Paho payload bytes (default: the size of a telemetry payload, so both send the same)\n" +
        "  --inflight          most unacknowledged QoS 1/2 messages at once (default 10, Paho's default)\n" +
        "  --runs              measured runs per QoS and scenario after one warm-up, interleaved raw, pipeline, raw, ...;\n" +
        "                      the median is reported (default 7)\n" +
        "  --qos               which QoS levels to measure (default 0,1,2)\n" +
        "  --scenarios         which columns to run: raw, pipeline or both (default raw,pipeline; one alone is for profiling)";

    /// <summary>Messages per run.</summary>
    public int Count { get; private set; } = 50000;

    /// <summary>Raw Paho payload size in bytes; null for the size of a telemetry payload.</summary>
    public int? PayloadBytes { get; private set; }

    /// <summary>In-flight window for QoS 1 and 2.</summary>
    public int Inflight { get; private set; } = 10;

    /// <summary>Measured runs per QoS.</summary>
    public int Runs { get; private set; } = 7;

    /// <summary>Scenario names to run, in column order.</summary>
    public IReadOnlyList<string> Scenarios { get; private set; } = new[] { "raw", "pipeline" };

    /// <summary>QoS levels to measure.</summary>
    public IReadOnlyList<int> QosLevels { get; private set; } = new[] { 0, 1, 2 };

    /// <summary>A copy with another message count and a fixed payload size (warm-ups, resolved sizes).</summary>
    public BenchmarkOptions With(int count, int payloadBytes) => new()
    {
        Count = count,
        PayloadBytes = payloadBytes,
        Inflight = Inflight,
        Runs = Runs,
        QosLevels = QosLevels,
        Scenarios = Scenarios,
    };

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a reason on bad input.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        int positional = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            switch (arg)
            {
                case "--count":
                    options.Count = Positive(Next(), arg);
                    break;
                case "--payload":
                    options.PayloadBytes = NonNegative(Next(), arg);
                    break;
                case "--inflight":
                    options.Inflight = Positive(Next(), arg);
                    break;
                case "--scenarios":
                    options.Scenarios = Next().Split(',').Distinct().ToArray();
                    if (options.Scenarios.Any(n => n != "raw" && n != "pipeline"))
                    {
                        throw new ArgumentException("--scenarios takes raw and pipeline");
                    }

                    break;
                case "--runs":
                    options.Runs = Positive(Next(), arg);
                    break;
                case "--qos":
                    options.QosLevels = Next().Split(',').Select(q => NonNegative(q, arg)).Distinct().Order().ToArray();
                    if (options.QosLevels.Any(q => q > 2))
                    {
                        throw new ArgumentException("--qos takes 0, 1 and 2");
                    }

                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException("unknown option " + arg);
                    }

                    if (positional == 0)
                    {
                        options.Count = Positive(arg, "COUNT");
                    }
                    else if (positional == 1)
                    {
                        options.PayloadBytes = NonNegative(arg, "PAYLOAD");
                    }
                    else
                    {
                        throw new ArgumentException("too many arguments");
                    }

                    positional++;
                    break;
            }
        }

        return options;
    }

    private static int Positive(string text, string name)
    {
        int value = NonNegative(text, name);
        return value > 0 ? value : throw new ArgumentException($"{name} must be at least 1");
    }

    private static int NonNegative(string text, string name)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a number");
}
