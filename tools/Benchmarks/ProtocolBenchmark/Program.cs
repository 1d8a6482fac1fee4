// Protocol benchmark: Get and Set Property requests through the MMS codec, the request handler and
// the settings store, with logging off (the device's hot path). Prints requests per second and the
// bytes allocated per request, next to the size of the response array for comparison.
//
//   dotnet run -c Release --project tools/Benchmarks/ProtocolBenchmark [-- ITERATIONS]

using System;
using System.Diagnostics;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

int iterations = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;

// NullLog drops every level and says so (IsEnabled is false), so no log line is built per request.
var store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator("bench01"), NullLog.Instance);
store.Load();
var handler = new MmsRequestHandler(store, NullLog.Instance);

byte[] getQos = MmsRequestBuilder.Get(0x55, PropertyIndex.MqttQos);
byte[] getBroker = MmsRequestBuilder.Get(0x56, PropertyIndex.MqttBroker);
byte[] getBranch = MmsRequestBuilder.GetBranch(0x57, new byte[] { 1, 2, 2, 1, 2 }, 5);
byte[][] setQos = { MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 1 }, 0, 1), MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1) };
byte[] setSame = MmsRequestBuilder.Set(0x59, PropertyIndex.MqttKeepAlive, new byte[] { 0x00, 0x3C }, 0, 2);

Console.WriteLine($"DeviceFirmware protocol benchmark: {iterations:N0} requests per case, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"case",-34} {"requests/s",14} {"bytes alloc/req",16} {"response array",15}");
Run("Get mqtt.qos (seed frame)", i => getQos);
Run("Get mqtt.broker (64-byte text)", i => getBroker);
Run("Get branch 1.2.2.1.2 (10 leaves)", i => getBranch);
Run("Set mqtt.qos, alternating (writes)", i => setQos[i & 1]);
Run("Set mqtt.keepalive, unchanged", i => setSame);

void Run(string name, Func<int, byte[]> request)
{
    // Warm up so the JIT has produced optimised code before measuring.
    int responseLength = 0;
    for (int i = 0; i < 20_000; i++)
    {
        byte[] r = request(i);
        responseLength = handler.Handle(r, 0, r.Length).Length;
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
    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    // A byte[] on 64-bit .NET costs a 24-byte header plus its length, rounded up to 8.
    int arrayCost = (24 + responseLength + 7) / 8 * 8;
    Console.WriteLine($"{name,-34} {iterations / watch.Elapsed.TotalSeconds,14:N0} {(double)allocated / iterations,16:N1} {$"{responseLength} B = {arrayCost} B",15}");
}
