using System;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.MmsCtl;

/// <summary>Everything mmsctl needs to reach devices through a broker, checked (see <see cref="TransportArguments"/>).</summary>
public sealed class BrokerSettings
{
    /// <summary>The default <c>--qos</c>: requests and subscriptions at least once.</summary>
    public const int DefaultQos = 1;

    /// <summary>Prefix of the client ID mmsctl makes up when none is given.</summary>
    public const string ClientIdPrefix = "mmsctl-";

    /// <summary>The broker.</summary>
    public BrokerAddress Address { get; init; }

    /// <summary>True for TLS: port 8883, or a <see cref="CaFile"/> given.</summary>
    public bool UseTls { get; init; }

    /// <summary>PEM file of the certificate authorities to trust; null for OpenSSL's default store.</summary>
    public string CaFile { get; init; }

    /// <summary>User name; empty for none.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary>Password; empty for none.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>MQTT client ID.</summary>
    public string ClientId { get; init; }

    /// <summary>QoS of the requests mmsctl publishes and of its subscriptions to the answers.</summary>
    public int Qos { get; init; } = DefaultQos;

    /// <summary>Send requests as raw bytes instead of hex text.</summary>
    public bool Binary { get; init; }

    /// <summary>Where requests go.</summary>
    public TopicTemplate CommandTopic { get; init; } = TopicTemplate.DefaultCommand;

    /// <summary>Where answers come from.</summary>
    public TopicTemplate ResponseTopic { get; init; } = TopicTemplate.DefaultResponse;

    /// <summary>The retained status topics <c>devices</c> and <c>--all</c> read.</summary>
    public StatusPattern StatusPattern { get; init; } = StatusPattern.Default;

    /// <summary>With <c>--all</c>: send to devices whose status is not <c>connected</c> too.</summary>
    public bool IncludeDisconnected { get; init; }

    /// <summary>Longest wait for each answer (and for the connection), in milliseconds.</summary>
    public int TimeoutMilliseconds { get; init; }

    /// <summary>A fresh client ID: <c>mmsctl-</c> and eight random hex digits, so two runs never take over each other's session.</summary>
    public static string NewClientId(Random random = null)
        => ClientIdPrefix + (random ?? Random.Shared).Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The connect options: a clean session without a Last Will, keep-alive 60 s.</summary>
    public MqttConnectOptions ConnectOptions() => new()
    {
        Broker = Address.Host,
        Port = Address.Port,
        UseTls = UseTls,
        ClientId = ClientId,
        Username = Username,
        Password = Password,
        KeepAliveSeconds = 60,
        CleanSession = true,
    };
}
