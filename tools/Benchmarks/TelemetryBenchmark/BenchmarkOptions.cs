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
        "TelemetryBenchmark [COUNT [PAYLOAD]] [--count N] [--payload BYTES] [--inflight W] [--runs R] [--qos 0,1,2]\n" +
        "  COUNT / --count     messages per run and QoS (default 20000)\n" +
        "  PAYLOAD / --payload payload bytes per message (default 64)\n" +
        "  --inflight          most unacknowledged QoS 1/2 messages at once (default 10, Paho's default)\n" +
        "  --runs              measured runs per QoS after one warm-up; the median is reported (default 3)\n" +
        "  --qos               which QoS levels to measure (default 0,1,2)";

    /// <summary>Messages per run.</summary>
    public int Count { get; private set; } = 20000;

    /// <summary>Payload size in bytes.</summary>
    public int PayloadBytes { get; private set; } = 64;

    /// <summary>In-flight window for QoS 1 and 2.</summary>
    public int Inflight { get; private set; } = 10;

    /// <summary>Measured runs per QoS.</summary>
    public int Runs { get; private set; } = 3;

    /// <summary>QoS levels to measure.</summary>
    public IReadOnlyList<int> QosLevels { get; private set; } = new[] { 0, 1, 2 };

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
