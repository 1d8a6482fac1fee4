using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// A long broker outage against a small outbox (5 messages / 1 KB): memory stays bounded, the
/// oldest messages go, and the counters say exactly how many.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class OutboxBoundTests
{
    private const int MaxMessages = 5;
    private const int MaxBytes = 1024;
    private const int OutageMessages = 30000;
    private const int Chunk = 1000;

    private readonly ITestOutputHelper _output;

    /// <summary>Gets the xunit output for the memory figures.</summary>
    public OutboxBoundTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// The device runs on the test thread (Poll, 20 ms interval) so the outage is exact: every QoS 1
    /// message before the crash is delivered first, so nothing is in flight when the broker dies,
    /// and the device does not produce while it flushes after the reconnect. During the outage the
    /// interval keeps producing and <see cref="TelemetryService.PublishBurst"/> adds 30 000 messages
    /// through the same payload/outbox path. Proves: after every single message QueuedBytes is at
    /// most 1 KB and Queued at most 5; the managed heap after a full collection does not grow between
    /// 3 000 and 30 000 messages (an unbounded outbox would hold about 4 MB more); the outbox keeps
    /// exactly the newest messages; after the reconnect the subscriber receives exactly those of the
    /// outage and nothing else from it; dropped_full equals the number produced minus those kept,
    /// and each payload's dropped_full matches the evictions before it. Does not measure native
    /// memory (Paho holds nothing while offline) nor the device's own heap.
    /// </summary>
    [Fact]
    public void Long_outage_keeps_the_outbox_within_its_bound_drops_the_oldest_and_counts_each_drop()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string deviceId = "ob-" + Guid.NewGuid().ToString("N")[..8];
        using PipelineDevice device = PipelineDevice.Create(
            broker,
            deviceId,
            qos: 1,
            intervalMs: 20,
            o =>
            {
                o.OutboxMaxMessages = MaxMessages;
                o.OutboxMaxBytes = MaxBytes;
                o.LogEachPublish = false;
            },
            logCapacity: 200);
        using var subscribers = new SubscriberChain(broker, "sub-" + deviceId, device.Topic, qos: 1, persistent: false);

        device.PollUntil(() => device.Service.Connection.IsConnected, "the device's session");
        device.PollNextMessage();
        device.PollNextMessage();
        device.PollNextMessage();
        device.PollUntil(() => device.Counters.Queued == 0, "the first messages delivered");
        long seqAtCrash = device.LastSequence;

        broker.Kill();
        Wait.Until(() => !device.Service.Sender.IsOnline, "the device noticing the crash");

        // The outage: interval messages from Poll plus bursts, checking the bound after each message.
        long maxQueuedBytes = 0;
        int maxQueued = 0;
        var heap = new List<(long Messages, long Bytes)>();
        long startPrivate = Process.GetCurrentProcess().PrivateMemorySize64;
        while (device.LastSequence - seqAtCrash < OutageMessages)
        {
            for (int i = 0; i < Chunk; i++)
            {
                device.Poll();
                device.Service.PublishBurst(1);
                OutboxCounters c = device.Counters;
                maxQueuedBytes = Math.Max(maxQueuedBytes, c.QueuedBytes);
                maxQueued = Math.Max(maxQueued, c.Queued);
                Assert.True(c.QueuedBytes <= MaxBytes && c.Queued <= MaxMessages, $"outbox at {c.Queued} messages / {c.QueuedBytes} bytes");
            }

            long produced = device.LastSequence - seqAtCrash;
            if (produced >= 3 * Chunk)
            {
                heap.Add((produced, GC.GetTotalMemory(forceFullCollection: true)));
            }
        }

        long endPrivate = Process.GetCurrentProcess().PrivateMemorySize64;
        long outageProduced = device.LastSequence - seqAtCrash;
        long growth = heap[^1].Bytes - heap[0].Bytes;
        _output.WriteLine($"{outageProduced} messages offline; outbox peak {maxQueued} messages / {maxQueuedBytes} bytes; " +
                          $"managed heap {heap[0].Bytes / 1024} KB at {heap[0].Messages} -> {heap[^1].Bytes / 1024} KB at {heap[^1].Messages} ({growth / 1024} KB); " +
                          $"private bytes {startPrivate / 1024 / 1024} -> {endPrivate / 1024 / 1024} MB");
        Assert.Equal(MaxMessages, maxQueued);
        Assert.True(growth < 512 * 1024, $"managed heap grew {growth / 1024} KB over {heap[^1].Messages - heap[0].Messages} messages");

        // What the outbox kept: the newest messages, oldest first; everything older was counted.
        OutboxCounters atRestart = device.Counters;
        long[] kept = Enumerable.Range(0, device.Service.Sender.Outbox.Count).Select(i => device.Service.Sender.Outbox.At(i).Sequence).ToArray();
        long newest = device.LastSequence;
        Assert.Equal(MaxMessages, kept.Length);
        Assert.Equal(Enumerable.Range(0, MaxMessages).Select(i => newest - MaxMessages + 1 + i), kept);
        Assert.Equal(outageProduced - kept.Length, atRestart.DroppedFull);
        Assert.Equal(0, atRestart.InFlight);

        // The subscriber first (a clean session forgets its subscription with the broker), then the
        // device. Connection and flush only: a message produced now would evict a kept message that
        // is already in flight, and Paho would still deliver it.
        broker.Restart();
        subscribers.Reconnect(subscribeAgain: true);
        Wait.Until(
            () =>
            {
                device.Service.Connection.Poll();
                if (device.Service.Sender.FlushWanted)
                {
                    device.Service.Sender.Flush();
                }

                return device.Service.Connection.ConnectCount == 2 && device.Counters.Queued == 0;
            },
            $"the kept messages flushed\n{device.Log.Tail()}");
        Assert.Equal(outageProduced - kept.Length, device.Counters.DroppedFull);

        // Then one fresh message, to know the subscriber has seen everything sent before it.
        long fresh = device.PollNextMessage();
        Wait.Until(() => subscribers.Messages(device.Topic).Any(m => m.Seq == fresh), $"seq {fresh} at the subscriber");
        List<TelemetryMessage> messages = subscribers.Messages(device.Topic);
        long[] outageSeqs = messages.Select(m => m.Seq).Where(s => s > seqAtCrash && s < fresh).ToArray();
        Assert.Equal(kept, outageSeqs);
        Assert.Equal(Enumerable.Range(1, (int)seqAtCrash).Select(i => (long)i), messages.Select(m => m.Seq).Where(s => s <= seqAtCrash));

        // Each kept payload was built when the outbox held min(n, 5) older outage messages.
        foreach (TelemetryMessage m in messages.Where(m => m.Seq > seqAtCrash && m.Seq < fresh))
        {
            long before = m.Seq - seqAtCrash - 1;
            Assert.Equal(Math.Max(0, before - MaxMessages), m.DroppedFull);
            Assert.Equal(Math.Min(before, MaxMessages), m.Queued);
        }

        Assert.Equal(outageProduced - kept.Length, messages.Single(m => m.Seq == fresh).DroppedFull);
    }
}
