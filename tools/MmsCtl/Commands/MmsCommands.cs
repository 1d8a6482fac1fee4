using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// The commands that talk to a device in request/answer steps: <c>get</c>, <c>set</c>, <c>list</c>,
/// <c>info</c> and <c>raw</c>. Each method checks the arguments (a bad one throws before anything is
/// sent), describes the command in the report, and returns its conversation, which knows nothing of
/// the transport: the same one runs over a serial port, over a broker, or for every device of a fleet.
/// </summary>
public static class MmsCommands
{
    /// <summary>Prefix <c>list</c> uses when none is given: every device setting.</summary>
    public const string DefaultListPrefix = "1.2";

    /// <summary>What <c>info</c> reads: table index, text label, JSON member.</summary>
    private static readonly (int Index, string Label, string Member)[] InfoItems =
    {
        (PropertyIndex.SerialNumber, "serial number", "serialNumber"),
        (PropertyIndex.ModelName, "model", "model"),
        (PropertyIndex.MainFirmwareVersion, "main firmware", "mainFirmware"),
        (PropertyIndex.BootFirmwareVersion, "boot firmware", "bootFirmware"),
    };

    /// <summary><c>get NAME|OID [--repeat N]</c>: reads one property (or every leaf of a branch), N round trips.</summary>
    /// <exception cref="MmsCtlException">Unknown name, a bare type, or N below 1 (exit code 2).</exception>
    public static PreparedCommand Get(string name, int repeat, JsonReport report)
    {
        PropertyAddress address = PropertyAddress.Parse(name);
        if (address.ArcCount < 2)
        {
            throw new MmsCtlException($"get: {address.DottedOid} is a bare property type; use list", ExitCodes.Error);
        }

        if (repeat < 1)
        {
            throw new MmsCtlException("--repeat must be at least 1", ExitCodes.Error);
        }

        Describe(report, address);
        return new PreparedCommand("get", Converse);

        IEnumerable<MmsStep> Converse(Conversation c)
        {
            MmsStep step = null;
            Stopwatch watch = Stopwatch.StartNew();
            for (int i = 0; i < repeat; i++)
            {
                byte reference = c.NextReference();
                step = new MmsStep(address.PropertyIndex >= 0
                    ? MmsRequestBuilder.Get(reference, address.PropertyIndex)
                    : MmsRequestBuilder.GetBranch(reference, address.CopyArcs(), address.ArcCount));
                yield return step;
                c.ExitCode = c.CheckReply(step.Exchange, "get " + address.DisplayName, step.Request.Length);
                if (c.ExitCode != ExitCodes.Success)
                {
                    yield break;
                }
            }

            watch.Stop();
            c.PrintLeaves(Conversation.ReadLeaves(step.Exchange.Reply), address);
            if (repeat > 1)
            {
                double ms = watch.Elapsed.TotalMilliseconds;
                double perSecond = repeat / watch.Elapsed.TotalSeconds;
                c.Report.Set("repeat", repeat).Set("elapsedMs", ms).Set("roundTripsPerSecond", perSecond).Set("meanRoundTripMs", ms / repeat);
                c.Text(string.Create(CultureInfo.InvariantCulture, $"{repeat} round trips in {ms:F1} ms: {perSecond:F0} per second, {ms / repeat:F3} ms each"));
            }
        }
    }

    /// <summary><c>set NAME|OID VALUE [--hex]</c>: writes one property, checked locally first unless <c>--hex</c>.</summary>
    /// <exception cref="MmsCtlException">Unknown property or a value the device would refuse; nothing sent (exit code 2).</exception>
    public static PreparedCommand Set(string name, string value, bool hex, JsonReport report)
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

        return new PreparedCommand("set", Converse);

        IEnumerable<MmsStep> Converse(Conversation c)
        {
            MmsStep step = new(MmsRequestBuilder.Set(c.NextReference(), address.PropertyIndex, bytes, 0, bytes.Length));
            yield return step;
            c.ExitCode = c.CheckReply(step.Exchange, "set " + address.DisplayName, step.Request.Length);
            if (c.ExitCode == ExitCodes.Success)
            {
                c.PrintLeaves(Conversation.ReadLeaves(step.Exchange.Reply), address);
            }
        }
    }

    /// <summary><c>list [PREFIX]</c>: one branch Get, every property below the prefix.</summary>
    /// <exception cref="MmsCtlException">A malformed prefix (exit code 2).</exception>
    public static PreparedCommand List(string prefix, JsonReport report)
    {
        PropertyAddress address = PropertyAddress.Parse(string.IsNullOrEmpty(prefix) ? DefaultListPrefix : prefix);
        report.Set("prefix", address.DottedOid);
        return new PreparedCommand("list", Converse);

        IEnumerable<MmsStep> Converse(Conversation c)
        {
            MmsStep step = new(MmsRequestBuilder.GetBranch(c.NextReference(), address.CopyArcs(), address.ArcCount));
            yield return step;
            c.ExitCode = c.CheckReply(step.Exchange, "list " + address.DottedOid, step.Request.Length);
            if (c.ExitCode == ExitCodes.Success)
            {
                List<JsonReport> items = c.PrintEach(Conversation.ReadLeaves(step.Exchange.Reply));
                c.Report.Set("properties", items);
                c.Summary = items.Count == 1 ? "1 property" : $"{items.Count} properties";
            }
        }
    }

    /// <summary>
    /// <c>info</c>: the device information, one Get each: serial number (2.2.1.1.1.1), model name
    /// (2.1.2.2.2.1), main and boot firmware versions (2.1.2.2.2.2, 2.1.2.1.1.2). A property the device
    /// refuses is shown as not available and makes the exit code 1; the others are still shown.
    /// </summary>
    public static PreparedCommand Info()
    {
        return new PreparedCommand("info", Converse);

        static IEnumerable<MmsStep> Converse(Conversation c)
        {
            List<JsonReport> items = new();
            List<string> shownValues = new();
            foreach ((int index, string label, string member) in InfoItems)
            {
                PropertyDefinition property = PropertyTable.Get(index);
                MmsStep step = new(MmsRequestBuilder.Get(c.NextReference(), index));
                yield return step;
                MmsExchange exchange = step.Exchange;
                JsonReport item = new JsonReport().Set("property", property.Name).Set("oid", property.DottedOid());
                items.Add(item);
                if (exchange.TooBig || !exchange.Reply.IsSuccess)
                {
                    string status = exchange.TooBig ? "message too big" : $"{exchange.Reply.StatusHex}: {exchange.Reply.StatusText}";
                    item.Set("error", status);
                    c.Report.Set(member, null);
                    c.Text($"{label,-14} (not available: {status})");
                    shownValues.Add("?");
                    c.ExitCode = ExitCodes.DeviceFailure;
                    continue;
                }

                List<PropertyLeaf> leaves = Conversation.ReadLeaves(exchange.Reply);
                if (leaves.Count != 1)
                {
                    throw new MmsCtlException($"unexpected response to the Get of {property.Name}: {HexText.Format(exchange.Reply.Message)}", ExitCodes.Error);
                }

                DecodedValue value = PropertyValues.Decode(property, leaves[0].Value);
                string shown = value.Text ?? value.Display;
                item.Set("value", shown).Set("hex", HexText.Format(leaves[0].Value));
                c.Report.Set(member, shown);
                c.Text($"{label,-14} {shown}");
                shownValues.Add(shown);
            }

            c.Report.Set("properties", items);
            c.Summary = string.Join(", ", shownValues);
        }
    }

    /// <summary><c>raw HEX</c>: sends one MMS message as given; prints the response message as hex.</summary>
    /// <param name="hex">The message in hex, spaces allowed.</param>
    /// <param name="requireStartOfMessage">True when the transport sends raw bytes over MQTT (<c>--binary</c>): the device reads a payload that does not start with AA as hex text.</param>
    /// <param name="report">Receives the request.</param>
    /// <exception cref="MmsCtlException">Not hex, empty, or (with <paramref name="requireStartOfMessage"/>) not starting with AA (exit code 2).</exception>
    public static PreparedCommand Raw(string hex, bool requireStartOfMessage, JsonReport report)
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

        if (requireStartOfMessage && request[0] != MmsMessage.StartOfMessage)
        {
            throw new MmsCtlException("raw: with --binary the message must start with AA (the device reads any other payload as hex text)", ExitCodes.Error);
        }

        report.Set("request", HexText.Format(request));
        return new PreparedCommand("raw", Converse);

        IEnumerable<MmsStep> Converse(Conversation c)
        {
            MmsStep step = new(request);
            yield return step;
            if (step.Exchange.TooBig)
            {
                c.ExitCode = c.CheckReply(step.Exchange, "raw", request.Length);
                yield break;
            }

            string response = HexText.Format(step.Exchange.Reply.Message);
            c.Report.Set("response", response).Set("status", Conversation.StatusReport(step.Exchange.Reply));
            c.Text(response);
        }
    }

    private static void Describe(JsonReport report, PropertyAddress address)
    {
        report.Set("property", address.Property?.Name).Set("oid", address.DottedOid);
    }
}
