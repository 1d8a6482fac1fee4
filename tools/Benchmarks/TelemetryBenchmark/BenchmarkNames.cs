using System;
using System.Globalization;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// Client IDs and topics of the same shape and length for both scenarios: the topic travels in
/// every PUBLISH and the broker parses and matches it, so raw Paho publishes to a topic built the
/// way the device builds its telemetry topic.
/// </summary>
public static class BenchmarkNames
{
    /// <summary>A device ID of fixed length: a four-letter scenario tag, process, QoS and run.</summary>
    public static string DeviceId(string tag, int qos, int run)
        => string.Create(CultureInfo.InvariantCulture, $"{tag}{Environment.ProcessId % 100000:D5}q{qos}r{run % 100:D2}");

    /// <summary>The device's client ID for that device ID (the default of property 1.2.2.1.2.6).</summary>
    public static string ClientId(string deviceId) => "DeviceFirmware-" + deviceId;

    /// <summary>The device's telemetry topic for that device ID (default publish topic plus "/Telemetry").</summary>
    public static string TelemetryTopic(string deviceId) => "DeviceFirmware/Server/" + deviceId + "/Telemetry";
}
