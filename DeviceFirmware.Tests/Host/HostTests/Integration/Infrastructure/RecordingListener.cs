using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>What a transport reported, in order.</summary>
/// <param name="Kind">One of <see cref="RecordingListener.Delivery"/>, <see cref="RecordingListener.Failure"/>, <see cref="RecordingListener.InflightLoss"/>, <see cref="RecordingListener.ConnectionLoss"/>.</param>
/// <param name="MessageId">Message ID for delivered and failed; 0 otherwise.</param>
/// <param name="Reason">Reason for a connection loss; null otherwise.</param>
/// <param name="ThreadId">Managed thread that made the call.</param>
public sealed record TransportEvent(string Kind, int MessageId, string Reason, int ThreadId);

/// <summary>
/// An <see cref="IMqttTransportListener"/> that only records every call, as the contract asks of a
/// listener (it never calls the transport from a report); tests wait for and assert on the records
/// from their own thread, where a failed assertion fails the test.
/// </summary>
public sealed class RecordingListener : IMqttTransportListener
{
    private readonly List<(string Topic, byte[] Payload, bool Retained)> _payloads = new();
    /// <summary>Kind of an <see cref="OnDelivered"/> record.</summary>
    public const string Delivery = "delivered";

    /// <summary>Kind of an <see cref="OnDeliveryFailed"/> record.</summary>
    public const string Failure = "failed";

    /// <summary>Kind of an <see cref="OnInflightLost"/> record.</summary>
    public const string InflightLoss = "inflight-lost";

    /// <summary>Kind of an <see cref="OnConnectionLost"/> record.</summary>
    public const string ConnectionLoss = "lost";

    /// <summary>Kind of an <see cref="IMqttTransportListener.OnMessage"/> event (its topic goes in Reason).</summary>
    public const string Message = "message";

    private readonly object _sync = new();
    private readonly List<TransportEvent> _events = new();

    /// <summary>Snapshot of all events.</summary>
    public IReadOnlyList<TransportEvent> Events
    {
        get
        {
            lock (_sync)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Number of events so far.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>The kinds of all events, in order.</summary>
    public IReadOnlyList<string> Kinds => Events.Select(e => e.Kind).ToList();

    /// <summary>IDs reported delivered, in order.</summary>
    public IReadOnlyList<int> Delivered => Events.Where(e => e.Kind == Delivery).Select(e => e.MessageId).ToList();

    /// <summary>IDs reported failed, in order.</summary>
    public IReadOnlyList<int> Failed => Events.Where(e => e.Kind == Failure).Select(e => e.MessageId).ToList();

    /// <summary>Number of connection-lost reports.</summary>
    public int LostCount => Events.Count(e => e.Kind == ConnectionLoss);

    /// <summary>Number of in-flight-lost reports.</summary>
    public int InflightLostCount => Events.Count(e => e.Kind == InflightLoss);

    /// <inheritdoc />
    public void OnDelivered(int messageId) => Add(Delivery, messageId, null);

    /// <inheritdoc />
    public void OnDeliveryFailed(int messageId) => Add(Failure, messageId, null);

    /// <inheritdoc />
    public void OnMessage(string topic, byte[] payload, bool retained)
    {
        lock (_payloads)
        {
            _payloads.Add((topic, payload, retained));
        }

        Add(Message, 0, topic);
    }

    /// <summary>Every message received, in order: topic, payload, retained.</summary>
    public IReadOnlyList<(string Topic, byte[] Payload, bool Retained)> Messages
    {
        get
        {
            lock (_payloads)
            {
                return _payloads.ToList();
            }
        }
    }

    /// <inheritdoc />
    public void OnInflightLost() => Add(InflightLoss, 0, null);

    /// <inheritdoc />
    public void OnConnectionLost(string reason) => Add(ConnectionLoss, 0, reason);

    /// <summary>The kinds of the events from index <paramref name="from"/> on.</summary>
    public IReadOnlyList<string> KindsFrom(int from) => Events.Skip(from).Select(e => e.Kind).ToList();

    /// <summary>Waits until every ID in <paramref name="ids"/> was reported delivered.</summary>
    public void WaitDelivered(IEnumerable<int> ids, TimeSpan? timeout = null)
    {
        int[] wanted = ids.ToArray();
        Wait.Until(() => wanted.All(Delivered.Contains), () => $"delivery of [{string.Join(",", wanted)}] (events so far: {Describe()})", timeout);
    }

    /// <summary>Waits until <paramref name="count"/> connection-lost reports arrived.</summary>
    public void WaitLost(int count = 1, TimeSpan? timeout = null)
        => Wait.Until(() => LostCount >= count, () => $"{count} connection-lost report(s) (events so far: {Describe()})", timeout);

    /// <summary>The events in one line, for failure messages.</summary>
    public string Describe()
        => "[" + string.Join(", ", Events.Select(e => e.MessageId == 0 ? e.Kind : e.Kind + " " + e.MessageId)) + "]";

    private void Add(string kind, int id, string reason)
    {
        lock (_sync)
        {
            _events.Add(new TransportEvent(kind, id, reason, Environment.CurrentManagedThreadId));
        }
    }
}
