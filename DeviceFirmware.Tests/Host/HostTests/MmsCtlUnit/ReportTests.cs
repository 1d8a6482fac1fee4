using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using DeviceFirmware.MmsCtl;
using DeviceFirmware.Protocol;
using Xunit;

namespace DeviceFirmware.Tests.Host.MmsCtlUnit;

/// <summary>
/// What --all and devices print (the tables, the JSON, the exit code a fleet run ends with) and the
/// pieces the broker channel is made of (payload encoding, answer matching), on hand-made results:
/// no broker, no device. Proves the formatting and the rules, not that a real run produces these results.
/// </summary>
public sealed class ReportTests
{
    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 0, 0, 0 }, 0)]
    [InlineData(new[] { 0, 1, 0 }, 1)]
    [InlineData(new[] { 0, 2, 0 }, 2)]
    [InlineData(new[] { 1, 2 }, 2)]
    [InlineData(new[] { 2, 1 }, 2)]
    public void FleetExitCode_TimeoutOutweighsFailure_OutweighsSuccess(int[] codes, int expected)
    {
        List<FleetResult> results = new();
        foreach (int code in codes)
        {
            results.Add(Result("d", code, null, 1));
        }

        Assert.Equal(expected, FleetReport.ExitCode(results));
    }

    [Fact]
    public void FleetText_IsATableAndASummaryLine()
    {
        List<FleetResult> results = new()
        {
            Result("dev-a", 0, null, 12.4, "mqtt.qos = 1 (at least once)"),
            Result("dev-bb", 2, "no answer from device dev-bb within 2000 ms", 2001.2, timedOut: true),
            Result("dev-c", 1, "set mqtt.qos: the device answered 80 020102", 8),
        };
        StringWriter output = new();

        FleetReport.PrintText(results, 2013.6, output);

        Assert.Equal(
            "DEVICE  RESULT                                       MS    DETAIL\n"
            + "dev-a   ok                                           12    mqtt.qos = 1 (at least once)\n"
            + "dev-bb  timeout                                      2001\n"
            + "dev-c   set mqtt.qos: the device answered 80 020102  8\n"
            + "3 devices: 1 ok, 2 failed (2014 ms)\n",
            output.ToString());
    }

    [Fact]
    public void FleetJson_HasOneObjectPerDevice_WithItsResultTimeAndReport()
    {
        List<FleetResult> results = new()
        {
            Result("dev-a", 0, null, 12.25, "mqtt.qos = 1 (at least once)"),
            Result("dev-b", 2, "no answer from device dev-b within 2000 ms", 2000.5, timedOut: true),
        };
        results[0].Conversation.Report.Set("value", 1);
        JsonReport top = new JsonReport().Set("command", "set").Set("broker", "127.0.0.1:1883");

        using JsonDocument doc = JsonDocument.Parse(FleetReport.Json(top, results, 2003.0).ToJson());

        JsonElement root = doc.RootElement;
        Assert.Equal("set", root.GetProperty("command").GetString());
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        Assert.Equal(1, root.GetProperty("okCount").GetInt32());
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(2, root.GetProperty("exitCode").GetInt32());
        JsonElement a = root.GetProperty("devices")[0];
        Assert.Equal("dev-a", a.GetProperty("device").GetString());
        Assert.Equal("ok", a.GetProperty("result").GetString());
        Assert.Equal(12.25, a.GetProperty("ms").GetDouble());
        Assert.Equal(1, a.GetProperty("value").GetInt32());
        JsonElement b = root.GetProperty("devices")[1];
        Assert.Equal("timeout", b.GetProperty("result").GetString());
        Assert.Equal(2, b.GetProperty("exitCode").GetInt32());
        Assert.Equal("no answer from device dev-b within 2000 ms", b.GetProperty("error").GetString());
    }

    [Fact]
    public void DevicesText_IsATable_AndEmptySaysSo()
    {
        List<DeviceStatus> devices = new()
        {
            new DeviceStatus("dev-a", "connected", "DeviceFirmware/Server/dev-a/Status"),
            new DeviceStatus("dev-long", "disconnected", "DeviceFirmware/Server/dev-long/Status"),
        };
        StringWriter output = new();
        StringWriter empty = new();

        DevicesCommand.Print(devices, StatusPattern.Default, json: false, output);
        DevicesCommand.Print(new List<DeviceStatus>(), StatusPattern.Default, json: false, empty);

        Assert.Equal(
            "DEVICE    STATUS        TOPIC\n"
            + "dev-a     connected     DeviceFirmware/Server/dev-a/Status\n"
            + "dev-long  disconnected  DeviceFirmware/Server/dev-long/Status\n",
            output.ToString());
        Assert.Equal("no device status on DeviceFirmware/Server/+/Status\n", empty.ToString());
    }

    [Fact]
    public void DevicesJson_IsAnArray()
    {
        StringWriter output = new();
        StringWriter empty = new();

        DevicesCommand.Print(new[] { new DeviceStatus("dev-a", "Connected", "DeviceFirmware/Server/dev-a/Status") }, StatusPattern.Default, json: true, output);
        DevicesCommand.Print(Array.Empty<DeviceStatus>(), StatusPattern.Default, json: true, empty);

        Assert.Equal("[{\"device\":\"dev-a\",\"status\":\"Connected\",\"connected\":true,\"topic\":\"DeviceFirmware/Server/dev-a/Status\"}]\n", output.ToString());
        Assert.Equal("[]\n", empty.ToString());
    }

    [Fact]
    public void Payload_IsUpperCaseHexByDefault_RawWithBinary_AndAnswersReadEitherWay()
    {
        byte[] seedGet = Convert.FromHexString("AA0081040155D101840FD1018501018704020201028902C300");

        Assert.Equal("AA0081040155D101840FD1018501018704020201028902C300", Encoding.ASCII.GetString(MqttPayload.Encode(seedGet, binary: false)));
        Assert.Same(seedGet, MqttPayload.Encode(seedGet, binary: true));
        Assert.Equal(seedGet, MqttPayload.Decode(seedGet));
        Assert.Equal(seedGet, MqttPayload.Decode(Encoding.ASCII.GetBytes(" aa0081040155d101840fd1018501018704020201028902c300\n")));
        Assert.Null(MqttPayload.Decode(Encoding.ASCII.GetBytes("connected")));
        Assert.Null(MqttPayload.Decode(Array.Empty<byte>()));
    }

    [Fact]
    public void Match_NeedsTheReferenceAndTheCommand_UnlessTheRequestHasNoHeader()
    {
        MmsRequestMatch match = MmsRequestMatch.For(MmsRequestBuilder.Get(0x55, DeviceFirmware.Settings.PropertyIndex.MqttQos));
        MmsReply answer = MmsReply.TryParse(Convert.FromHexString("AA0081048255D10182040000000084820010D1018501018704020201028903C30100"));
        MmsReply otherReference = MmsReply.TryParse(Convert.FromHexString("AA0081048256D10182040000000084820010D1018501018704020201028903C30100"));
        MmsReply otherCommand = MmsReply.TryParse(Convert.FromHexString("AA0081048255D11182040000000084820010D1118501018704020201028903C30100"));

        Assert.Equal(0x55, match.Reference);
        Assert.True(match.Accepts(answer));
        Assert.False(match.Accepts(otherReference));
        Assert.False(match.Accepts(otherCommand));
        Assert.False(match.Accepts(null));
        Assert.True(MmsRequestMatch.For(new byte[] { 0x01, 0x02 }).Accepts(otherReference));
    }

    [Fact]
    public void TextTable_PadsEveryColumnButTheLast()
    {
        List<string> lines = new TextTable("A", "BB", "C").Add("long cell", null, "x").Add("y").Lines();

        Assert.Equal(new[] { "A          BB  C", "long cell      x", "y" }, lines);
    }

    private static FleetResult Result(string device, int code, string error, double ms, string line = null, bool timedOut = false)
    {
        Conversation conversation = new(new JsonReport(), json: true);
        if (line != null)
        {
            conversation.Text(line);
        }

        if (error != null)
        {
            conversation.Fail(new MmsCtlException(error, code));
        }

        conversation.ExitCode = code;
        return new FleetResult(device, conversation, ms, timedOut);
    }
}
