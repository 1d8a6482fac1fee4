using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Infrastructure.Processes;

// Serial benchmark: starts the simulator on a fresh flash file, runs `mmsctl get mqtt.qos --repeat N`
// (one persistent session) over its pseudo-terminal, and compares the measured round-trip time with
// the time the same request and response frames take on a real UART at 115200 baud (8N1: 10 bits a byte).
//
//   dotnet run -c Release --project tools/Benchmarks/SerialBenchmark -- [--repeat N] [--runs R] [--baud B]

int repeat = 2000;
int runs = 5;
int baud = 115200;
for (int i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--baud": baud = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
    }
}

string bin = AppContext.BaseDirectory;
string directory = Path.Combine(Path.GetTempPath(), "df-serial-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
string serial = Path.Combine(directory, "tty");

// Wire bytes of one round trip: the Get request and its 34-byte response, each in a SLIP frame.
// Reference 0x55 as in the seed frames; a reference of C0 or DB would add one escape byte.
byte[] request = MmsRequestBuilder.Get(0x55, PropertyIndex.MqttQos);
byte[] response = Convert.FromHexString("AA0081048255D10182040000000084820010D1018501018704020201028903C30100");
int requestFrame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, request).Length;
int responseFrame = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response).Length;
int wireBytes = requestFrame + responseFrame;
double wireMs = wireBytes * 10 * 1000.0 / baud;

double deviceMicroseconds = MeasureDeviceSide(request, Path.Combine(directory, "inproc-flash.bin"));

Process simulator = Start(Path.Combine(bin, "DeviceSimulator.dll"), "--serial", serial, "--flash", Path.Combine(directory, "flash.bin"), "--broker", "127.0.0.1:1", "--interval", "600000");
try
{
    WaitForReady(simulator, "serial: " + serial, TimeSpan.FromSeconds(60));

    // One short warm-up run: JIT in both processes.
    Measure(bin, serial, 200);
    List<double> rates = new();
    for (int run = 0; run < runs; run++)
    {
        rates.Add(Measure(bin, serial, repeat));
    }

    string each = string.Join(", ", rates.ConvertAll(rate => rate.ToString("F0", CultureInfo.InvariantCulture)));
    rates.Sort();
    double best = rates[^1];
    double median = rates[rates.Count / 2];
    double ptyMs = 1000.0 / median;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Serial round trips: get mqtt.qos, {repeat} per run, {runs} runs, one mmsctl session per run"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  frames on the wire   request {requestFrame} B + response {responseFrame} B = {wireBytes} B = {wireBytes * 10} bits"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pseudo-terminal      {median:F0} round trips/s median (best {best:F0}; runs: {each}), {ptyMs:F3} ms each"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  UART at {baud} baud  {1000.0 / wireMs:F0} round trips/s at most, {wireMs:F3} ms wire time each"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio                host+simulator time per round trip = {ptyMs / wireMs * 100:F1} % of the wire time"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  device side alone    SLIP decode + handler + SLIP encode in-process: {deviceMicroseconds:F2} us per Get = {deviceMicroseconds / 1000 / wireMs * 100:F2} % of the wire time"));
}
finally
{
    if (!simulator.HasExited)
    {
        simulator.Kill();
    }

    simulator.WaitForExit();
    Directory.Delete(directory, recursive: true);
}

// The simulator's own work per request, without processes or the pty: one Poll of the device's
// MmsSerialService (the loop body of its SerialLink) over an in-memory channel that delivers one
// request frame per read: decode, handle, encode and write the answer. Timed over many frames after
// a warm-up; the log drops everything (NullLog), as the simulator's drops debug lines.
static double MeasureDeviceSide(byte[] request, string flashPath)
{
    SettingsStore store = new(new FileFlashStorage(flashPath), SettingsDefaults.ForSimulator("bench"), NullLog.Instance);
    store.Load();
    MmsRequestHandler handler = new(store, NullLog.Instance);
    MmsSerialService service = new(handler, new StopwatchClock(), NullLog.Instance, MmsSerialService.DefaultIdleTimeoutMilliseconds);
    FrameChannel channel = new(SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, request));
    for (int i = 0; i < 20_000; i++)
    {
        service.Poll(channel);
    }

    const int Count = 200_000;
    int framesBefore = service.FramesReceived;
    Stopwatch watch = Stopwatch.StartNew();
    for (int i = 0; i < Count; i++)
    {
        service.Poll(channel);
    }

    watch.Stop();
    if (service.FramesReceived - framesBefore != Count || channel.Answers < Count)
    {
        throw new InvalidOperationException($"the serial service answered {channel.Answers} of {Count} frames");
    }

    return watch.Elapsed.TotalMilliseconds * 1000 / Count;
}

static double Measure(string bin, string serial, int count)
{
    Process mmsctl = Start(Path.Combine(bin, "mmsctl.dll"), "--port", serial, "--timeout", "10000", "--json", "get", "mqtt.qos", "--repeat", count.ToString(CultureInfo.InvariantCulture));
    string output = mmsctl.StandardOutput.ReadToEnd();
    mmsctl.WaitForExit();
    if (mmsctl.ExitCode != 0)
    {
        throw new InvalidOperationException($"mmsctl exited {mmsctl.ExitCode}: {output} {mmsctl.StandardError.ReadToEnd()}");
    }

    using JsonDocument json = JsonDocument.Parse(output);
    return json.RootElement.GetProperty("roundTripsPerSecond").GetDouble();
}

static Process Start(string dll, params string[] arguments) => Process.Start(DotnetTool.StartInfo(dll, arguments))!;

static void WaitForReady(Process process, string line, TimeSpan limit)
{
    Stopwatch watch = Stopwatch.StartNew();
    while (watch.Elapsed < limit)
    {
        System.Threading.Tasks.Task<string> next = process.StandardOutput.ReadLineAsync();
        if (!next.Wait(limit - watch.Elapsed))
        {
            break;
        }

        string read = next.Result;
        if (read == null)
        {
            throw new InvalidOperationException("the simulator exited: " + process.StandardError.ReadToEnd());
        }

        if (read == line)
        {
            // Keep draining its log so it never blocks on a full pipe.
            process.BeginErrorReadLine();
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return;
        }
    }

    throw new TimeoutException("the simulator did not become ready");
}

/// <summary>An in-memory serial channel for the device-side measurement: every read returns the same request frame, every write counts as one answer.</summary>
internal sealed class FrameChannel : ISerialChannel
{
    private readonly byte[] _frame;

    public FrameChannel(byte[] frame) => _frame = frame;

    /// <summary>Writes so far: one per answered request.</summary>
    public long Answers { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _frame.Length);
        Array.Copy(_frame, 0, buffer, offset, n);
        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => Answers++;

    public void Dispose()
    {
    }
}
