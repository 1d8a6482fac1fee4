using System;
using System.Globalization;
using System.IO;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Host.Runtime;

/// <summary>
/// <see cref="ILog"/> that writes one line per message to a text writer (standard output by default):
/// <c>2026-11-21T23:49:00.123Z INFO  message</c>. Line breaks inside a message are replaced so every
/// message stays one line, lines from different threads never interleave, and a failing writer is
/// ignored (the interface forbids throwing).
/// </summary>
public sealed class ConsoleLog : ILog
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly object _sync = new();

    /// <summary>Logs to <see cref="Console.Out"/> with the system time.</summary>
    public ConsoleLog()
        : this(Console.Out, TimeProvider.System)
    {
    }

    /// <summary>Logs to <paramref name="writer"/>, stamping lines with <paramref name="time"/>.</summary>
    /// <param name="writer">Destination; not disposed by this class.</param>
    /// <param name="time">Source of the UTC timestamp.</param>
    public ConsoleLog(TextWriter writer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(time);
        _writer = writer;
        _time = time;
    }

    /// <summary>Messages below this level are dropped. Default <see cref="LogLevel.Debug"/> (everything).</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => level >= MinimumLevel;

    /// <inheritdoc />
    public void Write(LogLevel level, string message)
    {
        if (level < MinimumLevel)
        {
            return;
        }

        try
        {
            string line = Format(_time.GetUtcNow(), level, message);
            lock (_sync)
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
        }
        catch (Exception)
        {
            // A closed or broken stdout must not take the device down.
        }
    }

    /// <summary>Formats one log line (without the newline).</summary>
    public static string Format(DateTimeOffset timestamp, LogLevel level, string message)
    {
        string text = message ?? string.Empty;
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            text = text.Replace("\r\n", " | ", StringComparison.Ordinal).Replace('\r', ' ').Replace("\n", " | ", StringComparison.Ordinal);
        }

        return timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + LevelName(level) + " " + text;
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "L" + ((int)level).ToString(CultureInfo.InvariantCulture).PadRight(4),
    };
}
