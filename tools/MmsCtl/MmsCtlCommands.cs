using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// mmsctl's commands against one device, over whatever channel <see cref="IMmsChannelFactory"/>
/// opens (a serial port or a broker). Each prints its result to <c>output</c> (text, or one JSON
/// object with <c>--json</c>), reports failures as one line on <c>error</c>, and returns an
/// <see cref="ExitCodes"/> value.
/// </summary>
public sealed class MmsCtlCommands
{
    /// <summary>Prefix <c>list</c> uses when none is given: every device setting.</summary>
    public const string DefaultListPrefix = MmsCommands.DefaultListPrefix;

    /// <summary>Default <c>reset --wait</c>: how long to wait for the device to answer again, after the first 500 ms.</summary>
    public const int DefaultResetWaitMilliseconds = 30000;

    /// <summary>The manual's bound: the device "starts an automatic reset within 500ms" of its answer (Command 0x1F01, step 4).</summary>
    public const int ResetStartMilliseconds = 500;

    // Pause between two probes that failed at once (a port that cannot be opened).
    private const int ProbePauseMilliseconds = 200;

    private readonly IMmsChannelFactory _channels;
    private readonly bool _json;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <summary>Creates the command set.</summary>
    /// <param name="channels">Opens the channel to the device.</param>
    /// <param name="json">Print one JSON object instead of text.</param>
    /// <param name="output">stdout.</param>
    /// <param name="error">stderr.</param>
    public MmsCtlCommands(IMmsChannelFactory channels, bool json, TextWriter output, TextWriter error)
    {
        _channels = channels;
        _json = json;
        _output = output;
        _error = error;
    }

    /// <summary><c>get NAME|OID [--repeat N]</c>: reads one property (or every leaf of a branch), N round trips on one session.</summary>
    public int Get(string name, int repeat) => Run("get", report => MmsCommands.Get(name, repeat, report));

    /// <summary><c>set NAME|OID VALUE [--hex]</c>: writes one property, checked locally first unless <c>--hex</c>.</summary>
    public int Set(string name, string value, bool hex) => Run("set", report => MmsCommands.Set(name, value, hex, report));

    /// <summary><c>list [PREFIX]</c>: one branch Get, every property below the prefix.</summary>
    public int List(string prefix) => Run("list", report => MmsCommands.List(prefix, report));

    /// <summary><c>info</c>: serial number, model, main and boot firmware versions.</summary>
    public int Info() => Run("info", _ => MmsCommands.Info());

    /// <summary><c>raw HEX</c>: sends one MMS message as given; prints the response message as hex.</summary>
    public int Raw(string hex, bool requireStartOfMessage = false) => Run("raw", report => MmsCommands.Raw(hex, requireStartOfMessage, report));

    /// <summary>Runs a prepared command against the device: opens the channel, answers each step, prints the result.</summary>
    /// <param name="command">The command's name, first in the JSON report.</param>
    /// <param name="prepare">Checks the arguments and describes the command in the report; throws before anything is sent.</param>
    public int Run(string command, Func<JsonReport, PreparedCommand> prepare)
    {
        JsonReport report = new JsonReport().Set("command", command);
        _channels.Describe(report);
        Conversation conversation = new(report, _json, _output, _error);
        try
        {
            PreparedCommand prepared = prepare(report);
            using IMmsChannel channel = _channels.Open();
            foreach (MmsStep step in prepared.Converse(conversation))
            {
                step.Exchange = channel.Exchange(step.Request);
            }
        }
        catch (MmsCtlException ex)
        {
            conversation.Fail(ex);
        }

        return Finish(report, conversation.ExitCode);
    }

    /// <summary>
    /// <c>reset [--no-wait] [--wait MS]</c>: Reset Device (0x1F01). After a successful answer it waits
    /// for the device to come back: the device resets within 500 ms of its answer (the manual), so from
    /// then on a Get that is answered comes from the restarted device. Each probe opens a new channel
    /// (a native USB port disappears while the board reboots; over a broker, a new session).
    /// </summary>
    public int Reset(bool wait, int waitMilliseconds)
    {
        JsonReport report = new JsonReport().Set("command", "reset");
        _channels.Describe(report);
        Conversation conversation = new(report, _json, _output, _error);
        try
        {
            ResetAndWait(conversation, wait, waitMilliseconds);
        }
        catch (MmsCtlException ex)
        {
            conversation.Fail(ex);
        }

        return Finish(report, conversation.ExitCode);
    }

    private void ResetAndWait(Conversation c, bool wait, int waitMilliseconds)
    {
        Stopwatch watch;
        using (IMmsChannel channel = _channels.Open())
        {
            byte[] request = MmsRequestBuilder.ResetDevice(c.NextReference());
            MmsExchange exchange = channel.Exchange(request);
            watch = Stopwatch.StartNew();
            c.ExitCode = c.CheckReply(exchange, "reset", request.Length);
            if (c.ExitCode != ExitCodes.Success)
            {
                return;
            }
        }

        c.Report.Set("reset", true);
        if (!wait)
        {
            c.Text("reset: the device accepted the reset");
            return;
        }

        Thread.Sleep(ResetStartMilliseconds);
        string lastProblem = null;
        while (watch.ElapsedMilliseconds < ResetStartMilliseconds + waitMilliseconds)
        {
            try
            {
                using IMmsChannel channel = _channels.Open();
                MmsExchange exchange = channel.Exchange(MmsRequestBuilder.Get(c.NextReference(), PropertyIndex.SerialNumber));
                if (!exchange.TooBig && exchange.Reply != null)
                {
                    long back = watch.ElapsedMilliseconds;
                    c.Report.Set("back", true).Set("backAfterMs", back);
                    c.Text($"reset: the device answered again {back} ms after accepting the reset");
                    return;
                }
            }
            catch (MmsCtlException ex)
            {
                // Rebooting: no answer within the timeout, or (native USB) the port is gone for a while.
                lastProblem = ex.Message;
                Thread.Sleep(ProbePauseMilliseconds);
            }
        }

        c.Report.Set("back", false);
        throw new MmsCtlException($"reset: the device accepted the reset but did not answer within {ResetStartMilliseconds + waitMilliseconds} ms ({lastProblem})", ExitCodes.Error);
    }

    private int Finish(JsonReport report, int code)
    {
        if (_json)
        {
            report.Set("ok", code == ExitCodes.Success).Set("exitCode", code);
            _output.WriteLine(report.ToJson());
        }

        _output.Flush();
        _error.Flush();
        return code;
    }
}
