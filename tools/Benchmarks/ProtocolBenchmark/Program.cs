// Protocol benchmark: Get and Set Property requests through the MMS codec, the request handler and
// the settings store, with logging off (the device's hot path), plus the serial path (SLIP decode,
// handler, SLIP encode; then the same through the serial service's Poll) and one telemetry payload. Prints requests per second, microseconds per
// request beside the time the exchange takes on the 115,200-baud UART, and the bytes allocated per
// request next to the size of the response array. The cases are those of the nanoCLR interpreter
// benchmark (tools/Benchmarks/NanoBenchmarks/InterpreterBenchmark.cs), so the two tables sit side by side.
//
//   dotnet run -c Release --project tools/Benchmarks/ProtocolBenchmark [-- ITERATIONS]

using System;
using System.Diagnostics;
using DeviceFirmware.Benchmarks;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

int iterations = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;

// NullLog drops every level and says so (IsEnabled is false), so no log line is built per request.
var store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator("bench01"), NullLog.Instance);
store.Load();
var handler = new MmsRequestHandler(store, NullLog.Instance);
var service = new MmsSerialService(handler, new BenchClock(), NullLog.Instance, MmsSerialService.DefaultIdleTimeoutMilliseconds);
var channel = new RamChannel();
var decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, handler.MaxMessageLength, MmsSerialService.DefaultIdleTimeoutMilliseconds);
byte[] frameBuffer = new byte[SlipFrameEncoder.MaxFrameLength(handler.MaxMessageLength)];
var payload = new TelemetryPayloadBuilder("7f3c9a2e", FixedSensor.Board());
var counters = new OutboxCounters(2, 1, 412, 11, 9, 0, 0, 1, 0);

byte[] getQos = MmsRequestBuilder.Get(0x55, PropertyIndex.MqttQos);
byte[] getQosFrame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, getQos);
byte[] getBroker = MmsRequestBuilder.Get(0x56, PropertyIndex.MqttBroker);
byte[] getBranch = MmsRequestBuilder.GetBranch(0x57, new byte[] { 1, 2, 2, 1, 2 }, 5);
byte[][] setQos = { MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 1 }, 0, 1), MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1) };
byte[] setSame = MmsRequestBuilder.Set(0x59, PropertyIndex.MqttKeepAlive, new byte[] { 0x00, 0x3C }, 0, 2);

var warmup = new Stopwatch();
Console.WriteLine($"DeviceFirmware protocol benchmark: {iterations:N0} requests per case, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"case",-42} {"requests/s",12} {"us/req",8} {"wire us",8} {"bytes alloc/req",16} {"response array",15}");
Run("Get mqtt.qos, handler only", i => getQos);
RunSlip("Get mqtt.qos, SLIP decode+handler+encode");
RunSerial("Get mqtt.qos, serial service Poll");
Run("Get mqtt.broker (64-byte text)", i => getBroker);
Run("Get branch 1.2.2.1.2 (10 leaves)", i => getBranch);
Run("Set mqtt.qos, alternating (writes)", i => setQos[i & 1]);
Run("Set mqtt.keepalive, unchanged", i => setSame);
RunPayload("Telemetry payload, 3 readings");

void Run(string name, Func<int, byte[]> request)
{
    // Warm up so the JIT has produced optimised code before measuring.
    int responseLength = 0;
    int wireBytes = 0;
    for (int i = 0; i < 20_000 || WarmingUp(); i++)
    {
        byte[] r = request(i);
        byte[] response = handler.Handle(r, 0, r.Length);
        responseLength = response.Length;
        wireBytes = SlipFrameEncoder.FrameLength(SlipFrame.InfoHostToDevice, r, 0, r.Length) + SlipFrameEncoder.FrameLength(SlipFrame.InfoDeviceToHost, response, 0, response.Length);
    }

    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < iterations; i++)
    {
        byte[] r = request(i);
        byte[] response = handler.Handle(r, 0, r.Length);
        if (response == null || response[10] != MmsStatus.SummaryOk)
        {
            throw new InvalidOperationException($"{name}: request failed");
        }
    }

    watch.Stop();
    Print(name, watch, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, wireBytes, $"{responseLength} B = {ArrayCost(responseLength)} B");
}

// The path the issue measures: SlipFrameDecoder.Feed, MmsRequestHandler.Handle, SlipFrameEncoder.Encode.
int DecodeHandleEncode()
{
    decoder.Feed(getQosFrame, 0, getQosFrame.Length, 0);
    byte[] response = handler.Handle(decoder.MessageBuffer, decoder.MessageOffset, decoder.MessageLength);
    return SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response, 0, response.Length, frameBuffer, 0);
}

void RunSlip(string name)
{
    byte[] expected = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, handler.Handle(getQos, 0, getQos.Length));
    int length = 0;
    for (int i = 0; i < 20_000 || WarmingUp(); i++)
    {
        length = DecodeHandleEncode();
    }

    if (!frameBuffer.AsSpan(0, length).SequenceEqual(expected))
    {
        throw new InvalidOperationException($"{name}: the answer differs from the encoded response");
    }

    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < iterations; i++)
    {
        DecodeHandleEncode();
    }

    watch.Stop();
    Print(name, watch, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, getQosFrame.Length + expected.Length, $"{expected.Length - 7} B = {ArrayCost(expected.Length - 7)} B");
}

void RunSerial(string name)
{
    byte[] expected = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, handler.Handle(getQos, 0, getQos.Length));
    for (int i = 0; i < 20_000 || WarmingUp(); i++)
    {
        channel.Load(getQosFrame);
        service.Poll(channel);
    }

    if (!channel.Written.AsSpan(0, channel.WrittenLength).SequenceEqual(expected))
    {
        throw new InvalidOperationException($"{name}: the serial answer differs from the encoded response");
    }

    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < iterations; i++)
    {
        channel.Load(getQosFrame);
        service.Poll(channel);
    }

    watch.Stop();
    Print(name, watch, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, getQosFrame.Length + expected.Length, $"{expected.Length - 7} B = {ArrayCost(expected.Length - 7)} B");
}

void RunPayload(string name)
{
    for (int i = 0; i < 20_000 || WarmingUp(); i++)
    {
        payload.Build(i, 120034, 1, counters, null);
    }

    int length = payload.Build(12, 120034, 1, counters, null).Length;

    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < iterations; i++)
    {
        payload.Build(i, 120034, 1, counters, null);
    }

    watch.Stop();
    // The payload alone, as it would cross the same wire.
    Print(name, watch, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, length, $"{length} B = {ArrayCost(length)} B");
}

// True for the first 300 ms of each case: tiered compilation promotes hot methods only after a delay.
bool WarmingUp()
{
    if (!warmup.IsRunning)
    {
        warmup.Restart();
    }

    if (warmup.ElapsedMilliseconds < 300)
    {
        return true;
    }

    warmup.Reset();
    return false;
}

void Print(string name, Stopwatch watch, long allocated, int wireBytes, string array)
{
    double seconds = watch.Elapsed.TotalSeconds;
    // 8N1: ten bits a byte at 115,200 baud.
    double wireMicroseconds = wireBytes * 10 * 1e6 / 115200;
    Console.WriteLine($"{name,-42} {iterations / seconds,12:N0} {seconds * 1e6 / iterations,8:N3} {wireMicroseconds,8:N0} {(double)allocated / iterations,16:N1} {array,15}");
}

// A byte[] on 64-bit .NET costs a 24-byte header plus its length, rounded up to 8.
static int ArrayCost(int length) => (24 + length + 7) / 8 * 8;
