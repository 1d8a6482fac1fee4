using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceFirmware.Tests.TestSupport;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// Host-side reading of the shared <see cref="RecordingLog"/>: a consistent snapshot of its lines
/// while the device's threads keep writing, the sequence numbers its lines name, and a default-size
/// tail for failure messages.
/// </summary>
public static class RecordingLogExtensions
{
    private static readonly Regex SeqPattern = new(@"seq=(?<seq>\d+)", RegexOptions.CultureInvariant);

    /// <summary>
    /// The kept lines, oldest first, as one consistent snapshot: read again whenever a line was
    /// written while reading (a bounded log shifts its lines when it drops the oldest).
    /// </summary>
    public static IReadOnlyList<string> Lines(this RecordingLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        while (true)
        {
            long written = log.Written;
            int count = log.Count;
            var lines = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                lines.Add(log.Line(i));
            }

            if (log.Written == written)
            {
                return lines;
            }
        }
    }

    /// <summary>Sequence numbers (<c>seq=N</c>) named by the kept lines that contain <paramref name="fragment"/>, oldest first.</summary>
    public static IReadOnlyList<long> SequencesIn(this RecordingLog log, string fragment)
        => log.Lines()
            .Where(l => l.Contains(fragment, StringComparison.Ordinal))
            .Select(l => SeqPattern.Match(l))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The last 60 kept lines, for failure messages.</summary>
    public static string Tail(this RecordingLog log) => log.Tail(60);
}
