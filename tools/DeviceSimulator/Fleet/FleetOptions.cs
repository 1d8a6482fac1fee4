using System;
using System.Globalization;
using System.IO;
using DeviceFirmware.Settings;

namespace DeviceFirmware.DeviceSimulator.Fleet;

/// <summary>
/// What a fleet (<c>--devices N --flash-dir DIR</c>) was started with, and how each device's ID and
/// flash file follow from it: device <c>n</c> (1 to N) is <c>PREFIX-nnnn</c> (four digits, more when N
/// needs them) with its flash in <c>DIR/PREFIX-nnnn.flash</c>, so a restart on the same directory
/// finds every device's settings again.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>Device ID prefix when <c>--device-id</c> is not given.</summary>
    public const string DefaultIdPrefix = "sim";

    /// <summary>Most devices one process runs (each has an MQTT connection and a few threads).</summary>
    public const int MaxDevices = 10000;

    /// <summary>Digits of the device number at least: <c>sim-0001</c>.</summary>
    public const int MinDigits = 4;

    /// <summary>Extension of each device's flash file.</summary>
    public const string FlashExtension = ".flash";

    /// <summary>Default time between two summary lines.</summary>
    public const int DefaultSummaryIntervalMilliseconds = 10000;

    /// <summary>Number of devices, 2 to <see cref="MaxDevices"/>.</summary>
    public int Count { get; init; }

    /// <summary>Directory of the flash files (created when missing).</summary>
    public string FlashDirectory { get; init; }

    /// <summary>Device ID prefix.</summary>
    public string IdPrefix { get; init; } = DefaultIdPrefix;

    /// <summary>The first device's pty link, or null: fleet devices have no UART otherwise.</summary>
    public string SerialPath { get; init; }

    /// <summary>What every device shares: interval, broker, CA file, rollback timeout.</summary>
    public SimulatorOptions Shared { get; init; } = new();

    /// <summary>Time between two summary lines.</summary>
    public int SummaryIntervalMilliseconds { get; init; } = DefaultSummaryIntervalMilliseconds;

    /// <summary>Digits of the device number: four, or as many as <see cref="Count"/> has.</summary>
    public int Digits => Math.Max(MinDigits, Count.ToString(CultureInfo.InvariantCulture).Length);

    /// <summary>The ID of device <paramref name="number"/> (1 to <see cref="Count"/>).</summary>
    public string DeviceId(int number) => IdPrefix + "-" + number.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');

    /// <summary>The options of device <paramref name="number"/> (1 to <see cref="Count"/>).</summary>
    public SimulatorOptions ForDevice(int number)
    {
        string id = DeviceId(number);
        return new SimulatorOptions
        {
            SerialPath = number == 1 ? SerialPath : null,
            FlashPath = Path.Combine(FlashDirectory, id + FlashExtension),
            IntervalMilliseconds = Shared.IntervalMilliseconds,
            BrokerHost = Shared.BrokerHost,
            BrokerPort = Shared.BrokerPort,
            DeviceId = id,
            CaFile = Shared.CaFile,
            RollbackTimeoutSeconds = Shared.RollbackTimeoutSeconds,
        };
    }

    /// <summary>
    /// Checks that <paramref name="prefix"/> makes valid device IDs for <paramref name="count"/>
    /// devices: letters, digits, '-' and '_', and the whole ID within the core's 16 characters.
    /// </summary>
    public static bool TryCheckPrefix(string prefix, int count, out string problem)
    {
        problem = null;
        int digits = Math.Max(MinDigits, count.ToString(CultureInfo.InvariantCulture).Length);
        int room = SettingsDefaults.MaxDeviceIdLength - 1 - digits;
        if (prefix.Length == 0 || prefix.Length > room)
        {
            problem = $"the device ID prefix must be 1 to {room} characters with {count} devices (IDs are PREFIX-{new string('n', digits)}, at most {SettingsDefaults.MaxDeviceIdLength})";
            return false;
        }

        foreach (char c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                problem = "the device ID prefix may hold only letters, digits, '-' and '_'";
                return false;
            }
        }

        return true;
    }
}
