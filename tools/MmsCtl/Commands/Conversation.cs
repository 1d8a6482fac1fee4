using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// One command's exchange with one device: the JSON report it fills, the lines it prints, its exit
/// code and its reference numbers. For a single device the lines go straight to stdout and stderr;
/// for a fleet each device keeps its own, and the fleet table shows <see cref="Summary"/>.
/// </summary>
public sealed class Conversation
{
    private readonly List<string> _lines = new();
    private readonly ReferenceSequence _references;
    private readonly bool _json;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private string _summary;

    /// <summary>Creates a conversation.</summary>
    /// <param name="report">The JSON object the command fills.</param>
    /// <param name="json">True when the report is printed instead of text (text lines are then only recorded).</param>
    /// <param name="output">Where text lines are echoed as they come; null to only record them.</param>
    /// <param name="error">Where error lines are echoed (<c>mmsctl: ...</c>); null to only record them.</param>
    /// <param name="references">Reference numbers; null for a random start.</param>
    public Conversation(JsonReport report, bool json, TextWriter output = null, TextWriter error = null, ReferenceSequence references = null)
    {
        Report = report;
        _json = json;
        _output = output;
        _error = error;
        _references = references ?? new ReferenceSequence();
    }

    /// <summary>The JSON object of this device's result.</summary>
    public JsonReport Report { get; }

    /// <summary>One of <see cref="ExitCodes"/>; success until something fails.</summary>
    public int ExitCode { get; set; }

    /// <summary>The first error message, without the <c>mmsctl: </c> prefix; null when none.</summary>
    public string FirstError { get; private set; }

    /// <summary>The text lines printed so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The result on one line, for the fleet table: set by the command, else the text lines joined with "; ".</summary>
    public string Summary
    {
        get => _summary ?? string.Join("; ", _lines);
        set => _summary = value;
    }

    /// <summary>A fresh reference number for the next request.</summary>
    public byte NextReference() => _references.Next();

    /// <summary>Prints a line of the text output.</summary>
    public void Text(string line)
    {
        _lines.Add(line);
        if (!_json)
        {
            _output?.WriteLine(line);
        }
    }

    /// <summary>Reports an error: on stderr as <c>mmsctl: message</c>, and as the report's <c>error</c>.</summary>
    public void Error(string message)
    {
        FirstError ??= message;
        Report.Set("error", message);
        _error?.WriteLine("mmsctl: " + message);
    }

    /// <summary>Ends the conversation with <paramref name="failure"/>'s message and exit code.</summary>
    public void Fail(MmsCtlException failure)
    {
        Error(failure.Message);
        ExitCode = failure.ExitCode;
    }

    /// <summary>
    /// Checks an answer: success returns <see cref="ExitCodes.Success"/>; a failure status or a
    /// "message too big" answer is reported and returns <see cref="ExitCodes.DeviceFailure"/>.
    /// </summary>
    public int CheckReply(MmsExchange exchange, string what, int requestLength)
    {
        if (exchange.TooBig)
        {
            string message = $"{what}: the device refused the message as too big (SLIP info 03): its maximum is {exchange.DeviceMaxLength} bytes, the message has {requestLength}";
            Error(message);
            Report.Set("deviceMaxLength", exchange.DeviceMaxLength);
            return ExitCodes.DeviceFailure;
        }

        MmsReply reply = exchange.Reply;
        Report.Set("status", StatusReport(reply));
        if (reply.IsSuccess)
        {
            return ExitCodes.Success;
        }

        Error($"{what}: the device answered {reply.StatusHex}: {reply.StatusText}");
        return ExitCodes.DeviceFailure;
    }

    /// <summary>The status of an answer as a JSON object: summary, detail and words.</summary>
    public static JsonReport StatusReport(MmsReply reply) => new JsonReport()
        .Set("summary", reply.Summary < 0 ? null : reply.Summary.ToString("X2", CultureInfo.InvariantCulture))
        .Set("detail", reply.Detail < 0 ? null : reply.Detail.ToString("X6", CultureInfo.InvariantCulture))
        .Set("text", reply.StatusText);

    /// <summary>The leaves of an answer's property tree.</summary>
    /// <exception cref="MmsCtlException">The payload is malformed (exit code 2).</exception>
    public static List<PropertyLeaf> ReadLeaves(MmsReply reply)
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

    /// <summary>Prints the leaves: one leaf that is the property asked for fills the report itself, several go into <c>properties</c>.</summary>
    /// <exception cref="MmsCtlException">The answer holds no value (exit code 2).</exception>
    public void PrintLeaves(List<PropertyLeaf> leaves, PropertyAddress address)
    {
        if (leaves.Count == 0)
        {
            throw new MmsCtlException($"unexpected response: no value for {address.DisplayName}", ExitCodes.Error);
        }

        if (leaves.Count == 1 && leaves[0].Arcs.AsSpan().SequenceEqual(address.CopyArcs()))
        {
            Text(DescribeLeaf(leaves[0], Report));
            return;
        }

        Report.Set("properties", PrintEach(leaves));
    }

    /// <summary>Prints every leaf on its own line; returns their JSON objects.</summary>
    public List<JsonReport> PrintEach(List<PropertyLeaf> leaves)
    {
        List<JsonReport> items = new();
        foreach (PropertyLeaf leaf in leaves)
        {
            JsonReport item = new();
            Text(DescribeLeaf(leaf, item));
            items.Add(item);
        }

        return items;
    }

    /// <summary>Fills <paramref name="report"/> with a leaf's name, OID and value; returns its text line (<c>name = value</c>).</summary>
    public static string DescribeLeaf(PropertyLeaf leaf, JsonReport report)
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
}
