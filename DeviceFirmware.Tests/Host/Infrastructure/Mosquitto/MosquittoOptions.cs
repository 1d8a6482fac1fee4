using System;

namespace DeviceFirmware.Tests.Infrastructure.Mosquitto;

/// <summary>How <see cref="MosquittoProcess"/> configures a local broker.</summary>
public sealed class MosquittoOptions
{
    /// <summary>The broker executable, looked up on PATH when not rooted. Default "mosquitto".</summary>
    public string Executable { get; init; } = "mosquitto";

    /// <summary>Accept clients without credentials. Off, a client without a user name gets CONNACK 5.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Keep retained messages and persistent sessions in mosquitto.db across restarts.</summary>
    public bool Persistence { get; init; }

    /// <summary>
    /// With <see cref="Persistence"/>: seconds between background saves (mosquitto's
    /// autosave_interval), so state survives a SIGKILL; null saves only on a clean exit (SIGTERM).
    /// </summary>
    public int? AutosaveIntervalSeconds { get; init; }

    /// <summary>
    /// Log every MQTT packet (log_type all), which the packet counters need. Off, only errors,
    /// warnings, notices and information are logged, which keeps the broker fast for benchmarks.
    /// </summary>
    public bool LogPackets { get; init; } = true;

    /// <summary>Extra lines appended verbatim to the generated configuration.</summary>
    public string ExtraConfig { get; init; }

    /// <summary>How long a start may take until the broker accepts connections. Default 20 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Keep the temporary directory (configuration, log, database) after disposal, for debugging.</summary>
    public bool KeepDirectory { get; init; }
}
