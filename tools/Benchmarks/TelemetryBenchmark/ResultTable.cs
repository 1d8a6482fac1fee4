using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>Messages per second of the measured runs of one scenario at one QoS.</summary>
public sealed class Measurement
{
    /// <summary>Wraps the per-run rates.</summary>
    public Measurement(IReadOnlyList<double> rates)
    {
        if (rates == null || rates.Count == 0)
        {
            throw new ArgumentException("at least one run", nameof(rates));
        }

        InRunOrder = rates.ToArray();
        Rates = rates.Order().ToArray();
    }

    /// <summary>Rates, ascending.</summary>
    public IReadOnlyList<double> Rates { get; }

    /// <summary>Rates in the order the runs were made (run i of one scenario ran next to run i of the other).</summary>
    public IReadOnlyList<double> InRunOrder { get; }

    /// <summary>Median rate.</summary>
    public double Median => MedianOf(Rates);

    /// <summary>Median of a list of numbers.</summary>
    public static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>
/// The printed result: one row per QoS, one column per scenario (median msg/s with the min-max
/// range), and with two scenarios the ratio of the second's median to the first's, plus the median
/// of the per-pair ratios (run i of the second over run i of the first, made back to back), which
/// load from elsewhere on the machine disturbs less.
/// </summary>
public sealed class ResultTable
{
    private readonly string[] _scenarios;
    private readonly List<(int Qos, IReadOnlyList<Measurement> Cells, IReadOnlyList<Measurement> Cpu)> _rows = new();

    /// <summary>Creates a table with one column per scenario name.</summary>
    public ResultTable(string[] scenarios)
    {
        _scenarios = scenarios;
    }

    /// <summary>Adds the row for <paramref name="qos"/>: rates, and client CPU microseconds per message.</summary>
    public void Add(int qos, IReadOnlyList<Measurement> cells, IReadOnlyList<Measurement> cpu) => _rows.Add((qos, cells, cpu));

    /// <summary>Writes the throughput table, then the client CPU per message.</summary>
    public void Print(TextWriter output)
    {
        PrintRates(output);
        output.WriteLine();
        output.WriteLine("client CPU per message (this process, all threads; the broker not included), median:");
        var lines = new List<string[]>();
        var header = new List<string> { "QoS" };
        header.AddRange(_scenarios.Select(s => $"{s} us/msg"));
        if (_scenarios.Length > 1)
        {
            header.Add($"{_scenarios[0]}/{_scenarios[1]} (CPU)");
        }

        lines.Add(header.ToArray());
        foreach ((int qos, _, IReadOnlyList<Measurement> cpu) in _rows)
        {
            var line = new List<string> { qos.ToString(CultureInfo.InvariantCulture) };
            line.AddRange(cpu.Select(m => m.Median.ToString("0.00", CultureInfo.InvariantCulture)));
            if (cpu.Count > 1)
            {
                line.Add((cpu[0].Median / cpu[1].Median).ToString("0.00", CultureInfo.InvariantCulture));
            }

            lines.Add(line.ToArray());
        }

        Write(output, lines);
    }

    private void PrintRates(TextWriter output)
    {
        var header = new List<string> { "QoS" };
        header.AddRange(_scenarios.Select(s => $"{s} msg/s median (min-max)"));
        if (_scenarios.Length > 1)
        {
            header.Add($"{_scenarios[1]}/{_scenarios[0]} (of medians)");
            header.Add("median of paired ratios");
        }

        var lines = new List<string[]> { header.ToArray() };
        foreach ((int qos, IReadOnlyList<Measurement> cells, _) in _rows)
        {
            var line = new List<string> { qos.ToString(CultureInfo.InvariantCulture) };
            line.AddRange(cells.Select(Cell));
            if (cells.Count > 1)
            {
                line.Add((cells[1].Median / cells[0].Median).ToString("0.00", CultureInfo.InvariantCulture));
                double paired = Measurement.MedianOf(cells[1].InRunOrder.Zip(cells[0].InRunOrder, (b, a) => b / a));
                line.Add(paired.ToString("0.00", CultureInfo.InvariantCulture));
            }

            lines.Add(line.ToArray());
        }

        Write(output, lines);
    }

    private static void Write(TextWriter output, List<string[]> lines)
    {
        int[] widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        foreach (string[] l in lines)
        {
            output.WriteLine(string.Join(" | ", l.Select((cell, c) => c == 0 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
    }

    private static string Cell(Measurement m)
        => string.Create(CultureInfo.InvariantCulture, $"{m.Median:0} ({m.Rates[0]:0}-{m.Rates[^1]:0})");
}
