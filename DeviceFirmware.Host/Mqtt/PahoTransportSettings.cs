using System;

namespace DeviceFirmware.Host.Mqtt;

/// <summary>
/// Host-side knobs of <see cref="PahoMqttTransport"/> that the core's
/// <see cref="DeviceFirmware.Mqtt.MqttConnectOptions"/> does not carry.
/// </summary>
public sealed class PahoTransportSettings
{
    /// <summary>
    /// Most QoS 1/2 messages awaiting their handshake at once (Paho's maxInflightMessages), reported
    /// as <see cref="PahoMqttTransport.MaxInflight"/>: the session never has more in flight, so Paho
    /// never blocks a publish on a full window. Default 10, Paho's own default for a non-"reliable" client.
    /// </summary>
    public int MaxInflight { get; init; } = 10;

    /// <summary>How long Connect may take (TCP, TLS and CONNACK), in seconds. Default 10.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 10;

    /// <summary>
    /// How long Disconnect waits for in-flight QoS 1/2 handshakes to finish before it closes the
    /// session, in milliseconds. Whatever is still open then is reported lost. Default 1000.
    /// </summary>
    public int DisconnectTimeoutMilliseconds { get; init; } = 1000;

    /// <summary>
    /// PEM file of the certificate authorities trusted for TLS sessions; null uses OpenSSL's default
    /// trust store.
    /// </summary>
    public string TrustStorePath { get; init; }

    /// <summary>
    /// How long Disconnect and Connect wait for Paho to report a connection loss it has already
    /// detected, so the handle is never destroyed under Paho's reporting thread. Default 5 s.
    /// </summary>
    public TimeSpan LossReportTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> on a bad one.</summary>
    public void Validate()
    {
        // 65535 is the MQTT packet identifier space; Paho could not hand out more tokens than that.
        if (MaxInflight < 1 || MaxInflight > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInflight), MaxInflight, "1 to 65535");
        }

        if (ConnectTimeoutSeconds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeoutSeconds), ConnectTimeoutSeconds, "at least 1");
        }

        if (DisconnectTimeoutMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DisconnectTimeoutMilliseconds), DisconnectTimeoutMilliseconds, "0 or more");
        }

        if (LossReportTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LossReportTimeout), LossReportTimeout, "0 or more");
        }
    }
}
