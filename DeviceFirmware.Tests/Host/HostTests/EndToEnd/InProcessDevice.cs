using System;
using System.IO;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.MmsCtl;
using DeviceFirmware.Protocol;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// The device composed in the test process as the simulator composes it, without MQTT: the core's
/// <see cref="DeviceFirmware.Composition.Device"/> over memory flash, its configuration UART a
/// <see cref="PseudoTerminalPort"/> on a pseudo-terminal this class opens and closes, and a
/// <see cref="StopwatchClock"/>. mmsctl runs in-process against it through
/// <see cref="MmsCtl(string[])"/>, so its logic is tested without starting processes.
/// </summary>
internal sealed class InProcessDevice : IDisposable
{
    /// <summary>Composes the device; <paramref name="reboot"/> is what Reset Device calls (null: the device cannot restart).</summary>
    public InProcessDevice(IReboot reboot = null)
    {
        Flash = new MemoryFlashStorage();
        Log = new RecordingLog(1000);
        Pty = PseudoTerminal.Open();
        try
        {
            DevicePlatform platform = new(Flash, new StopwatchClock(), Log)
            {
                SerialPort = new PseudoTerminalPort(Pty),
                Reboot = reboot,
            };
            DeviceOptions options = new(SettingsDefaults.ForSimulator("inproc-1"))
            {
                StopTimeoutMilliseconds = 5000,
            };
            Device = new Device(platform, options);
            Device.Start();
        }
        catch
        {
            Device?.Dispose();
            Pty.Dispose();
            throw;
        }
    }

    public MemoryFlashStorage Flash { get; }

    public RecordingLog Log { get; }

    public PseudoTerminal Pty { get; }

    public Device Device { get; }

    public SettingsStore Store => Device.Settings;

    public MmsRequestHandler Handler => Device.Handler;

    /// <summary>The serial service answering on the pty: its counters tell what arrived.</summary>
    public MmsSerialService Service => Device.Serial.Service;

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
        Device.Dispose();
        Pty.Dispose();
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
