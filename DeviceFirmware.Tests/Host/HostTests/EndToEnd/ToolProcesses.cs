using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using DeviceFirmware.Tests.Infrastructure.Processes;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>The process-based end-to-end tests run one after another: they share two cores with everything else.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "Simulator and mmsctl processes";
}

/// <summary>What a finished mmsctl process printed.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public string OutputLine => Output.TrimEnd('\n');

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>
/// Runs the built tools the way a user does, as separate processes: <c>dotnet mmsctl.dll</c> and
/// <c>dotnet DeviceSimulator.dll</c> from the test's output folder (the test project references both,
/// so one build makes them; <c>dotnet run</c> would rebuild on every start).
/// </summary>
internal static class ToolProcesses
{
    /// <summary>Hard bound on any mmsctl run, far above its own --timeout: a hang fails the test instead of wedging it.</summary>
    public static readonly TimeSpan MmsCtlLimit = TimeSpan.FromSeconds(60);

    public static string MmsCtlDll => Path.Combine(AppContext.BaseDirectory, "mmsctl.dll");

    public static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "DeviceSimulator.dll");

    /// <summary>Runs mmsctl to completion and returns what it printed.</summary>
    public static ProcessResult RunMmsCtl(params string[] args)
    {
        ProcessStartInfo start = DotnetStart(MmsCtlDll, args);
        Stopwatch watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(MmsCtlLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mmsctl {string.Join(' ', args)} still running after {MmsCtlLimit.TotalSeconds} s");
        }

        process.WaitForExit();
        watch.Stop();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }

    /// <summary>Runs the simulator with <paramref name="args"/> until it exits (a start that must fail), up to <see cref="SimulatorProcess.StartLimit"/>.</summary>
    public static ProcessResult RunSimulatorToExit(params string[] args)
    {
        Stopwatch watch = Stopwatch.StartNew();
        using Process process = Process.Start(DotnetStart(SimulatorDll, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(SimulatorProcess.StartLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the simulator with {string.Join(' ', args)} still ran after {SimulatorProcess.StartLimit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }

    public static ProcessStartInfo DotnetStart(string dll, IEnumerable<string> args) => DotnetTool.StartInfo(dll, args);

    /// <summary>A fresh directory for one test's files.</summary>
    public static string NewDirectory(string tag)
    {
        string path = Path.Combine(Path.GetTempPath(), $"df-e2e-{tag}-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>A running DeviceSimulator process and the lines it printed.</summary>
internal sealed class SimulatorProcess : IDisposable
{
    /// <summary>How long a start may take on a loaded two-core machine.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = new();
    private readonly object _sync = new();

    private SimulatorProcess(Process process, string serialPath, string flashPath)
    {
        _process = process;
        SerialPath = serialPath;
        FlashPath = flashPath;
    }

    public string SerialPath { get; }

    /// <summary>The flash file, or a fleet's flash directory.</summary>
    public string FlashPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed so far (stdout and stderr, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Starts the simulator and returns once it printed <c>serial: PATH</c>.</summary>
    public static SimulatorProcess Start(string serialPath, string flashPath, params string[] extraArgs)
    {
        List<string> args = new() { "--serial", serialPath, "--flash", flashPath };
        args.AddRange(extraArgs);
        string ready = "serial: " + serialPath;
        return Launch(args, serialPath, flashPath, line => line == ready, ready);
    }

    /// <summary>
    /// Starts a fleet (<c>--devices N --flash-dir DIR</c>) and returns once it printed
    /// <c>fleet: N devices started</c>.
    /// </summary>
    public static SimulatorProcess StartFleet(int devices, string flashDirectory, params string[] extraArgs)
    {
        List<string> args = new() { "--devices", devices.ToString(System.Globalization.CultureInfo.InvariantCulture), "--flash-dir", flashDirectory };
        args.AddRange(extraArgs);
        string ready = $"fleet: {devices} devices started";
        int serial = args.IndexOf("--serial");
        return Launch(args, serial >= 0 ? args[serial + 1] : null, flashDirectory, line => line.StartsWith(ready, StringComparison.Ordinal), ready);
    }

    private static SimulatorProcess Launch(List<string> args, string serialPath, string flashPath, Func<string, bool> isReady, string ready)
    {
        Process process = Process.Start(ToolProcesses.DotnetStart(ToolProcesses.SimulatorDll, args))!;
        SimulatorProcess simulator = new(process, serialPath, flashPath);
        process.OutputDataReceived += (_, e) => simulator.Add(e.Data);
        process.ErrorDataReceived += (_, e) => simulator.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (simulator.WaitForLine(isReady, StartLimit) == null)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // collects the last redirected lines
            }

            string seen = string.Join("\n", simulator.Lines);
            simulator.Dispose();
            throw new InvalidOperationException($"the simulator did not print '{ready}' within {StartLimit.TotalSeconds} s; it printed:\n{seen}");
        }

        return simulator;
    }

    /// <summary>Waits for a line matching <paramref name="match"/>; returns it, or null on timeout or exit.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        Stopwatch watch = Stopwatch.StartNew();
        lock (_sync)
        {
            int checkedCount = 0;
            while (true)
            {
                for (; checkedCount < _lines.Count; checkedCount++)
                {
                    if (match(_lines[checkedCount]))
                    {
                        return _lines[checkedCount];
                    }
                }

                TimeSpan left = timeout - watch.Elapsed;
                if (left <= TimeSpan.Zero || _process.HasExited)
                {
                    return null;
                }

                Monitor.Wait(_sync, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
    }

    /// <summary>SIGKILL: no chance to clean up, exactly like a power cut of the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits up to <paramref name="limit"/> for a clean exit.</summary>
    /// <returns>True when it exited in time.</returns>
    public bool Terminate(TimeSpan limit)
    {
        using (Process kill = Process.Start("kill", new[] { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
        {
            kill.WaitForExit();
        }

        bool exited = _process.WaitForExit(limit);
        if (exited)
        {
            _process.WaitForExit(); // flushes the redirected output
        }

        return exited;
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Add(string line)
    {
        if (line == null)
        {
            return;
        }

        lock (_sync)
        {
            _lines.Add(line);
            Monitor.PulseAll(_sync);
        }
    }

    public override string ToString() => string.Join("\n", Lines.TakeLast(60));
}
