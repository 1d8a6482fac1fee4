using System.Linq;
using DeviceFirmware.DeviceSimulator;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Telemetry;
using Xunit;

namespace DeviceFirmware.Tests.Host.Simulator;

/// <summary>The simulated sensors: names, and a free heap an ESP32 could report.</summary>
public sealed class SimulatedSensorsTests
{
    /// <summary>Proves the payload's sensor names and order are those of earlier versions.</summary>
    [Fact]
    public void TheSensorsAreNamedAsBefore()
    {
        ISensor[] sensors = SimulatedSensors.Create(new StopwatchClock(), "sim-0001");

        Assert.Equal(new[] { "temp_c", "humidity_pct", "wifi_rssi_dbm", "uptime_s", "free_heap_bytes" }, sensors.Select(s => s.Name));
    }

    /// <summary>
    /// Proves that free_heap_bytes stays within 8 KB of a per-device figure between 120 and 160 KB (not
    /// the host's gigabytes), that a device ID gives the same readings on every run, and that devices
    /// differ. It does not prove the figure matches a particular board.
    /// </summary>
    [Fact]
    public void FreeHeap_IsAnEsp32Figure_ThatEachDeviceRepeats()
    {
        long[] first = Readings("sim-0001", 500);
        long[] again = Readings("sim-0001", 500);
        long[] other = Readings("sim-0002", 500);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first.Concat(other), bytes => Assert.InRange(bytes, FreeHeapSensor.MinBaseBytes - FreeHeapSensor.MaxDriftBytes, FreeHeapSensor.MaxBaseBytes + FreeHeapSensor.MaxDriftBytes));
        Assert.True(first.Distinct().Count() > 100, "the reading drifts");
        Assert.InRange(first.Max() - first.Min(), 1, 2 * FreeHeapSensor.MaxDriftBytes);
    }

    /// <summary>Proves that the free heap's own random stream leaves the other readings as they were: the temperature sequence does not depend on it.</summary>
    [Fact]
    public void FreeHeap_DoesNotChangeTheOtherReadings()
    {
        ISensor[] withHeap = SimulatedSensors.Create(new StopwatchClock(), "sim-0001");
        ISensor[] again = SimulatedSensors.Create(new StopwatchClock(), "sim-0001");
        long[] temperatures = new long[50];
        long[] temperaturesWithoutHeapReads = new long[50];
        for (int i = 0; i < 50; i++)
        {
            withHeap[0].TryRead(out temperatures[i]);
            withHeap[4].TryRead(out _);
            again[0].TryRead(out temperaturesWithoutHeapReads[i]);
        }

        Assert.Equal(temperaturesWithoutHeapReads, temperatures);
    }

    private static long[] Readings(string deviceId, int count)
    {
        ISensor heap = SimulatedSensors.Create(new StopwatchClock(), deviceId)[4];
        long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            Assert.True(heap.TryRead(out values[i]));
        }

        return values;
    }
}
