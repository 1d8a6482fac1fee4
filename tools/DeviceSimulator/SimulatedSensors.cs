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
/// Free heap as a nanoFramework ESP32 reports it: each device settles around its own figure between
/// <see cref="MinBaseBytes"/> and <see cref="MaxBaseBytes"/> (an ESP32-WROOM without PSRAM leaves the
/// managed heap a little over 100 KB, and what is free depends on the application) and drifts by a few
/// hundred bytes between readings, as allocations come and go. Not the host's memory: a PC's
/// gigabytes would make every dashboard of a real fleet wrong.
/// </summary>
/// <remarks>Seeded per device (its own stream, so the other sensors' readings are those of earlier versions).</remarks>
internal sealed class FreeHeapSensor : ISensor
{
    /// <summary>Smallest base figure a device gets.</summary>
    public const int MinBaseBytes = 120 * 1024;

    /// <summary>Largest base figure a device gets (exclusive).</summary>
    public const int MaxBaseBytes = 160 * 1024;

    /// <summary>Furthest a reading strays from the device's base figure.</summary>
    public const int MaxDriftBytes = 8 * 1024;

    private readonly DriftingSensor _drift;

    /// <summary>Creates the sensor for one device.</summary>
    /// <param name="random">The device's own randomness for this sensor.</param>
    public FreeHeapSensor(Random random)
    {
        BaseBytes = random.Next(MinBaseBytes, MaxBaseBytes);
        _drift = new DriftingSensor(Name, 0, BaseBytes, 512, 256, BaseBytes - MaxDriftBytes, BaseBytes + MaxDriftBytes, random);
    }

    /// <summary>The figure this device's readings wander around.</summary>
    public int BaseBytes { get; }

    /// <inheritdoc />
    public string Name => "free_heap_bytes";

    /// <inheritdoc />
    public int Decimals => 0;

    /// <inheritdoc />
    public bool TryRead(out long scaledValue) => _drift.TryRead(out scaledValue);
}

/// <summary>The simulator's sensor set.</summary>
internal static class SimulatedSensors
{
    /// <summary>
    /// Temperature around 21.5 °C, relative humidity around 45 %, a WiFi signal around -61 dBm, and, named
    /// as on the ESP32, uptime and free heap (an ESP32's figure, see <see cref="FreeHeapSensor"/>).
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
            new FreeHeapSensor(new Random(unchecked(StableSeed(deviceId) ^ FreeHeapSeedSalt))),
        };
    }

    // Gives the free heap its own random stream: drawing from the shared one would change the
    // temperature, humidity and RSSI sequences every device has had so far.
    private const int FreeHeapSeedSalt = 0x4845_4150; // "HEAP"

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
