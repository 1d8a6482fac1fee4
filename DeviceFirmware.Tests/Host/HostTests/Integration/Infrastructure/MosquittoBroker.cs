using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>
/// xunit fixture around <see cref="MosquittoProcess"/> (the launcher the benchmarks use too): a
/// private mosquitto on a free loopback port with its own directory, configuration and packet log.
/// Usable as <c>IClassFixture&lt;MosquittoBroker&gt;</c> (default options) or created per test with
/// <see cref="Start"/> when the test kills, freezes or restarts it. Disposal kills the process and
/// removes the directory, also when the test failed.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    /// <summary>Starts a broker with default options (no persistence, every packet logged).</summary>
    public MosquittoBroker()
        : this(new MosquittoOptions())
    {
    }

    // Private: xunit requires a class fixture to have exactly one public constructor.
    private MosquittoBroker(MosquittoOptions options)
    {
        Process = MosquittoProcess.Start(options);
    }

    /// <summary>The underlying launcher.</summary>
    public MosquittoProcess Process { get; }

    /// <summary>Loopback address the broker listens on.</summary>
    public string Host => Process.Host;

    /// <summary>The broker's port (unchanged across restarts).</summary>
    public int Port => Process.Port;

    /// <summary>True while the broker process is alive.</summary>
    public bool IsRunning => Process.IsRunning;

    /// <summary>Starts a broker for one test.</summary>
    /// <param name="persistence">Keep sessions and retained messages in a database across restarts.</param>
    /// <param name="allowAnonymous">Accept clients without credentials.</param>
    public static MosquittoBroker Start(bool persistence = false, bool allowAnonymous = true)
        => Start(new MosquittoOptions { Persistence = persistence, AllowAnonymous = allowAnonymous });

    /// <summary>Starts a broker with <paramref name="options"/>; returns once it accepts connections.</summary>
    public static MosquittoBroker Start(MosquittoOptions options) => new(options);

    /// <summary>Connect options for this broker, as the core would build them.</summary>
    public MqttConnectOptions ConnectOptions(string clientId, bool cleanSession = true, int keepAliveSeconds = 30) => new()
    {
        Broker = Host,
        Port = Port,
        ClientId = clientId,
        CleanSession = cleanSession,
        KeepAliveSeconds = keepAliveSeconds,
        Username = string.Empty,
        Password = string.Empty,
    };

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public void Kill() => Process.Stop(BrokerStopSignal.Kill);

    /// <summary>SIGTERM (clean shutdown; saves the database with persistence), then waits for exit.</summary>
    public void Terminate() => Process.Stop(BrokerStopSignal.Terminate);

    /// <summary>SIGSTOP: connections stay up, nothing is answered.</summary>
    public void Pause() => Process.Pause();

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Process.Resume();

    /// <summary>Starts the stopped broker again on the same port.</summary>
    public void Restart() => Process.Restart();

    /// <summary>The packet lines logged so far.</summary>
    public MosquittoLog Log() => Process.ReadLog();

    /// <summary>Waits until the parsed log satisfies <paramref name="condition"/>.</summary>
    public MosquittoLog WaitForLog(Func<MosquittoLog, bool> condition, string what, TimeSpan? timeout = null)
    {
        MosquittoLog last = null;
        if (!Wait.TryUntil(() => condition(last = Log()), timeout ?? Wait.Default))
        {
            throw new TimeoutException($"Timed out waiting for the broker log to show {what}.\n{Tail(40)}");
        }

        return last;
    }

    /// <summary>The last <paramref name="lines"/> log lines, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        IReadOnlyList<string> all = Process.ReadLogLines();
        return "--- mosquitto log tail ---\n" + string.Join("\n", all.Skip(Math.Max(0, all.Count - lines)));
    }

    /// <summary>Kills the broker and deletes its directory.</summary>
    public void Dispose() => Process.Dispose();
}
