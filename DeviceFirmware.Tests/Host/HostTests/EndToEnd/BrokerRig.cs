using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// A private mosquitto and simulator processes connected to it, for the tests of mmsctl over the
/// broker. The simulators start in parallel (each is a dotnet process start) and a simulator counts
/// as ready once it logged its subscription to its command topic: from then on a request published
/// there is answered. Disposal stops everything and removes the files.
/// </summary>
internal sealed class BrokerRig : IDisposable
{
    /// <summary>How long a simulator may take to connect and subscribe on a loaded two-core machine.</summary>
    public static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    /// <summary>mmsctl's --timeout in these tests: generous for a loaded machine, except where a test waits for a timeout on purpose.</summary>
    public const string Timeout = "10000";

    private readonly List<SimulatorProcess> _simulators = new();

    public BrokerRig(MosquittoOptions options = null, string tag = "broker")
    {
        Directory = ToolProcesses.NewDirectory(tag);
        Broker = MosquittoBroker.Start(options ?? new MosquittoOptions());
    }

    public string Directory { get; }

    public MosquittoBroker Broker { get; }

    /// <summary><c>127.0.0.1:PORT</c> for --broker.</summary>
    public string Address => $"{Broker.Host}:{Broker.Port}";

    /// <summary>The simulator started with <paramref name="deviceId"/>.</summary>
    public SimulatorProcess this[string deviceId] => _simulators.Single(s => s.FlashPath.EndsWith(deviceId + ".bin", StringComparison.Ordinal));

    /// <summary>Starts one simulator per ID (telemetry every 200 ms) and waits until each has subscribed to its command topic.</summary>
    public void StartSimulators(params string[] deviceIds)
    {
        Task<SimulatorProcess>[] starts = deviceIds.Select(id => Task.Run(() => SimulatorProcess.Start(
            Path.Combine(Directory, "tty-" + id), Path.Combine(Directory, id + ".bin"),
            "--broker", Address, "--device-id", id, "--interval", "200"))).ToArray();
        try
        {
            Task.WaitAll(starts);
        }
        finally
        {
            _simulators.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        foreach (string id in deviceIds)
        {
            WaitForLine(id, "mqtt: subscribed to DeviceFirmware/Device/" + id + " ");
        }
    }

    /// <summary>Waits until the simulator of <paramref name="deviceId"/> logged a line containing <paramref name="text"/>.</summary>
    public void WaitForLine(string deviceId, string text)
    {
        SimulatorProcess simulator = this[deviceId];
        if (simulator.WaitForLine(line => line.Contains(text, StringComparison.Ordinal), ReadyLimit) == null)
        {
            throw new TimeoutException($"simulator {deviceId} did not log '{text}' within {ReadyLimit.TotalSeconds} s:\n{simulator}\n{Broker.Tail(20)}");
        }
    }

    /// <summary>Runs mmsctl with --broker set to this broker, and a generous --timeout unless the arguments give one.</summary>
    public ProcessResult MmsCtl(params string[] args)
        => ToolProcesses.RunMmsCtl((args.Contains("--timeout") ? new[] { "--broker", Address } : new[] { "--broker", Address, "--timeout", Timeout }).Concat(args).ToArray());

    /// <summary>Runs mmsctl over the serial port of one simulator.</summary>
    public ProcessResult Serial(string deviceId, params string[] args)
        => ToolProcesses.RunMmsCtl(new[] { "--port", this[deviceId].SerialPath, "--timeout", Timeout }.Concat(args).ToArray());

    public void Dispose()
    {
        Parallel.ForEach(_simulators, simulator => simulator.Dispose());
        Broker.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
