using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeviceFirmware.Tests.Infrastructure.Processes;

namespace DeviceFirmware.Benchmarks.Fleet;

/// <summary>Starting, waiting for and stopping the tool processes; waiting on conditions; printing.</summary>
internal static class Tools
{
    /// <summary>Starts <c>dotnet DLL ARGS</c> with its output redirected.</summary>
    public static Process Start(string dll, params string[] arguments) => Process.Start(DotnetTool.StartInfo(dll, arguments))!;

    /// <summary>Runs a tool to completion and returns its exit code and output.</summary>
    public static (int Exit, string Output, string Error) Run(string dll, TimeSpan limit, params string[] arguments)
    {
        using Process process = Start(dll, arguments);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} still running after {limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Reads the process's standard output until a line matches; afterwards the output keeps being
    /// read (and dropped) so the process never blocks on a full pipe.
    /// </summary>
    public static void WaitForLine(Process process, Func<string, bool> match, TimeSpan limit)
    {
        var found = new ManualResetEventSlim();
        var lastLines = new Queue<string>();
        var reader = new Thread(() =>
        {
            string line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                if (!found.IsSet)
                {
                    lock (lastLines)
                    {
                        lastLines.Enqueue(line);
                        if (lastLines.Count > 10)
                        {
                            lastLines.Dequeue();
                        }
                    }

                    if (match(line))
                    {
                        found.Set();
                    }
                }
            }
        })
        { IsBackground = true, Name = "tool output" };
        reader.Start();
        var errors = new Thread(() =>
        {
            while (process.StandardError.ReadLine() != null)
            {
            }
        })
        { IsBackground = true, Name = "tool errors" };
        errors.Start();

        Stopwatch watch = Stopwatch.StartNew();
        while (!found.Wait(200))
        {
            if (process.HasExited || watch.Elapsed > limit)
            {
                string tail;
                lock (lastLines)
                {
                    tail = string.Join('\n', lastLines);
                }

                throw new InvalidOperationException(process.HasExited
                    ? $"the process exited ({process.ExitCode}) before it was ready; last lines:\n{tail}"
                    : $"the process was not ready after {limit.TotalSeconds} s; last lines:\n{tail}");
            }
        }
    }

    /// <summary>Polls a condition until it holds or the limit passes; false on timeout.</summary>
    public static bool TryWaitUntil(Func<bool> condition, TimeSpan limit)
    {
        Stopwatch watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    /// <summary>Polls a condition until it holds; throws with <paramref name="state"/> on timeout.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan limit, Func<string> state)
    {
        if (!TryWaitUntil(condition, limit))
        {
            throw new TimeoutException($"not reached within {limit.TotalSeconds} s: {state()}");
        }
    }

    /// <summary>Stops a tool the way Ctrl-C does (SIGTERM), then kills it if it has not exited in 30 s.</summary>
    public static void Stop(Process process)
    {
        if (process == null)
        {
            return;
        }

        if (!process.HasExited)
        {
            using Process kill = Process.Start("kill", "-TERM " + process.Id)!;
            kill.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        process.Dispose();
    }

    /// <summary>The first lines of a text, for an error message.</summary>
    public static string FirstLines(string text, int count) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(count));

    /// <summary>Prints rows as a table with right-aligned columns after the first.</summary>
    public static void PrintTable(List<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            Console.WriteLine("  " + string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        }
    }
}
