using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Runtime;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>StopwatchClock and ConsoleLog.</summary>
public sealed class RuntimeAdapterTests
{
    [Fact]
    public void Clock_starts_near_zero_never_goes_back_and_follows_real_time()
    {
        var clock = new StopwatchClock();
        var reference = Stopwatch.StartNew();
        long first = clock.UptimeMilliseconds;
        Assert.InRange(first, 0, 1000);

        long previous = first;
        Wait.Until(() =>
        {
            long now = clock.UptimeMilliseconds;
            Assert.True(now >= previous, $"clock went back from {previous} to {now}");
            previous = now;
            return now >= first + 50;
        }, "the clock to advance 50 ms");

        long elapsedByClock = clock.UptimeMilliseconds - first;
        Assert.InRange(elapsedByClock, 50, reference.ElapsedMilliseconds + 1);
    }

    [Fact]
    public void Log_line_has_utc_timestamp_level_and_message_on_one_line()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 21, 23, 49, 0, 123, TimeSpan.FromHours(2)));
        var writer = new StringWriter();
        var log = new ConsoleLog(writer, time);
        log.Write(LogLevel.Info, "connected");
        log.Write(LogLevel.Error, "two\r\nlines\nhere");
        log.Write(LogLevel.Warning, null);

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            new[]
            {
                "2026-11-21T21:49:00.123Z INFO  connected",
                "2026-11-21T21:49:00.123Z ERROR two | lines | here",
                "2026-11-21T21:49:00.123Z WARN  ",
            },
            lines);
    }

    /// <summary>
    /// For every minimum level: exactly the lines at or above it are written, in order, and none
    /// below it; IsEnabled agrees for every level. An inverted or off-by-one filter fails at least
    /// one case.
    /// </summary>
    [Theory]
    [InlineData(LogLevel.Debug)]
    [InlineData(LogLevel.Info)]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Error)]
    public void Log_writes_exactly_the_lines_at_or_above_the_minimum_level_and_IsEnabled_agrees(LogLevel minimum)
    {
        var writer = new StringWriter();
        var log = new ConsoleLog(writer, new FixedTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))) { MinimumLevel = minimum };
        LogLevel[] all = { LogLevel.Debug, LogLevel.Info, LogLevel.Warning, LogLevel.Error };
        foreach (LogLevel level in all)
        {
            log.Write(level, "line at " + level);
        }

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        string[] expected = all.Where(l => l >= minimum).Select(l => ConsoleLog.Format(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), l, "line at " + l)).ToArray();
        Assert.Equal(expected, lines);
        Assert.NotEmpty(lines);
        Assert.All(all, l => Assert.Equal(l >= minimum, log.IsEnabled(l)));
        Assert.DoesNotContain(lines, line => all.Where(l => l < minimum).Any(l => line.EndsWith("line at " + l, StringComparison.Ordinal)));
    }

    [Fact]
    public void Log_by_default_writes_and_enables_every_level()
    {
        var writer = new StringWriter();
        var log = new ConsoleLog(writer, TimeProvider.System);
        log.Write(LogLevel.Debug, "a");
        log.Write(LogLevel.Error, "b");
        Assert.Equal(2, writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(log.IsEnabled(LogLevel.Debug));
        Assert.True(log.IsEnabled(LogLevel.Error));
    }

    [Fact]
    public void Lines_written_from_many_threads_never_interleave()
    {
        var writer = new StringWriter();
        var log = new ConsoleLog(writer, TimeProvider.System);
        Parallel.For(0, 8, t =>
        {
            for (int i = 0; i < 500; i++)
            {
                log.Write(LogLevel.Debug, $"thread {t} line {i} " + new string('x', 40));
            }
        });

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4000, lines.Length);
        var shape = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z DEBUG thread \d line \d+ x{40}$");
        Assert.All(lines, l => Assert.Matches(shape, l));
        Assert.Equal(4000, lines.Select(l => l[29..]).Distinct().Count());
    }

    [Fact]
    public void A_broken_writer_does_not_throw()
    {
        var writer = new StringWriter();
        writer.Dispose();
        var log = new ConsoleLog(writer, TimeProvider.System);
        log.Write(LogLevel.Error, "nobody listens");
    }

    private sealed class FixedTime : TimeProvider
    {
        private readonly DateTimeOffset _now;

        public FixedTime(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();
    }
}
