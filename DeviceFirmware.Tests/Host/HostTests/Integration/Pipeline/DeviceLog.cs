using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// The device's <see cref="ILog"/> in the pipeline tests: thread-safe, keeps the lines for the
/// assertions that need them (which sequence numbers were dropped offline or published) and for the
/// failure message. Keeps at most <see cref="Capacity"/> lines (the oldest go) so that a test that
/// produces tens of thousands of messages does not measure its own log in the heap.
/// </summary>
public sealed class DeviceLog : ILog
{
    private static readonly Regex SeqPattern = new(@"seq=(?<seq>\d+)", RegexOptions.CultureInvariant);

    private readonly object _sync = new();
    private readonly Queue<string> _lines = new();
    private long _written;

    /// <summary>Creates a log keeping up to <paramref name="capacity"/> lines.</summary>
    public DeviceLog(int capacity = 20000)
    {
        Capacity = capacity;
    }

    /// <summary>Most lines kept.</summary>
    public int Capacity { get; }

    /// <summary>Lines written since creation, including those no longer kept.</summary>
    public long Written
    {
        get
        {
            lock (_sync)
            {
                return _written;
            }
        }
    }

    /// <summary>Snapshot of the kept lines, oldest first, each prefixed with its level.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                return _lines.ToList();
            }
        }
    }

    /// <inheritdoc />
    public void Write(LogLevel level, string message)
    {
        string line = level.ToString().ToUpperInvariant() + " " + message;
        lock (_sync)
        {
            _written++;
            _lines.Enqueue(line);
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>Sequence numbers named by the kept lines that contain <paramref name="fragment"/>.</summary>
    public IReadOnlyList<long> SequencesIn(string fragment)
        => Lines.Where(l => l.Contains(fragment, StringComparison.Ordinal))
            .Select(l => SeqPattern.Match(l))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string Tail(int count = 60)
    {
        IReadOnlyList<string> all = Lines;
        return "--- device log tail ---\n" + string.Join("\n", all.Skip(Math.Max(0, all.Count - count)));
    }
}
