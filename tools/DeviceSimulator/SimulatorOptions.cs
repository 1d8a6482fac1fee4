using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using DeviceFirmware.Settings;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>What the simulator was started with.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Default telemetry interval.</summary>
    public const int DefaultIntervalMilliseconds = 5000;

    /// <summary>Default time remote connection settings get to reach a broker: the core's 5 minutes.</summary>
    public const int DefaultRollbackTimeoutSeconds = DeviceFirmware.RemoteConfig.ConnectionTrial.DefaultTimeoutMilliseconds / 1000;

    /// <summary>Longest rollback timeout: the core counts it in milliseconds in an int.</summary>
    public const int MaxRollbackTimeoutSeconds = int.MaxValue / 1000;

    /// <summary>Where the pseudo-terminal's link goes (as given on the command line); null for a device without a UART (a fleet device).</summary>
    public string SerialPath { get; init; }

    /// <summary>The flash image file.</summary>
    public string FlashPath { get; init; }

    /// <summary>Telemetry interval in milliseconds.</summary>
    public int IntervalMilliseconds { get; init; } = DefaultIntervalMilliseconds;

    /// <summary>Factory-default broker host, or null for the simulator profile's 127.0.0.1.</summary>
    public string BrokerHost { get; init; }

    /// <summary>Factory-default broker port, or 0 for the profile's 1883.</summary>
    public int BrokerPort { get; init; }

    /// <summary>Device ID, or null to derive one from the flash path.</summary>
    public string DeviceId { get; init; }

    /// <summary>
    /// PEM file of the certificate authorities trusted for a TLS broker (port 8883), or null for
    /// OpenSSL's default trust store. Read by Paho at each TLS connect.
    /// </summary>
    public string CaFile { get; init; }

    /// <summary>
    /// Seconds connection settings changed over MQTT get to reach a broker before the previous ones
    /// come back (<see cref="DeviceFirmware.Composition.DeviceOptions.ConnectionTrialMilliseconds"/>).
    /// </summary>
    public int RollbackTimeoutSeconds { get; init; } = DefaultRollbackTimeoutSeconds;

    /// <summary>The device ID in use: the one given, or <c>sim-</c> and eight hex digits of the flash file's full path hashed.</summary>
    public string EffectiveDeviceId => DeviceId ?? DeriveDeviceId(FlashPath);

    /// <summary>
    /// The simulated device's identity: its device ID, the serial number derived from it (the first
    /// seven hex digits of the CRC-32 of the ID's ASCII bytes, <see cref="DeviceInformation.SerialNumberFromText"/>),
    /// and the simulator's model name "DeviceFirmware Sim".
    /// </summary>
    public static DeviceInformation Identity(string deviceId) => DeviceInformation.FromDeviceId(deviceId, DeviceInformation.SimulatorModelName);

    /// <summary>The factory defaults: the simulator's profile with this device's ID and <c>--broker</c>.</summary>
    public SettingsDefaults FactoryDefaults()
    {
        SettingsDefaults defaults = SettingsDefaults.ForSimulator(Identity(EffectiveDeviceId));
        if (BrokerHost != null)
        {
            defaults.WithText(PropertyIndex.MqttBroker, BrokerHost);
        }

        if (BrokerPort != 0)
        {
            defaults.WithNumber(PropertyIndex.MqttPort, BrokerPort);
        }

        return defaults;
    }

    /// <summary>Derives a stable device ID from a flash file path, so a restart on the same file is the same device.</summary>
    public static string DeriveDeviceId(string flashPath)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(flashPath)));
        return "sim-" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }

    /// <summary>Parses <c>HOST:PORT</c> or <c>HOST</c> (port 1883).</summary>
    /// <returns>False with a reason when malformed.</returns>
    public static bool TryParseBroker(string text, out string host, out int port, out string problem)
    {
        host = null;
        port = 0;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty broker";
            return false;
        }

        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            host = text;
            return true;
        }

        host = text[..colon];
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
        {
            problem = $"'{text}' is not HOST:PORT with a port from 1 to 65535";
            return false;
        }

        return true;
    }
}
