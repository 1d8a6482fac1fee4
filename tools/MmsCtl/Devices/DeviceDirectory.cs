using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// Reads which devices exist from their retained status messages (<c>connected</c> after every
/// connect, <c>disconnected</c> as the Last Will or on a clean stop).
/// </summary>
/// <remarks>
/// <para><b>When the list is complete.</b> A broker sends a new subscription's retained messages
/// before anything published after the subscription was made. So mmsctl subscribes to the pattern,
/// then to a topic of its own (<c>mmsctl/sync/RANDOM</c>), publishes one message there (QoS 0,
/// not retained) and stops collecting when that message comes back: every retained status is in by
/// then, however slow the link. If it does not come back (a broker whose ACL forbids the topic),
/// collection ends once no status message arrived for the settle time, <c>min(--timeout, 1000 ms)</c>,
/// counted from the subscription and from each status message.</para>
/// <para>Status messages that arrive live during the collection (a device connecting just then, or a
/// rollback note) count too: the last message on a topic is its device's status.</para>
/// </remarks>
public static class DeviceDirectory
{
    /// <summary>Longest settle time, in milliseconds.</summary>
    public const int MaxSettleMilliseconds = 1000;

    /// <summary>The settle time for a <c>--timeout</c>: <c>min(timeout, 1000 ms)</c>.</summary>
    public static int SettleMilliseconds(int timeoutMilliseconds) => Math.Min(timeoutMilliseconds, MaxSettleMilliseconds);

    /// <summary>Subscribes to the status pattern and collects the devices, sorted by ID (ordinal).</summary>
    /// <param name="connection">The session; the pattern stays subscribed.</param>
    /// <param name="pattern">The status topics.</param>
    /// <param name="settleMilliseconds">Quiet time that ends the collection when the sync message does not come back.</param>
    /// <exception cref="MmsCtlException">The broker refused the subscription, or the connection was lost (exit code 2).</exception>
    public static List<DeviceStatus> Collect(BrokerConnection connection, StatusPattern pattern, int settleMilliseconds)
    {
        connection.Subscribe(pattern.Filter, DeviceTopics.StatusQos);
        string syncTopic = "mmsctl/sync/" + Guid.NewGuid().ToString("N");
        bool syncing = connection.TrySubscribe(syncTopic, 0) == MqttSubscribeResult.Subscribed;
        if (syncing)
        {
            try
            {
                connection.Publish(syncTopic, Encoding.ASCII.GetBytes(connection.ClientId), 0, Stopwatch.GetTimestamp());
            }
            catch (MmsCtlException)
            {
                // No sync then: the settle time ends the collection (a lost connection shows below).
                syncing = false;
            }
        }

        Dictionary<string, DeviceStatus> byTopic = new(StringComparer.Ordinal);
        long quietUntil = Stopwatch.GetTimestamp() + Ticks(settleMilliseconds);
        while (true)
        {
            int wait = (int)Math.Ceiling((quietUntil - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
            if (wait <= 0 || !connection.TryTake(out BrokerArrival arrival, wait))
            {
                break;
            }

            if (arrival.IsLoss)
            {
                throw connection.Lost();
            }

            if (syncing && arrival.Topic == syncTopic)
            {
                break;
            }

            if (arrival.Payload.Length == 0 || !pattern.Matches(arrival.Topic))
            {
                continue;
            }

            string status = Encoding.UTF8.GetString(arrival.Payload).Trim();
            byTopic[arrival.Topic] = new DeviceStatus(pattern.DeviceIdOf(arrival.Topic), status, arrival.Topic);
            quietUntil = Stopwatch.GetTimestamp() + Ticks(settleMilliseconds);
        }

        if (syncing)
        {
            connection.Unsubscribe(syncTopic);
        }

        List<DeviceStatus> devices = new(byTopic.Values);
        devices.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id) != 0 ? string.CompareOrdinal(a.Id, b.Id) : string.CompareOrdinal(a.Topic, b.Topic));
        return devices;
    }

    private static long Ticks(int milliseconds) => milliseconds * Stopwatch.Frequency / 1000;
}
