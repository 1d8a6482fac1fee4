using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DeviceFirmware.Tests.Infrastructure.Mosquitto;

/// <summary>
/// Starts child processes that the kernel kills (SIGKILL) when this process dies, however it dies
/// (a test host killed on timeout included), via util-linux <c>setpriv --pdeathsig KILL</c>, which
/// execs the program in place (same PID). The kernel ties that signal to the thread that forked the
/// child, and .NET forks on the calling thread, so every start happens on one dedicated thread that
/// lives as long as the process; a pool thread that retires would otherwise kill the child with it.
/// Without setpriv the program is started directly (then only normal exits clean up).
/// </summary>
internal static class ChildProcessLauncher
{
    private const string SetPriv = "/usr/bin/setpriv";

    private static readonly BlockingCollection<(ProcessStartInfo Info, Action<Process> Configure, TaskCompletionSource<Process> Done)> Requests = new();
    private static readonly Lazy<Thread> Launcher = new(() =>
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "child process launcher" };
        thread.Start();
        return thread;
    });

    /// <summary>True when children die with this process (setpriv is available).</summary>
    public static bool TiesLifetime => OperatingSystem.IsLinux() && File.Exists(SetPriv);

    /// <summary>
    /// Starts <paramref name="info"/> (its FileName and ArgumentList are wrapped when possible).
    /// <paramref name="configure"/> runs before Start, to attach output handlers.
    /// </summary>
    public static Process Start(ProcessStartInfo info, Action<Process> configure)
    {
        if (TiesLifetime)
        {
            var wrapped = new ProcessStartInfo(SetPriv)
            {
                UseShellExecute = info.UseShellExecute,
                RedirectStandardOutput = info.RedirectStandardOutput,
                RedirectStandardError = info.RedirectStandardError,
                RedirectStandardInput = info.RedirectStandardInput,
                WorkingDirectory = info.WorkingDirectory,
            };
            wrapped.ArgumentList.Add("--pdeathsig");
            wrapped.ArgumentList.Add("KILL");
            wrapped.ArgumentList.Add("--");
            wrapped.ArgumentList.Add(info.FileName);
            foreach (string argument in info.ArgumentList)
            {
                wrapped.ArgumentList.Add(argument);
            }

            info = wrapped;
        }

        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Launcher.Value;
        Requests.Add((info, configure, done));
        return done.Task.GetAwaiter().GetResult();
    }

    private static void Loop()
    {
        foreach ((ProcessStartInfo info, Action<Process> configure, TaskCompletionSource<Process> done) in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = info };
                configure?.Invoke(process);
                process.Start();
                done.SetResult(process);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
