using System;
using System.Diagnostics;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Mqtt.Native;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Mqtt;

/// <summary>Connecting, losing and re-opening sessions against a real mosquitto, and the result-code mapping.</summary>
[Collection(PahoCollection.Name)]
public sealed class PahoTransportConnectionTests
{
    [Fact]
    public void Killing_the_broker_reports_the_clean_sessions_messages_lost_then_the_connection_lost_once_and_a_restarted_broker_accepts_a_reconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string id = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id)));
        Assert.True(transport.IsConnected);

        broker.Kill();
        listener.WaitLost();
        Assert.False(transport.IsConnected);

        // Clean session: Paho forgot its messages before it reported the loss, and says so first.
        Assert.Equal(new[] { RecordingListener.InflightLoss, RecordingListener.ConnectionLoss }, listener.Kinds);
        Assert.False(string.IsNullOrEmpty(listener.Events[1].Reason));
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish("it/conn", new byte[] { 1 }, 0, false, out int id0));
        Assert.Equal(0, id0);
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish("it/conn", new byte[] { 1 }, 1, false, out int id1));
        Assert.Equal(0, id1);
        Assert.Equal(MqttConnectResult.NetworkError, transport.Connect(broker.ConnectOptions(id)));

        broker.Restart();
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id)));
        Assert.True(transport.IsConnected);
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish("it/conn", new byte[] { 2 }, 1, false, out int token));
        Assert.True(token > 0);
        listener.WaitDelivered(new[] { token });
        Assert.Equal(1, listener.LostCount);
        Assert.Equal(new[] { token }, listener.Delivered);
        Assert.Empty(listener.Failed);
    }

    [Fact]
    public void Disconnect_is_not_reported_as_a_loss_and_the_transport_can_connect_again()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string id = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id)));
        transport.Disconnect();

        // The client is destroyed, so whatever it held is reported lost, once, before Disconnect returns.
        Assert.Equal(new[] { RecordingListener.InflightLoss }, listener.Kinds);
        transport.Disconnect();
        Assert.Equal(new[] { RecordingListener.InflightLoss }, listener.Kinds);
        Assert.False(transport.IsConnected);
        broker.WaitForLog(l => l.Count(id, PacketDirection.Received, "DISCONNECT") == 1, "the client's DISCONNECT");

        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id)));
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish("it/conn", new byte[] { 1 }, 2, false, out int token));
        listener.WaitDelivered(new[] { token });
        Assert.Equal(0, listener.LostCount);
        Assert.Equal(new[] { token }, listener.Delivered);
    }

    [Fact]
    public void Connecting_while_connected_replaces_the_session()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string id = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var listener = new RecordingListener();
        using var transport = new PahoMqttTransport(null);
        transport.SetListener(listener);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id)));
        Assert.Empty(listener.Events);
        Assert.Equal(MqttConnectResult.Success, transport.Connect(broker.ConnectOptions(id + "-2")));

        // The first client was closed and destroyed: its messages are reported lost before Connect returns.
        Assert.Equal(new[] { RecordingListener.InflightLoss }, listener.Kinds);
        Assert.Equal(MqttPublishResult.Accepted, transport.Publish("it/conn", new byte[] { 1 }, 1, false, out int token));
        listener.WaitDelivered(new[] { token });
        MosquittoLog log = broker.Log();
        Assert.Equal(1, log.Count(id, PacketDirection.Received, "DISCONNECT"));
        Assert.Equal(1, log.Count(id + "-2", PacketDirection.Received, "PUBLISH"));
        Assert.Equal(0, listener.LostCount);
    }

    [Fact]
    public void A_broker_that_refuses_anonymous_clients_returns_connack_not_authorised()
    {
        using MosquittoBroker broker = MosquittoBroker.Start(allowAnonymous: false);
        using var transport = new PahoMqttTransport(null);
        Assert.Equal(MqttConnectResult.RefusedNotAuthorized, transport.Connect(broker.ConnectOptions("anon")));
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Nothing_listening_is_a_network_error()
    {
        int port = MosquittoProcess.FreeLoopbackPort();
        using var transport = new PahoMqttTransport(null);
        var clock = Stopwatch.StartNew();
        MqttConnectResult rc = transport.Connect(new MqttConnectOptions { Broker = "127.0.0.1", Port = port, ClientId = "nobody", CleanSession = true, KeepAliveSeconds = 30 });
        Assert.Equal(MqttConnectResult.NetworkError, rc);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.ElapsedMilliseconds} ms");
    }

    // TLS itself is not tested end to end (no certificates are generated here). This proves the
    // OpenSSL build loads, accepts our MQTTClient_SSLOptions (a layout mistake would be
    // MQTTCLIENT_BAD_STRUCTURE, i.e. InvalidOptions) and fails the handshake against a plain listener.
    [Fact]
    public void Tls_against_a_plain_listener_fails_the_handshake_as_a_network_error()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var transport = new PahoMqttTransport(null, new PahoTransportSettings { ConnectTimeoutSeconds = 5 });
        MqttConnectOptions options = broker.ConnectOptions("tls-" + Guid.NewGuid().ToString("N")[..8]);
        options.UseTls = true;
        Assert.Equal(MqttConnectResult.NetworkError, transport.Connect(options));
    }

    [Fact]
    public void Options_Paho_cannot_honour_are_refused_before_anything_is_sent()
    {
        using var transport = new PahoMqttTransport(null);
        Assert.Equal(MqttConnectResult.InvalidOptions, transport.Connect(null));
        Assert.Equal(MqttConnectResult.InvalidOptions, transport.Connect(new MqttConnectOptions { Broker = "127.0.0.1", Port = 0, ClientId = "x" }));
        Assert.Equal(MqttConnectResult.InvalidOptions, transport.Connect(new MqttConnectOptions { Broker = "", Port = 1883, ClientId = "x" }));
        Assert.Equal(MqttConnectResult.InvalidOptions, transport.Connect(new MqttConnectOptions { Broker = "127.0.0.1", Port = 8883, UseTls = true, PeerName = "broker.example", ClientId = "x" }));
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Publish_rejects_what_MQTT_forbids_without_a_session_check()
    {
        using var transport = new PahoMqttTransport(null);
        Assert.Equal(MqttPublishResult.Rejected, transport.Publish("a/+/b", new byte[] { 1 }, 0, false, out int id));
        Assert.Equal(0, id);
        Assert.Equal(MqttPublishResult.Rejected, transport.Publish("a/#", new byte[] { 1 }, 0, false, out _));
        Assert.Equal(MqttPublishResult.Rejected, transport.Publish("", new byte[] { 1 }, 0, false, out _));
        Assert.Equal(MqttPublishResult.Rejected, transport.Publish("a", new byte[] { 1 }, 3, false, out _));
        Assert.Equal(MqttPublishResult.Rejected, transport.Publish("a", new byte[] { 1 }, -1, true, out _));
        Assert.Equal(MqttPublishResult.NotConnected, transport.Publish("a", new byte[] { 1 }, 1, false, out id));
        Assert.Equal(0, id);
    }

    [Theory]
    [InlineData(PahoConstants.Success, MqttConnectResult.Success)]
    [InlineData(1, MqttConnectResult.RefusedProtocolVersion)]
    [InlineData(2, MqttConnectResult.RefusedIdentifier)]
    [InlineData(3, MqttConnectResult.RefusedServerUnavailable)]
    [InlineData(4, MqttConnectResult.RefusedBadCredentials)]
    [InlineData(5, MqttConnectResult.RefusedNotAuthorized)]
    [InlineData(PahoConstants.Failure, MqttConnectResult.NetworkError)]
    [InlineData(PahoConstants.Disconnected, MqttConnectResult.NetworkError)]
    [InlineData(PahoConstants.BadUtf8String, MqttConnectResult.InvalidOptions)]
    [InlineData(PahoConstants.NullParameter, MqttConnectResult.InvalidOptions)]
    [InlineData(PahoConstants.BadStructure, MqttConnectResult.InvalidOptions)]
    [InlineData(PahoConstants.SslNotSupported, MqttConnectResult.InvalidOptions)]
    [InlineData(PahoConstants.BadMqttVersion, MqttConnectResult.InvalidOptions)]
    [InlineData(PahoConstants.BadMqttOption, MqttConnectResult.InvalidOptions)]
    public void Connect_return_codes_map_to_core_results(int paho, MqttConnectResult expected)
    {
        Assert.Equal(expected, PahoMqttTransport.MapConnectResult(paho));
    }

    [Theory]
    [InlineData(PahoConstants.MaxMessagesInflight, MqttPublishResult.InflightFull)]
    [InlineData(PahoConstants.Disconnected, MqttPublishResult.NotConnected)]
    [InlineData(PahoConstants.Failure, MqttPublishResult.NotConnected)]
    [InlineData(PahoConstants.BadUtf8String, MqttPublishResult.Rejected)]
    [InlineData(PahoConstants.NullParameter, MqttPublishResult.Rejected)]
    [InlineData(PahoConstants.BadQos, MqttPublishResult.Rejected)]
    [InlineData(PahoConstants.BadMqttVersion, MqttPublishResult.Rejected)]
    public void Publish_return_codes_map_to_core_results(int paho, MqttPublishResult expected)
    {
        Assert.Equal(expected, PahoMqttTransport.MapPublishResult(paho));
    }
}
