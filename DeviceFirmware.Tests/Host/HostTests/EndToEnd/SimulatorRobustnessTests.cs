using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Protocol;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// Line noise into the simulator's pseudo-terminal: it stays up, answers the next valid request, and
/// the noise changed nothing it keeps (every property as the device reports it, the flash file byte
/// for byte).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorRobustnessTests : IDisposable
{
    private const string GetQosResponse = "AA0081048242D10182040000000084820010D1018501018704020201028903C30100";

    private readonly string _directory = ToolProcesses.NewDirectory("noise");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TenThousandRandomBursts_LeaveTheSimulatorAnswering()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(
            Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"), "--broker", "127.0.0.1:1", "--interval", "60000");
        // A Set first, so the flash file holds a record the noise could damage; then the device's
        // whole state as seen from outside: every property through one branch Get, and the file.
        ProcessResult set = RunMmsCtl(simulator, "set", "mqtt.keepalive", "45");
        Assert.True(set.ExitCode == 0, set + "\n" + simulator);
        ProcessResult listBefore = RunMmsCtl(simulator, "list");
        Assert.True(listBefore.ExitCode == 0, listBefore + "\n" + simulator);
        Assert.Equal(Enumerable.Range(0, PropertyTable.Count).Count(i => PropertyTable.Get(i).OidArc(0) == PropertyTable.DeviceSettingsType), listBefore.OutputLine.Split('\n').Length);
        Assert.Contains("mqtt.keepalive = 45", listBefore.Output);
        byte[] flashBefore = File.ReadAllBytes(simulator.FlashPath);
        Assert.NotEmpty(flashBefore);

        Random random = new(20261121);
        long written = 0;
        using (TermiosSerialPort port = TermiosSerialPort.Open(simulator.SerialPath))
        {
            // Drain whatever the device says back (answers to noise that happens to look like a frame
            // header, such as info 03 for an oversized length), so its writes never back up.
            using CancellationTokenSource stop = new();
            Task drain = Task.Run(() =>
            {
                byte[] sink = new byte[4096];
                while (!stop.IsCancellationRequested)
                {
                    port.Read(sink, 0, sink.Length, 50);
                }
            });

            byte[] burst = new byte[96];
            for (int i = 0; i < 10_000; i++)
            {
                int length = random.Next(1, burst.Length + 1);
                random.NextBytes(burst.AsSpan(0, length));
                if (i % 7 == 0)
                {
                    burst[random.Next(length)] = 0xC0; // plenty of delimiters, so frames start and end everywhere
                }

                if (i % 11 == 0)
                {
                    burst[random.Next(length)] = 0xDB;
                }

                port.Write(burst, 0, length);
                written += length;
            }

            stop.Cancel();
            await drain;

            // A valid Get behind all that noise in the same byte stream: its answer proves the
            // simulator consumed every burst before it (closing the port could discard unread bytes).
            byte[] request = MmsRequestBuilder.Get(0x42, PropertyIndex.MqttQos);
            byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, request);
            port.Write(frame, 0, frame.Length);
            Assert.Equal(GetQosResponse, Convert.ToHexString(ReadResponse(port, 0x42, TimeSpan.FromSeconds(60))));
        }

        Assert.False(simulator.HasExited, simulator.ToString());
        ProcessResult get = RunMmsCtl(simulator, "get", "mqtt.qos");
        Assert.True(get.ExitCode == 0, get + "\n" + simulator);
        Assert.Equal("mqtt.qos = 0 (at most once)", get.OutputLine);

        // Nothing the device keeps was touched: the same answer for every property, the same flash bytes.
        ProcessResult listAfter = RunMmsCtl(simulator, "list");
        Assert.True(listAfter.ExitCode == 0, listAfter + "\n" + simulator);
        Assert.Equal(listBefore.Output, listAfter.Output);
        Assert.Equal(Convert.ToHexString(flashBefore), Convert.ToHexString(File.ReadAllBytes(simulator.FlashPath)));
        Assert.False(simulator.HasExited);
        Assert.True(written > 400_000, $"wrote {written} bytes");
    }

    private static ProcessResult RunMmsCtl(SimulatorProcess simulator, params string[] args)
    {
        string[] all = new string[args.Length + 4];
        all[0] = "--port";
        all[1] = simulator.SerialPath;
        all[2] = "--timeout";
        all[3] = "10000";
        args.CopyTo(all, 4);
        return ToolProcesses.RunMmsCtl(all);
    }

    private static byte[] ReadResponse(TermiosSerialPort port, byte reference, TimeSpan limit)
    {
        SlipFrameDecoder decoder = new(SlipDirection.DeviceToHost, 4096, 1000);
        byte[] buffer = new byte[4096];
        Stopwatch watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            int count = port.Read(buffer, 0, buffer.Length, 200);
            int offset = 0;
            while (offset < count)
            {
                offset += decoder.Feed(buffer, offset, count - offset, Environment.TickCount64);
                if (decoder.Result == SlipDecodeResult.Frame && decoder.Info == SlipFrame.InfoDeviceToHost)
                {
                    byte[] message = decoder.CopyMessage();
                    if (message.Length > 5 && message[5] == reference)
                    {
                        return message;
                    }
                }
            }
        }

        throw new TimeoutException("no answer to the Get sent after the noise");
    }
}
