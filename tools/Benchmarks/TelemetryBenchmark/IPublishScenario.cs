using DeviceFirmware.HostPlatform.Mosquitto;

namespace DeviceFirmware.Benchmarks.Telemetry;

/// <summary>
/// One way of getting N messages to the broker, measured per QoS: raw Paho, and the core telemetry
/// pipeline (payload, outbox, PahoMqttTransport).
/// </summary>
public interface IPublishScenario
{
    /// <summary>Column heading, e.g. "raw Paho".</summary>
    string Name { get; }

    /// <summary>
    /// Publishes <see cref="BenchmarkOptions.Count"/> messages at <paramref name="qos"/> on a fresh
    /// session and returns once the broker has all of them (every QoS 1/2 handshake complete; for QoS 0
    /// a QoS 1 fence message on the same connection is acknowledged).
    /// </summary>
    /// <returns>Seconds from the first publish to the last completion.</returns>
    double Run(MosquittoProcess broker, BenchmarkOptions options, int qos, int runNumber);
}
