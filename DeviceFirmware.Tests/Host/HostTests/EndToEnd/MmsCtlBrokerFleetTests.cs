using System;
using System.Linq;
using System.Text.Json;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// <c>devices</c> and <c>--all</c> against several simulator processes on one private mosquitto: the
/// list comes from the retained status topics, and one mmsctl session reaches every device at once.
/// Three processes are a small fleet: these tests prove the behaviour, not the scaling.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MmsCtlBrokerFleetTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>devices</c> lists three simulators as connected; after one is stopped cleanly (SIGTERM: it
    /// publishes its retained <c>disconnected</c>) it is listed as disconnected, <c>--all</c> leaves it
    /// out, and with <c>--include-disconnected</c> its row says timeout and the exit code is 2.
    /// </summary>
    [Fact]
    public void Devices_ListsThreeConnected_AStoppedOneDisconnected_AndAllLeavesItOut()
    {
        using BrokerRig rig = new(tag: "mqtt-devices");
        rig.StartSimulators("e2e-dev-a", "e2e-dev-b", "e2e-dev-c");

        ProcessResult before = rig.MmsCtl("devices");
        Assert.True(rig["e2e-dev-c"].Terminate(StopLimit), rig["e2e-dev-c"].ToString());
        ProcessResult after = rig.MmsCtl("devices");
        ProcessResult json = rig.MmsCtl("--json", "devices");
        ProcessResult all = rig.MmsCtl("--all", "set", "mqtt.qos", "1");
        ProcessResult everyone = rig.MmsCtl("--all", "--include-disconnected", "--timeout", "1500", "set", "mqtt.qos", "1");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(
            "DEVICE     STATUS     TOPIC\n"
            + "e2e-dev-a  connected  DeviceFirmware/Server/e2e-dev-a/Status\n"
            + "e2e-dev-b  connected  DeviceFirmware/Server/e2e-dev-b/Status\n"
            + "e2e-dev-c  connected  DeviceFirmware/Server/e2e-dev-c/Status\n",
            before.Output);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(
            "DEVICE     STATUS        TOPIC\n"
            + "e2e-dev-a  connected     DeviceFirmware/Server/e2e-dev-a/Status\n"
            + "e2e-dev-b  connected     DeviceFirmware/Server/e2e-dev-b/Status\n"
            + "e2e-dev-c  disconnected  DeviceFirmware/Server/e2e-dev-c/Status\n",
            after.Output);
        using (JsonDocument doc = JsonDocument.Parse(json.Output))
        {
            JsonElement[] items = doc.RootElement.EnumerateArray().ToArray();
            Assert.Equal(new[] { "e2e-dev-a", "e2e-dev-b", "e2e-dev-c" }, items.Select(i => i.GetProperty("device").GetString()));
            Assert.Equal(new[] { true, true, false }, items.Select(i => i.GetProperty("connected").GetBoolean()));
        }

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(new[] { "e2e-dev-a ok", "e2e-dev-b ok" }, Rows(all).Select(r => r[0] + " " + r[1]));
        Assert.Equal(2, everyone.ExitCode);
        Assert.Equal(new[] { "e2e-dev-a ok", "e2e-dev-b ok", "e2e-dev-c timeout" }, Rows(everyone).Select(r => r[0] + " " + r[1]));
        Assert.StartsWith("3 devices: 2 ok, 1 failed (", everyone.OutputLine.Split('\n')[^1]);
    }

    /// <summary>
    /// <c>--all set mqtt.qos 1</c> on three connected simulators: three <c>ok</c> rows with the new
    /// value, exit 0, and each device's serial port confirms the value; <c>--all --json get</c> and
    /// <c>--all info</c> report every device; a value every device refuses (sent unchecked with --hex)
    /// gives three rows with the device's answer in words and exit 1. Proves the fan-out and the
    /// per-device matching.
    /// </summary>
    [Fact]
    public void All_SetQos1_PrintsThreeOkRows_Exit0_AndEveryDeviceHasIt()
    {
        string[] ids = { "e2e-all-a", "e2e-all-b", "e2e-all-c" };
        using BrokerRig rig = new(tag: "mqtt-all");
        rig.StartSimulators(ids);

        ProcessResult set = rig.MmsCtl("--all", "set", "mqtt.qos", "1");
        ProcessResult json = rig.MmsCtl("--all", "--json", "get", "mqtt.qos");
        ProcessResult info = rig.MmsCtl("--all", "info");
        ProcessResult refused = rig.MmsCtl("--all", "set", "mqtt.qos", "03", "--hex");

        Assert.True(set.ExitCode == 0, set.ToString());
        string[] lines = set.OutputLine.Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Matches("^DEVICE +RESULT +MS +DETAIL$", lines[0]);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Matches($"^{ids[i]}  ok      [0-9]+ +mqtt.qos = 1 \\(at least once\\)$", lines[i + 1]);
            Assert.Equal("mqtt.qos = 1 (at least once)", rig.Serial(ids[i], "get", "mqtt.qos").OutputLine);
        }

        Assert.Matches("^3 devices: 3 ok, 0 failed \\([0-9]+ ms\\)$", lines[4]);
        Assert.Equal(string.Empty, set.Error);

        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.Equal(3, doc.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(ids, doc.RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device").GetString()));
        Assert.All(doc.RootElement.GetProperty("devices").EnumerateArray(), d => Assert.Equal(1, d.GetProperty("value").GetInt32()));

        // Each row carries its own device's identity: the serial number is the CRC-32 of the device
        // ID (zlib.crc32: e2e-all-a DB59DECC, e2e-all-b 42508F76, e2e-all-c 3557BFE0), first 7 digits.
        Assert.True(info.ExitCode == 0, info.ToString());
        string[] infoRows = info.OutputLine.Split('\n')[1..4];
        string[] serials = { "DB59DEC", "42508F7", "3557BFE" };
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Matches($"^{ids[i]}  ok +[0-9]+ +{serials[i]}, DeviceFirmware Sim, DFMAIN-1.1.0-STD, DFBOOT-1.1.0-STD$", infoRows[i]);
        }

        Assert.Equal(1, refused.ExitCode);
        string[] refusedRows = refused.OutputLine.Split('\n')[1..4];
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Matches($"^{ids[i]}  set mqtt.qos: the device answered 80 020102: failed to start the operation: bad parameter .* [0-9]+$", refusedRows[i]);
        }
    }

    /// <summary>
    /// A device whose subscribe topic was changed (over its serial port) stays connected but never
    /// sees the request: its row says timeout after --timeout, the other answers, exit code 2.
    /// Proves a silent device cannot hold up or fake the others' results.
    /// </summary>
    [Fact]
    public void All_ADeviceThatNeverAnswers_RowSaysTimeout_Exit2()
    {
        using BrokerRig rig = new(tag: "mqtt-silent");
        rig.StartSimulators("e2e-talk", "e2e-silent");
        Assert.Equal(0, rig.Serial("e2e-silent", "set", "mqtt.subscribe-topic", "Elsewhere/e2e-silent").ExitCode);
        rig.WaitForLine("e2e-silent", "mqtt: subscribed to Elsewhere/e2e-silent ");

        ProcessResult text = rig.MmsCtl("--all", "--timeout", "1500", "set", "mqtt.qos", "1");
        ProcessResult json = rig.MmsCtl("--all", "--timeout", "1500", "--json", "get", "mqtt.qos");

        Assert.Equal(2, text.ExitCode);
        string[][] rows = Rows(text);
        Assert.Equal(new[] { "e2e-silent timeout", "e2e-talk ok" }, rows.Select(r => r[0] + " " + r[1]));
        Assert.True(int.Parse(rows[0][2], System.Globalization.CultureInfo.InvariantCulture) >= 1500, text.ToString());
        Assert.Equal(2, json.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement silent = doc.RootElement.GetProperty("devices")[0];
        Assert.Equal("timeout", silent.GetProperty("result").GetString());
        Assert.Equal("no answer from device e2e-silent within 1500 ms", silent.GetProperty("error").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("okCount").GetInt32());
    }

    /// <summary>
    /// MagTek's topic scheme (<c>MagTek/Device/DynaFlex/SN</c> in, <c>MagTek/Server/DynaFlex/SN</c> out),
    /// set on the simulator over serial: explicit --command-topic/--response-topic with {id} and
    /// --device, the same topics without {id} and without --device, and devices/--all with a matching
    /// --pattern all reach it. Proves the templates against a real broker and device.
    /// </summary>
    [Fact]
    public void MagTekTopics_WithIdTemplates_ExplicitTopics_AndAPattern()
    {
        const string Id = "e2e-magtek";
        const string Serial = "B61378A";
        using BrokerRig rig = new(tag: "mqtt-magtek");
        rig.StartSimulators(Id);
        Assert.Equal(0, rig.Serial(Id, "set", "mqtt.subscribe-topic", "MagTek/Device/DynaFlex/" + Serial).ExitCode);
        Assert.Equal(0, rig.Serial(Id, "set", "mqtt.publish-topic", "MagTek/Server/DynaFlex/" + Serial).ExitCode);
        rig.WaitForLine(Id, $"mqtt: subscribed to MagTek/Device/DynaFlex/{Serial} ");
        rig.WaitForLine(Id, $"mqtt: status connected on MagTek/Server/DynaFlex/{Serial}/Status");
        string[] templates = { "--command-topic", "MagTek/Device/DynaFlex/{id}", "--response-topic", "MagTek/Server/DynaFlex/{id}/MMSMessage" };

        ProcessResult withId = rig.MmsCtl(templates.Concat(new[] { "--device", Serial, "get", "mqtt.publish-topic" }).ToArray());
        ProcessResult explicitTopics = rig.MmsCtl("--command-topic", "MagTek/Device/DynaFlex/" + Serial, "--response-topic", $"MagTek/Server/DynaFlex/{Serial}/MMSMessage", "get", "mqtt.subscribe-topic");
        ProcessResult devices = rig.MmsCtl("--pattern", "MagTek/Server/DynaFlex/+/Status", "devices");
        ProcessResult all = rig.MmsCtl(templates.Concat(new[] { "--pattern", "MagTek/Server/DynaFlex/+/Status", "--all", "get", "mqtt.qos" }).ToArray());

        Assert.True(withId.ExitCode == 0, withId.ToString());
        Assert.Equal($"mqtt.publish-topic = MagTek/Server/DynaFlex/{Serial}", withId.OutputLine);
        Assert.True(explicitTopics.ExitCode == 0, explicitTopics.ToString());
        Assert.Equal($"mqtt.subscribe-topic = MagTek/Device/DynaFlex/{Serial}", explicitTopics.OutputLine);
        Assert.Equal($"DEVICE   STATUS     TOPIC\n{Serial}  connected  MagTek/Server/DynaFlex/{Serial}/Status\n", devices.Output);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(new[] { Serial + " ok" }, Rows(all).Select(r => r[0] + " " + r[1]));
    }

    // The device rows of an --all table: cells split on runs of spaces (the detail column is not used).
    private static string[][] Rows(ProcessResult result)
    {
        string[] lines = result.OutputLine.Split('\n');
        return lines[1..^1].Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
    }
}
