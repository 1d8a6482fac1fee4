using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>What a transport reported, in order.</summary>
/// <param name="Kind">"delivered", "failed" or "lost".</param>
/// <param name="MessageId">Message ID for delivered and failed.</param>
/// <param name="Reason">Reason for lost.</param>
/// <param name="ThreadId">Managed thread that made the call.</param>
public sealed record TransportEvent(string Kind, int MessageId, string Reason, int ThreadId);

/// <summary>An <see cref="IMqttTransportListener"/> that records every call, with waits for tests.</summary>
public sealed class RecordingListener : IMqttTransportListener
{
    private readonly object _sync = new();
    private readonly List<TransportEvent> _events = new();

    /// <summary>Runs inside <see cref="OnDelivered"/>, after recording (for re-entrancy tests).</summary>
    public Action<int> AfterDelivered { get; set; }

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

    /// <summary>IDs reported delivered, in order.</summary>
    public IReadOnlyList<int> Delivered => Events.Where(e => e.Kind == "delivered").Select(e => e.MessageId).ToList();

    /// <summary>IDs reported failed, in order.</summary>
    public IReadOnlyList<int> Failed => Events.Where(e => e.Kind == "failed").Select(e => e.MessageId).ToList();

    /// <summary>Number of connection-lost reports.</summary>
    public int LostCount => Events.Count(e => e.Kind == "lost");

    /// <inheritdoc />
    public void OnDelivered(int messageId)
    {
        Add("delivered", messageId, null);
        AfterDelivered?.Invoke(messageId);
    }

    /// <inheritdoc />
    public void OnDeliveryFailed(int messageId) => Add("failed", messageId, null);

    /// <inheritdoc />
    public void OnConnectionLost(string reason) => Add("lost", 0, reason);

    /// <summary>Waits until every ID in <paramref name="ids"/> was reported delivered.</summary>
    public void WaitDelivered(IEnumerable<int> ids, TimeSpan? timeout = null)
    {
        int[] wanted = ids.ToArray();
        Wait.Until(() => wanted.All(Delivered.Contains), $"delivery of [{string.Join(",", wanted)}] (delivered so far [{string.Join(",", Delivered)}], failed [{string.Join(",", Failed)}])", timeout);
    }

    /// <summary>Waits until <paramref name="count"/> connection-lost reports arrived.</summary>
    public void WaitLost(int count = 1, TimeSpan? timeout = null)
        => Wait.Until(() => LostCount >= count, $"{count} connection-lost report(s)", timeout);

    private void Add(string kind, int id, string reason)
    {
        lock (_sync)
        {
            _events.Add(new TransportEvent(kind, id, reason, Environment.CurrentManagedThreadId));
        }
    }
}
