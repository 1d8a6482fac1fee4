using DeviceFirmware.Tests.Infrastructure.Mosquitto;

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
    /// <returns>Seconds from the first publish to the last completion, and the CPU time this process used meanwhile.</returns>
    RunResult Run(MosquittoProcess broker, BenchmarkOptions options, int qos, int runNumber);
}

/// <summary>One measured run.</summary>
/// <param name="Seconds">Wall-clock seconds from the first publish to the last completion.</param>
/// <param name="CpuSeconds">
/// CPU seconds the benchmark process (all its threads, Paho's included; not the broker's) used in
/// that time. Unlike the wall clock it leaves out waiting: Paho's 100 ms sleeps when the socket
/// buffer is full at QoS 0, and time the machine gave to other processes.
/// </param>
public readonly record struct RunResult(double Seconds, double CpuSeconds);
