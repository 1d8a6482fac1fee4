using System;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>A reading that wanders around a set point: a slow random walk pulled back to the centre, plus noise.</summary>
internal sealed class DriftingSensor : ISensor
{
    private readonly object _sync = new();
    private readonly Random _random;
    private readonly double _centre;
    private readonly double _step;
    private readonly double _noise;
    private readonly double _min;
    private readonly double _max;
    private readonly double _scale;
    private double _drift;

    /// <summary>Creates the sensor.</summary>
    /// <param name="name">JSON member name.</param>
    /// <param name="decimals">Decimal places of the reading.</param>
    /// <param name="centre">Value it wanders around.</param>
    /// <param name="step">Largest change of the slow drift per reading.</param>
    /// <param name="noise">Largest reading-to-reading noise.</param>
    /// <param name="min">Smallest value reported.</param>
    /// <param name="max">Largest value reported.</param>
    /// <param name="random">Randomness (seeded per device, so a device's readings are reproducible).</param>
    public DriftingSensor(string name, int decimals, double centre, double step, double noise, double min, double max, Random random)
    {
        Name = name;
        Decimals = decimals;
        _centre = centre;
        _step = step;
        _noise = noise;
        _min = min;
        _max = max;
        _random = random;
        _scale = Math.Pow(10, decimals);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Decimals { get; }

    /// <inheritdoc />
    public bool TryRead(out long scaledValue)
    {
        lock (_sync)
        {
            // Random walk with a pull of 10 % back towards the centre, so it never runs away.
            _drift = (_drift * 0.9) + ((_random.NextDouble() * 2) - 1) * _step;
            double value = _centre + _drift + ((_random.NextDouble() * 2) - 1) * _noise;
            value = Math.Clamp(value, _min, _max);
            scaledValue = (long)Math.Round(value * _scale);
            return true;
        }
    }
}

/// <summary>Seconds since the simulator started.</summary>
internal sealed class UptimeSensor : ISensor
{
    private readonly DeviceFirmware.Runtime.IClock _clock;

    public UptimeSensor(DeviceFirmware.Runtime.IClock clock) => _clock = clock;

    /// <inheritdoc />
    public string Name => "uptime_s";

    /// <inheritdoc />
    public int Decimals => 0;

    /// <inheritdoc />
    public bool TryRead(out long scaledValue)
    {
        scaledValue = _clock.UptimeMilliseconds / 1000;
        return true;
    }
}

/// <summary>
/// The process's free memory, standing in for the ESP32's free heap: how much more the process may
/// use (the runtime's memory limit less the working set), in bytes.
/// </summary>
internal sealed class FreeMemorySensor : ISensor
{
    /// <inheritdoc />
    public string Name => "free_heap_bytes";

    /// <inheritdoc />
    public int Decimals => 0;

    /// <inheritdoc />
    public bool TryRead(out long scaledValue)
    {
        try
        {
            long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            scaledValue = Math.Max(0, available - Environment.WorkingSet);
            return true;
        }
        catch (Exception)
        {
            scaledValue = 0;
            return false;
        }
    }
}

/// <summary>The simulator's sensor set.</summary>
internal static class SimulatedSensors
{
    /// <summary>
    /// Temperature around 21.5 °C, relative humidity around 45 %, a WiFi signal around -61 dBm, and, named
    /// as on the ESP32, uptime and free memory.
    /// </summary>
    /// <remarks>Seeded by the device ID: a device's simulated readings are the same on every run.</remarks>
    public static ISensor[] Create(DeviceFirmware.Runtime.IClock clock, string deviceId)
    {
        Random random = new(StableSeed(deviceId));
        return new ISensor[]
        {
            new DriftingSensor("temp_c", 2, 21.5, 0.05, 0.05, -40, 85, random),
            new DriftingSensor("humidity_pct", 1, 45.0, 0.3, 0.2, 0, 100, random),
            new DriftingSensor("wifi_rssi_dbm", 0, -61, 1.0, 1.5, -95, -30, random),
            new UptimeSensor(clock),
            new FreeMemorySensor(),
        };
    }

    private static int StableSeed(string text)
    {
        int seed = 17;
        foreach (char c in text)
        {
            seed = unchecked((seed * 31) + c);
        }

        return seed;
    }
}
