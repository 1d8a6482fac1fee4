using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>Options every command shares.</summary>
/// <param name="Port">Serial device path as given.</param>
/// <param name="BaudRate">Baud rate.</param>
/// <param name="TimeoutMilliseconds">Longest wait for each response.</param>
/// <param name="Json">Print one JSON object instead of text.</param>
public sealed record SessionOptions(string Port, int BaudRate, int TimeoutMilliseconds, bool Json);

/// <summary>
/// The bodies of mmsctl's commands. Each prints its result to <c>output</c> (text, or one JSON object
/// with <c>--json</c>), reports failures as one line on <c>error</c>, and returns an <see cref="ExitCodes"/> value.
/// </summary>
public sealed class MmsCtlCommands
{
    /// <summary>Prefix <c>list</c> uses when none is given: every device setting.</summary>
    public const string DefaultListPrefix = "1.2";

    /// <summary>Default <c>reset --wait</c>: how long to wait for the device to answer again, after the first 500 ms.</summary>
    public const int DefaultResetWaitMilliseconds = 30000;

    /// <summary>The manual's bound: the device "starts an automatic reset within 500ms" of its answer (Command 0x1F01, step 4).</summary>
    public const int ResetStartMilliseconds = 500;

    // Pause between two probes that failed at once (a port that cannot be opened).
    private const int ProbePauseMilliseconds = 200;

    /// <summary>What <c>info</c> reads: table index, text label, JSON member.</summary>
    private static readonly (int Index, string Label, string Member)[] InfoItems =
    {
        (PropertyIndex.SerialNumber, "serial number", "serialNumber"),
        (PropertyIndex.ModelName, "model", "model"),
        (PropertyIndex.MainFirmwareVersion, "main firmware", "mainFirmware"),
        (PropertyIndex.BootFirmwareVersion, "boot firmware", "bootFirmware"),
    };

    private readonly SessionOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <summary>Creates the command set.</summary>
    public MmsCtlCommands(SessionOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _output = output;
        _error = error;
    }

    /// <summary><c>get NAME|OID [--repeat N]</c>: reads one property (or every leaf of a branch), N round trips on one session.</summary>
    public int Get(string name, int repeat) => Run("get", report =>
    {
        PropertyAddress address = PropertyAddress.Parse(name);
        RequireLeafOrBranch(address, "get");
        if (repeat < 1)
        {
            throw new MmsCtlException("--repeat must be at least 1", ExitCodes.Error);
        }

        Describe(report, address);
        using MmsSession session = OpenSession();
        MmsExchange exchange = null;
        Stopwatch watch = Stopwatch.StartNew();
        for (int i = 0; i < repeat; i++)
        {
            byte reference = session.NextReference();
            byte[] request = address.PropertyIndex >= 0
                ? MmsRequestBuilder.Get(reference, address.PropertyIndex)
                : MmsRequestBuilder.GetBranch(reference, address.CopyArcs(), address.ArcCount);
            exchange = session.Exchange(request);
            int failure = CheckReply(exchange, report, "get " + address.DisplayName, request.Length);
            if (failure != ExitCodes.Success)
            {
                return failure;
            }
        }

        watch.Stop();
        List<PropertyLeaf> leaves = ReadLeaves(exchange.Reply);
        PrintLeaves(leaves, report, address);
        if (repeat > 1)
        {
            double ms = watch.Elapsed.TotalMilliseconds;
            double perSecond = repeat / watch.Elapsed.TotalSeconds;
            report.Set("repeat", repeat).Set("elapsedMs", ms).Set("roundTripsPerSecond", perSecond).Set("meanRoundTripMs", ms / repeat);
            Text(string.Create(CultureInfo.InvariantCulture, $"{repeat} round trips in {ms:F1} ms: {perSecond:F0} per second, {ms / repeat:F3} ms each"));
        }

        return ExitCodes.Success;
    });

    /// <summary><c>set NAME|OID VALUE [--hex]</c>: writes one property, checked locally first unless <c>--hex</c>.</summary>
    public int Set(string name, string value, bool hex) => Run("set", report =>
    {
        PropertyAddress address = PropertyAddress.Parse(name);
        if (address.Property == null)
        {
            throw new MmsCtlException($"set: {address.DottedOid} is not a property this tool knows; use raw to send anything else", ExitCodes.Error);
        }

        Describe(report, address);
        byte[] bytes;
        if (hex)
        {
            try
            {
                bytes = HexText.Parse(value);
            }
            catch (FormatException ex)
            {
                throw new MmsCtlException($"set --hex: {ex.Message}", ExitCodes.Error);
            }
        }
        else
        {
            bytes = PropertyValues.Encode(address.Property, value);
        }

        using MmsSession session = OpenSession();
        byte[] request = MmsRequestBuilder.Set(session.NextReference(), address.PropertyIndex, bytes, 0, bytes.Length);
        MmsExchange exchange = session.Exchange(request);
        int failure = CheckReply(exchange, report, "set " + address.DisplayName, request.Length);
        if (failure != ExitCodes.Success)
        {
            return failure;
        }

        PrintLeaves(ReadLeaves(exchange.Reply), report, address);
        return ExitCodes.Success;
    });

    /// <summary><c>list [PREFIX]</c>: one branch Get, every property below the prefix.</summary>
    public int List(string prefix) => Run("list", report =>
    {
        PropertyAddress address = PropertyAddress.Parse(string.IsNullOrEmpty(prefix) ? DefaultListPrefix : prefix);
        report.Set("prefix", address.DottedOid);
        using MmsSession session = OpenSession();
        byte[] request = MmsRequestBuilder.GetBranch(session.NextReference(), address.CopyArcs(), address.ArcCount);
        MmsExchange exchange = session.Exchange(request);
        int failure = CheckReply(exchange, report, "list " + address.DottedOid, request.Length);
        if (failure != ExitCodes.Success)
        {
            return failure;
        }

        List<PropertyLeaf> leaves = ReadLeaves(exchange.Reply);
        List<JsonReport> items = new();
        foreach (PropertyLeaf leaf in leaves)
        {
            JsonReport item = new();
            Text(DescribeLeaf(leaf, item));
            items.Add(item);
        }

        report.Set("properties", items);
        return ExitCodes.Success;
    });

    /// <summary>
    /// <c>info</c>: the device information, one Get each: serial number (2.2.1.1.1.1), model name
    /// (2.1.2.2.2.1), main and boot firmware versions (2.1.2.2.2.2, 2.1.2.1.1.2). A property the device
    /// refuses is shown as not available and makes the exit code 1; the others are still shown.
    /// </summary>
    public int Info() => Run("info", report =>
    {
        using MmsSession session = OpenSession();
        List<JsonReport> items = new();
        int code = ExitCodes.Success;
        foreach ((int index, string label, string member) in InfoItems)
        {
            PropertyDefinition property = PropertyTable.Get(index);
            byte[] request = MmsRequestBuilder.Get(session.NextReference(), index);
            MmsExchange exchange = session.Exchange(request);
            JsonReport item = new JsonReport().Set("property", property.Name).Set("oid", property.DottedOid());
            items.Add(item);
            if (exchange.TooBig || !exchange.Reply.IsSuccess)
            {
                string status = exchange.TooBig ? "message too big" : $"{exchange.Reply.StatusHex}: {exchange.Reply.StatusText}";
                item.Set("error", status);
                report.Set(member, null);
                Text($"{label,-14} (not available: {status})");
                code = ExitCodes.DeviceFailure;
                continue;
            }

            List<PropertyLeaf> leaves = ReadLeaves(exchange.Reply);
            if (leaves.Count != 1)
            {
                throw new MmsCtlException($"unexpected response to the Get of {property.Name}: {HexText.Format(exchange.Reply.Message)}", ExitCodes.Error);
            }

            DecodedValue value = PropertyValues.Decode(property, leaves[0].Value);
            string shown = value.Text ?? value.Display;
            item.Set("value", shown).Set("hex", HexText.Format(leaves[0].Value));
            report.Set(member, shown);
            Text($"{label,-14} {shown}");
        }

        report.Set("properties", items);
        return code;
    });

    /// <summary>
    /// <c>reset [--no-wait] [--wait MS]</c>: Reset Device (0x1F01). After a successful answer it waits
    /// for the device to come back: the device resets within 500 ms of its answer (the manual), so from
    /// then on a Get that is answered comes from the restarted device.
    /// </summary>
    public int Reset(bool wait, int waitMilliseconds) => Run("reset", report =>
    {
        Stopwatch watch;
        using (MmsSession session = OpenSession())
        {
            byte[] request = MmsRequestBuilder.ResetDevice(session.NextReference());
            MmsExchange exchange = session.Exchange(request);
            watch = Stopwatch.StartNew();
            int failure = CheckReply(exchange, report, "reset", request.Length);
            if (failure != ExitCodes.Success)
            {
                return failure;
            }
        }

        report.Set("reset", true);
        if (!wait)
        {
            Text("reset: the device accepted the reset");
            return ExitCodes.Success;
        }

        Thread.Sleep(ResetStartMilliseconds);
        string lastProblem = null;
        while (watch.ElapsedMilliseconds < ResetStartMilliseconds + waitMilliseconds)
        {
            try
            {
                using MmsSession session = OpenSession();
                byte[] probe = MmsRequestBuilder.Get(session.NextReference(), PropertyIndex.SerialNumber);
                MmsExchange exchange = session.Exchange(probe);
                if (!exchange.TooBig && exchange.Reply != null)
                {
                    long back = watch.ElapsedMilliseconds;
                    report.Set("back", true).Set("backAfterMs", back);
                    Text($"reset: the device answered again {back} ms after accepting the reset");
                    return ExitCodes.Success;
                }
            }
            catch (MmsCtlException ex)
            {
                // Rebooting: no answer within the timeout, or (native USB) the port is gone for a while.
                lastProblem = ex.Message;
                Thread.Sleep(ProbePauseMilliseconds);
            }
        }

        report.Set("back", false);
        throw new MmsCtlException($"reset: the device accepted the reset but did not answer within {ResetStartMilliseconds + waitMilliseconds} ms ({lastProblem})", ExitCodes.Error);
    });

    /// <summary><c>raw HEX</c>: sends one MMS message as given; prints the response message as hex.</summary>
    public int Raw(string hex) => Run("raw", report =>
    {
        byte[] request;
        try
        {
            request = HexText.Parse(hex ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new MmsCtlException($"raw: {ex.Message}", ExitCodes.Error);
        }

        if (request.Length == 0)
        {
            throw new MmsCtlException("raw: the message is empty", ExitCodes.Error);
        }

        report.Set("request", HexText.Format(request));
        using MmsSession session = OpenSession();
        MmsExchange exchange = session.Exchange(request);
        if (exchange.TooBig)
        {
            return CheckReply(exchange, report, "raw", request.Length);
        }

        string response = HexText.Format(exchange.Reply.Message);
        report.Set("response", response).Set("status", StatusReport(exchange.Reply));
        Text(response);
        return ExitCodes.Success;
    });

    private int Run(string command, Func<JsonReport, int> body)
    {
        JsonReport report = new JsonReport().Set("command", command).Set("port", _options.Port);
        int code;
        try
        {
            code = body(report);
        }
        catch (MmsCtlException ex)
        {
            _error.WriteLine("mmsctl: " + ex.Message);
            report.Set("error", ex.Message);
            code = ex.ExitCode;
        }

        if (_options.Json)
        {
            report.Set("ok", code == ExitCodes.Success).Set("exitCode", code);
            _output.WriteLine(report.ToJson());
        }

        _output.Flush();
        _error.Flush();
        return code;
    }

    private MmsSession OpenSession() => MmsSession.Open(_options.Port, _options.BaudRate, _options.TimeoutMilliseconds);

    private int CheckReply(MmsExchange exchange, JsonReport report, string what, int requestLength)
    {
        if (exchange.TooBig)
        {
            string message = $"{what}: the device refused the message as too big (SLIP info 03): its maximum is {exchange.DeviceMaxLength} bytes, the message has {requestLength}";
            _error.WriteLine("mmsctl: " + message);
            report.Set("error", message).Set("deviceMaxLength", exchange.DeviceMaxLength);
            return ExitCodes.DeviceFailure;
        }

        MmsReply reply = exchange.Reply;
        report.Set("status", StatusReport(reply));
        if (reply.IsSuccess)
        {
            return ExitCodes.Success;
        }

        string failure = $"{what}: the device answered {reply.StatusHex}: {reply.StatusText}";
        _error.WriteLine("mmsctl: " + failure);
        report.Set("error", failure);
        return ExitCodes.DeviceFailure;
    }

    private static JsonReport StatusReport(MmsReply reply) => new JsonReport()
        .Set("summary", reply.Summary < 0 ? null : reply.Summary.ToString("X2", CultureInfo.InvariantCulture))
        .Set("detail", reply.Detail < 0 ? null : reply.Detail.ToString("X6", CultureInfo.InvariantCulture))
        .Set("text", reply.StatusText);

    private static List<PropertyLeaf> ReadLeaves(MmsReply reply)
    {
        try
        {
            return reply.ReadLeaves();
        }
        catch (FormatException ex)
        {
            throw new MmsCtlException("unexpected response: " + ex.Message + ": " + HexText.Format(reply.Message), ExitCodes.Error);
        }
    }

    private void PrintLeaves(List<PropertyLeaf> leaves, JsonReport report, PropertyAddress address)
    {
        if (leaves.Count == 0)
        {
            throw new MmsCtlException($"unexpected response: no value for {address.DisplayName}", ExitCodes.Error);
        }

        if (leaves.Count == 1 && leaves[0].Arcs.AsSpan().SequenceEqual(address.CopyArcs()))
        {
            Text(DescribeLeaf(leaves[0], report));
            return;
        }

        List<JsonReport> items = new();
        foreach (PropertyLeaf leaf in leaves)
        {
            JsonReport item = new();
            Text(DescribeLeaf(leaf, item));
            items.Add(item);
        }

        report.Set("properties", items);
    }

    private static string DescribeLeaf(PropertyLeaf leaf, JsonReport report)
    {
        int index = PropertyTable.IndexOfOid(leaf.Arcs, 0, leaf.Arcs.Length);
        PropertyDefinition property = index >= 0 ? PropertyTable.Get(index) : null;
        string oid = PropertyAddress.FormatOid(leaf.Arcs, leaf.Arcs.Length);
        DecodedValue value = PropertyValues.Decode(property, leaf.Value);
        report.Set("property", property?.Name).Set("oid", oid);
        if (value.WriteOnly)
        {
            report.Set("value", null).Set("writeOnly", true);
        }
        else if (value.Number is long number)
        {
            report.Set("value", number);
            if (value.ValueName != null)
            {
                report.Set("valueName", value.ValueName);
            }
        }
        else
        {
            report.Set("value", value.Text);
        }

        report.Set("hex", HexText.Format(leaf.Value));
        return (property?.Name ?? oid) + " = " + value.Display;
    }

    private static void Describe(JsonReport report, PropertyAddress address)
    {
        report.Set("property", address.Property?.Name).Set("oid", address.DottedOid);
    }

    private static void RequireLeafOrBranch(PropertyAddress address, string command)
    {
        if (address.ArcCount < 2)
        {
            throw new MmsCtlException($"{command}: {address.DottedOid} is a bare property type; use list", ExitCodes.Error);
        }
    }

    private void Text(string line)
    {
        if (!_options.Json)
        {
            _output.WriteLine(line);
        }
    }
}
