using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace DeviceFirmware.Tests.Infrastructure.Mosquitto;

/// <summary>How <see cref="MosquittoProcess.Stop"/> ends the broker.</summary>
public enum BrokerStopSignal
{
    /// <summary>SIGKILL: the broker dies at once and saves nothing (a crash or power cut).</summary>
    Kill,

    /// <summary>SIGTERM: the broker shuts down cleanly and, with persistence, writes its database.</summary>
    Terminate,
}

/// <summary>
/// A private mosquitto broker on a free 127.0.0.1 port, with its own temporary directory,
/// configuration, log file and database. It can be stopped (SIGKILL or SIGTERM), frozen, and started
/// again on the same port. Shared by the integration tests and the benchmarks.
/// </summary>
/// <remarks>
/// The log goes to a file (<c>log_dest file</c>), which mosquitto flushes line by line, so it can be
/// read while the broker runs; its standard output would be block-buffered into a pipe. When this
/// process runs as root the configuration says <c>user root</c>, because mosquitto otherwise drops
/// to the user "mosquitto", which cannot write the log in our directory. Every broker started here
/// dies with this process, even if nobody disposed it: the kernel kills it when this process dies
/// (see <see cref="ChildProcessLauncher"/>), and a normal exit kills it explicitly as well.
/// </remarks>
public sealed class MosquittoProcess : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private static readonly object LiveSync = new();
    private static readonly HashSet<MosquittoProcess> LiveBrokers = new();

    private readonly MosquittoOptions _options;
    private readonly object _sync = new();
    private readonly StringBuilder _console = new();
    private Process _process;
    private bool _disposed;

    static MosquittoProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();
    }

    private MosquittoProcess(MosquittoOptions options, string directory, int port)
    {
        _options = options;
        Directory = directory;
        Port = port;
        ConfigPath = Path.Combine(directory, "mosquitto.conf");
        LogPath = Path.Combine(directory, "mosquitto.log");
    }

    /// <summary>Address the broker listens on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>TCP port, fixed for the lifetime of this object (restarts reuse it).</summary>
    public int Port { get; }

    /// <summary>The temporary directory holding configuration, log and database.</summary>
    public string Directory { get; }

    /// <summary>The generated configuration file.</summary>
    public string ConfigPath { get; }

    /// <summary>The broker's log file; appended to across restarts.</summary>
    public string LogPath { get; }

    /// <summary>Process ID of the running broker, or null when stopped.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_sync)
            {
                return IsRunningLocked() ? _process.Id : null;
            }
        }
    }

    /// <summary>True while the broker process is alive (it may be frozen).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_sync)
            {
                return IsRunningLocked();
            }
        }
    }

    /// <summary>
    /// Creates the directory and configuration on a free port and starts the broker, returning when it
    /// accepts connections. Retries with another port if the chosen one is taken meanwhile.
    /// </summary>
    /// <exception cref="InvalidOperationException">The broker did not start; the message has its output.</exception>
    public static MosquittoProcess Start(MosquittoOptions options = null)
    {
        options ??= new MosquittoOptions();
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string directory = System.IO.Directory.CreateTempSubdirectory("mosquitto-").FullName;
            var broker = new MosquittoProcess(options, directory, FreeLoopbackPort());
            try
            {
                broker.WriteConfig();
                broker.StartProcess(retryWhilePortBusy: false);
                return broker;
            }
            catch (Exception e)
            {
                last = e;
                broker.Dispose();
            }
        }

        throw new InvalidOperationException("mosquitto did not start: " + last?.Message, last);
    }

    /// <summary>Starts the broker again on the same port, waiting for the port to be free.</summary>
    /// <exception cref="InvalidOperationException">Still running, or it did not start in time.</exception>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is still running; stop it first.");
        }

        StartProcess(retryWhilePortBusy: true);
    }

    /// <summary>Ends the broker with <paramref name="signal"/> and waits until the process is gone.</summary>
    public void Stop(BrokerStopSignal signal = BrokerStopSignal.Kill)
    {
        Process process;
        lock (_sync)
        {
            if (!IsRunningLocked())
            {
                return;
            }

            process = _process;
        }

        if (signal == BrokerStopSignal.Kill)
        {
            // SIGKILL also ends a frozen process, and without a SIGCONT first a frozen broker never
            // gets to answer the packets waiting in its socket buffers.
            Signal(process.Id, SigKill);
        }
        else
        {
            // A frozen broker acts on SIGTERM only once it is thawed.
            Signal(process.Id, SigTerm);
            Signal(process.Id, SigCont);
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        // The parameterless wait also drains the redirected output readers.
        process.WaitForExit();
    }

    /// <summary>Freezes the broker (SIGSTOP): connections stay open but nothing is read or answered.</summary>
    public void Pause()
    {
        int? pid = ProcessId;
        if (pid.HasValue)
        {
            Signal(pid.Value, SigStop);
        }
    }

    /// <summary>Thaws a broker frozen by <see cref="Pause"/> (SIGCONT).</summary>
    public void Resume()
    {
        int? pid = ProcessId;
        if (pid.HasValue)
        {
            Signal(pid.Value, SigCont);
        }
    }

    /// <summary>Reads the whole log as it is on disk now.</summary>
    public IReadOnlyList<string> ReadLogLines()
    {
        if (!File.Exists(LogPath))
        {
            return Array.Empty<string>();
        }

        // Shared read: mosquitto keeps the file open for writing.
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        string line;
        while ((line = reader.ReadLine()) != null)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Parses the log's packet lines.</summary>
    public MosquittoLog ReadLog() => MosquittoLog.Parse(ReadLogLines());

    /// <summary>What the broker wrote to standard output and standard error (startup errors go there).</summary>
    public string ConsoleOutput
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    /// <summary>Kills the broker if it runs and deletes its directory (unless asked to keep it).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Stop(BrokerStopSignal.Kill);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        lock (LiveSync)
        {
            LiveBrokers.Remove(this);
        }

        _process?.Dispose();
        if (!_options.KeepDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp directory is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Asks the kernel for a currently unused 127.0.0.1 port.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private void WriteConfig()
    {
        var conf = new StringBuilder();
        conf.AppendLine("# Generated by DeviceFirmware.Tests.Infrastructure.Mosquitto.MosquittoProcess");
        conf.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");
        conf.AppendLine(_options.AllowAnonymous ? "allow_anonymous true" : "allow_anonymous false");
        if (Environment.UserName == "root" || geteuid() == 0)
        {
            conf.AppendLine("user root");
        }

        conf.AppendLine(_options.Persistence ? "persistence true" : "persistence false");
        conf.AppendLine("persistence_location " + Directory + "/");
        if (_options.Persistence && _options.AutosaveIntervalSeconds.HasValue)
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"autosave_interval {_options.AutosaveIntervalSeconds.Value}");
        }

        conf.AppendLine("log_dest file " + LogPath);
        if (_options.LogPackets)
        {
            conf.AppendLine("log_type all");
        }
        else
        {
            conf.AppendLine("log_type error");
            conf.AppendLine("log_type warning");
            conf.AppendLine("log_type notice");
            conf.AppendLine("log_type information");
        }

        conf.AppendLine("connection_messages true");
        if (!string.IsNullOrEmpty(_options.ExtraConfig))
        {
            conf.AppendLine(_options.ExtraConfig);
        }

        File.WriteAllText(ConfigPath, conf.ToString());
    }

    private void StartProcess(bool retryWhilePortBusy)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            long logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
            string failure = LaunchAndAwaitReady(logStart, deadline);
            if (failure == null)
            {
                return;
            }

            // After a stop the old listening socket can linger for a moment; anything else is final.
            bool portBusy = failure.Contains("Address already in use", StringComparison.Ordinal);
            if (!retryWhilePortBusy || !portBusy || deadline.Elapsed >= _options.StartTimeout)
            {
                throw new InvalidOperationException(
                    $"mosquitto on port {Port} did not start: {failure}\n--- console ---\n{ConsoleOutput}\n--- log tail ---\n{LogTail(20)}");
            }

            Thread.Sleep(100);
        }
    }

    // Returns null once the broker runs, or why it did not.
    private string LaunchAndAwaitReady(long logStart, Stopwatch deadline)
    {
        var info = new ProcessStartInfo(_options.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigPath);

        Process process = ChildProcessLauncher.Start(info, p =>
        {
            p.OutputDataReceived += (_, e) => AppendConsole(e.Data);
            p.ErrorDataReceived += (_, e) => AppendConsole(e.Data);
        });
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_sync)
        {
            _process?.Dispose();
            _process = process;
        }

        lock (LiveSync)
        {
            LiveBrokers.Add(this);
        }

        // mosquitto writes "mosquitto version X running" after its listeners are open.
        while (true)
        {
            if (LogSince(logStart).Contains(" running", StringComparison.Ordinal))
            {
                return null;
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                string tail = LogSince(logStart);
                return $"exited with code {process.ExitCode}. {tail} {ConsoleOutput}".Trim();
            }

            if (deadline.Elapsed >= _options.StartTimeout)
            {
                Signal(process.Id, SigKill);
                process.WaitForExit();
                return $"not ready after {_options.StartTimeout.TotalSeconds:0} s";
            }

            Thread.Sleep(20);
        }
    }

    private string LogSince(long offset)
    {
        if (!File.Exists(LogPath))
        {
            return string.Empty;
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= offset)
        {
            return string.Empty;
        }

        stream.Position = offset;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private string LogTail(int lines)
    {
        IReadOnlyList<string> all = ReadLogLines();
        int from = Math.Max(0, all.Count - lines);
        var tail = new StringBuilder();
        for (int i = from; i < all.Count; i++)
        {
            tail.AppendLine(all[i]);
        }

        return tail.ToString();
    }

    private void AppendConsole(string line)
    {
        if (line == null)
        {
            return;
        }

        lock (_console)
        {
            _console.AppendLine(line);
        }
    }

    private bool IsRunningLocked()
    {
        if (_process == null)
        {
            return false;
        }

        try
        {
            return !_process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void KillAllLive()
    {
        MosquittoProcess[] brokers;
        lock (LiveSync)
        {
            brokers = new MosquittoProcess[LiveBrokers.Count];
            LiveBrokers.CopyTo(brokers);
        }

        foreach (MosquittoProcess broker in brokers)
        {
            try
            {
                int? pid = broker.ProcessId;
                if (pid.HasValue)
                {
                    Signal(pid.Value, SigKill);
                }
            }
            catch (Exception)
            {
                // Process exit: nothing sensible left to do with an error.
            }
        }
    }

    private static void Signal(int pid, int signal)
    {
        // Process.Kill only knows SIGKILL; SIGTERM, SIGSTOP and SIGCONT need kill(2).
        kill(pid, signal);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
