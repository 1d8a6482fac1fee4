using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Serial;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// mmsctl against a scripted device on a pseudo-terminal: reference numbers, ignored stale or foreign
/// responses, and the SLIP "message too big" answer.
/// </summary>
public sealed class MmsCtlMatchingTests : IDisposable
{
    private const string QosValue = "D1018501018704020201028903C30101";

    private readonly PseudoTerminal _pty = PseudoTerminal.Open();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _requests = new();
    private Task _device;

    public void Dispose()
    {
        _stop.Cancel();
        _device?.Wait(TimeSpan.FromSeconds(5));
        _pty.Dispose();
    }

    [Fact]
    public void ResponsesWithAnotherReferenceOrCommand_AreIgnored_UntilTheMatchingOne()
    {
        Serve(request => new[]
        {
            Response((byte)(request[5] + 1), 0xD101, QosValue),  // someone else's reference
            Response(request[5], 0xD111, QosValue),              // right reference, wrong command
            Response(request[5], 0xD101, QosValue),              // the answer
        });

        CliResult result = CliResult.Run("--port", _pty.SlavePath, "--timeout", "5000", "get", "mqtt.qos");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("mqtt.qos = 1 (at least once)", result.OutputLine);
    }

    [Fact]
    public void OnlyForeignResponses_EndInATimeout()
    {
        Serve(request => new[] { Response((byte)(request[5] ^ 0xFF), 0xD101, QosValue) });

        CliResult result = CliResult.Run("--port", _pty.SlavePath, "--timeout", "600", "get", "mqtt.qos");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"mmsctl: no response from {_pty.SlavePath} within 600 ms\n", result.Error);
    }

    [Fact]
    public void Repeat_UsesAFreshReferenceForEveryRequest()
    {
        Serve(request => new[] { Response(request[5], 0xD101, QosValue) });

        CliResult result = CliResult.Run("--port", _pty.SlavePath, "--timeout", "5000", "get", "mqtt.qos", "--repeat", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        lock (_requests)
        {
            Assert.Equal(300, _requests.Count);
            for (int i = 1; i < _requests.Count; i++)
            {
                Assert.Equal((byte)(_requests[i - 1][5] + 1), _requests[i][5]);
            }
        }
    }

    [Fact]
    public void TooBigAnswer_IsReportedClearly_WithExit1()
    {
        byte[] tooBig = SlipFrameEncoder.EncodeOverMaximum(1024);
        Serve(_ => new[] { tooBig }, rawFrames: true);

        CliResult result = CliResult.Run("--port", _pty.SlavePath, "--timeout", "5000", "set", "mqtt.broker", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mmsctl: set mqtt.broker: the device refused the message as too big (SLIP info 03): its maximum is 1024 bytes, the message has ", result.Error);
    }

    [Fact]
    public void OversizedRawMessage_ToTheRealSerialService_GetsTheTooBigAnswer()
    {
        using InProcessDevice device = new();
        string hex = "AA00" + new string('0', 2 * 1100);

        CliResult result = device.MmsCtl("raw", hex);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mmsctl: raw: the device refused the message as too big (SLIP info 03): its maximum is 1024 bytes, the message has 1102\n", result.Error);
    }

    private static byte[] Response(byte reference, int command, string payloadHex)
    {
        byte[] payload = Convert.FromHexString(payloadHex);
        byte[] message = new byte[18 + payload.Length];
        byte[] head = { 0xAA, 0x00, 0x81, 0x04, 0x82, reference, (byte)(command >> 8), (byte)command, 0x82, 0x04, 0, 0, 0, 0, 0x84, 0x82, 0x00, (byte)payload.Length };
        head.CopyTo(message, 0);
        payload.CopyTo(message, head.Length);
        return message;
    }

    // Answers every request frame with the messages (or raw frames) the script returns for it.
    private void Serve(Func<byte[], byte[][]> script, bool rawFrames = false)
    {
        _device = Task.Run(() =>
        {
            SlipFrameDecoder decoder = new(SlipDirection.HostToDevice, 4096, 1000);
            byte[] buffer = new byte[4096];
            while (!_stop.IsCancellationRequested)
            {
                int count = _pty.Read(buffer, 0, buffer.Length, 50);
                int offset = 0;
                while (offset < count)
                {
                    offset += decoder.Feed(buffer, offset, count - offset, Environment.TickCount64);
                    if (decoder.Result != SlipDecodeResult.Frame)
                    {
                        continue;
                    }

                    byte[] request = decoder.CopyMessage();
                    lock (_requests)
                    {
                        _requests.Add(request);
                    }

                    foreach (byte[] answer in script(request))
                    {
                        byte[] frame = rawFrames ? answer : SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, answer);
                        _pty.Write(frame, 0, frame.Length);
                    }
                }
            }
        });
    }
}
