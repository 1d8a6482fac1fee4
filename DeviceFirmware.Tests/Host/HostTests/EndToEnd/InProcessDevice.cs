using System;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.MmsCtl;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// The device's serial side composed in the test process, as the simulator composes it: the settings
/// store (over memory flash), the request handler and the serial service, on a pseudo-terminal. mmsctl
/// runs in-process against it through <see cref="MmsCtl(string[])"/>, so its logic is tested without
/// starting processes.
/// </summary>
internal sealed class InProcessDevice : IDisposable
{
    public InProcessDevice()
    {
        Flash = new MemoryFlashStorage();
        Store = new SettingsStore(Flash, SettingsDefaults.ForSimulator("inproc-1"), NullLog.Instance);
        Store.Load();
        Handler = new MmsRequestHandler(Store, null);
        Pty = PseudoTerminal.Open();
        Service = new MmsSerialService(Pty, Handler, new WatchClock(), null, MmsSerialService.DefaultIdleTimeoutMilliseconds);
        Service.Start();
    }

    public MemoryFlashStorage Flash { get; }

    public SettingsStore Store { get; }

    public MmsRequestHandler Handler { get; }

    public PseudoTerminal Pty { get; }

    public MmsSerialService Service { get; }

    /// <summary>Runs mmsctl with <c>--port</c> set to this device and a timeout generous enough for a loaded machine.</summary>
    public CliResult MmsCtl(params string[] args)
    {
        string[] all = new string[args.Length + 4];
        all[0] = "--port";
        all[1] = Pty.SlavePath;
        all[2] = "--timeout";
        all[3] = "10000";
        args.CopyTo(all, 4);
        return CliResult.Run(all);
    }

    public void Dispose()
    {
        Service.Stop();
        Pty.Dispose();
    }

    private sealed class WatchClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public long UptimeMilliseconds => _watch.ElapsedMilliseconds;
    }
}

/// <summary>What an in-process mmsctl run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public static CliResult Run(params string[] args)
    {
        StringWriter output = new();
        StringWriter error = new();
        int code = Program.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public string OutputLine => Output.TrimEnd('\n');

    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
