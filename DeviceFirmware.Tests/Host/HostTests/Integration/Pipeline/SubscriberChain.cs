using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// One logical subscriber across broker restarts: a <see cref="PahoTestSubscriber"/> does not
/// reconnect by itself, so each restart gets a new client with the same client ID, and the messages
/// of all of them are read together.
/// </summary>
public sealed class SubscriberChain : IDisposable
{
    private readonly MosquittoBroker _broker;
    private readonly string _clientId;
    private readonly string _topicFilter;
    private readonly int _qos;
    private readonly bool _persistent;
    private readonly List<PahoTestSubscriber> _clients = new();

    /// <summary>Connects the first client and subscribes.</summary>
    /// <param name="broker">The broker.</param>
    /// <param name="clientId">Fixed client ID, kept across reconnects.</param>
    /// <param name="topicFilter">What to subscribe to.</param>
    /// <param name="qos">Subscription QoS.</param>
    /// <param name="persistent">CleanSession=false: the broker keeps the subscription and queues QoS 1/2 messages while the client is away.</param>
    public SubscriberChain(MosquittoBroker broker, string clientId, string topicFilter, int qos, bool persistent)
    {
        _broker = broker;
        _clientId = clientId;
        _topicFilter = topicFilter;
        _qos = qos;
        _persistent = persistent;
        Reconnect(subscribeAgain: true);
    }

    /// <summary>The client connected last.</summary>
    public PahoTestSubscriber Current => _clients[^1];

    /// <summary>Waits until the current client's connection was reported lost (so every packet before the loss was processed).</summary>
    public void WaitLost() => Wait.Until(() => Current.ConnectionLost, $"subscriber {_clientId} noticing the loss");

    /// <summary>Connects a new client with the same ID; subscribes only when asked (a persistent session brings its subscription back).</summary>
    public void Reconnect(bool subscribeAgain)
    {
        if (_clients.Count > 0)
        {
            Current.Dispose();
        }

        PahoTestSubscriber client = PahoTestSubscriber.Connect(_broker.Host, _broker.Port, _clientId, cleanSession: !_persistent);
        _clients.Add(client);
        if (subscribeAgain)
        {
            client.Subscribe(_topicFilter, _qos);
        }
    }

    /// <summary>Every telemetry message on <paramref name="topic"/> any of the clients received, in order.</summary>
    public List<TelemetryMessage> Messages(string topic)
        => _clients.SelectMany(c => c.Messages).Where(m => m.Topic == topic).Select(TelemetryMessage.From).ToList();

    /// <summary>Disconnects and destroys every client.</summary>
    public void Dispose()
    {
        foreach (PahoTestSubscriber client in _clients)
        {
            client.Dispose();
        }
    }
}
