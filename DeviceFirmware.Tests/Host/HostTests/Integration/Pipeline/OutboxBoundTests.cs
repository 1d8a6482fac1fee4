using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// A long broker outage against a small outbox (5 messages / 1.25 KB): memory stays bounded, the
/// oldest messages go, and the counters say exactly how many.
/// </summary>
[Collection(PahoCollection.Name)]
public sealed class OutboxBoundTests
{
    private const int MaxMessages = 5;
    // Five of the largest payloads of this run (about 240 bytes each with the remote section and
    // five-digit counters) fit, so the message bound is the one that binds.
    private const int MaxBytes = 1280;
    private const int OutageMessages = 30000;
    private const int Chunk = 1000;
    private const int IntervalMs = 20;
    private const int ReconnectBackoffMaxMs = 30000;

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
    /// device's clock skips one interval before every Poll, so each Poll produces exactly one
    /// scheduled message through the whole pipeline (payload, QoS property, session, outbox): 30 000
    /// of them in seconds. Proves: after every single message QueuedBytes is at most 1.25 KB and Queued
    /// at most 5; the managed heap after a full collection does not grow between 5 000 and 30 000
    /// messages (an unbounded outbox would hold about 4 MB more); the outbox keeps exactly the newest
    /// messages (the last one evicted is the one just before them, and the subscriber receives
    /// exactly them after the reconnect and nothing else from the outage); dropped_full equals the
    /// number produced minus those kept, and each payload's dropped_full and queued match the
    /// evictions before it. Does not measure native memory (Paho holds nothing while offline) nor the
    /// device's own heap.
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
            intervalMs: IntervalMs,
            o =>
            {
                o.Mqtt.OutboxMaxMessages = MaxMessages;
                o.Mqtt.OutboxMaxBytes = MaxBytes;

                // The outage lasts 10 minutes on the device's clock: reconnect attempts (each a
                // refused TCP connect, some milliseconds of real time) every 30 s at most, not
                // every 0.8 s.
                o.Mqtt.BackoffInitialMs = 1000;
                o.Mqtt.BackoffMaxMs = ReconnectBackoffMaxMs;
            },
            logCapacity: 400);

        // No per-message debug lines (each offline message is logged as queued): the evictions,
        // one warning each, are what the test reads back.
        device.Log.MinimumLevel = LogLevel.Info;
        using var subscribers = new SubscriberChain(broker, "sub-" + deviceId, device.Topic, qos: 1, persistent: false);

        device.PollUntil(() => device.Session.IsConnected, "the device's session");
        device.PollNextMessage();
        device.PollNextMessage();
        device.PollNextMessage();
        device.PollUntil(() => device.Counters.Queued == 0, "the first messages delivered");
        long seqAtCrash = device.LastSequence;

        broker.Kill();
        Wait.Until(() => !device.Session.IsConnected, () => "the device noticing the crash\n" + device.Log.Tail(20));

        // The outage: one scheduled message per step, checking the bound after each message.
        long maxQueuedBytes = 0;
        int maxQueued = 0;
        var heap = new List<(long Messages, long Bytes)>();
        long startPrivate = Process.GetCurrentProcess().PrivateMemorySize64;
        while (device.LastSequence - seqAtCrash < OutageMessages)
        {
            for (int i = 0; i < Chunk; i++)
            {
                long before = device.LastSequence;
                device.Clock.Skip(IntervalMs);
                device.Poll();
                Assert.Equal(before + 1, device.LastSequence);
                OutboxCounters c = device.Counters;
                maxQueuedBytes = Math.Max(maxQueuedBytes, c.QueuedBytes);
                maxQueued = Math.Max(maxQueued, c.Queued);
                Assert.True(c.QueuedBytes <= MaxBytes && c.Queued <= MaxMessages, $"outbox at {c.Queued} messages / {c.QueuedBytes} bytes");
            }

            long produced = device.LastSequence - seqAtCrash;
            // From 5 000 on: by then every code path of the outage (reconnect attempts included) has
            // run and made its one-time allocations.
            if (produced >= 5 * Chunk)
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
        Assert.Equal(OutageMessages, outageProduced);
        Assert.Equal(MaxMessages, maxQueued);
        Assert.True(growth < 512 * 1024, $"managed heap grew {growth / 1024} KB over {heap[^1].Messages - heap[0].Messages} messages; samples (messages: KB) {string.Join(", ", heap.Select(h => $"{h.Messages}: {h.Bytes / 1024}"))}");

        // What the outbox kept: the newest messages; everything older was evicted oldest first and counted.
        OutboxCounters atRestart = device.Counters;
        long newest = device.LastSequence;
        long[] kept = Enumerable.Range(0, MaxMessages).Select(i => newest - MaxMessages + 1 + i).ToArray();
        Assert.Equal(MaxMessages, atRestart.Queued);
        Assert.Equal(0, atRestart.InFlight);
        Assert.Equal(outageProduced - kept.Length, atRestart.DroppedFull);
        IReadOnlyList<long> evicted = device.Log.SequencesIn("telemetry: outbox full, dropped seq=");
        Assert.NotEmpty(evicted);
        Assert.Equal(evicted.Order(), evicted);
        Assert.Equal(evicted.Count, evicted.Distinct().Count());
        Assert.Equal(newest - MaxMessages, evicted[^1]);
        Assert.DoesNotContain(evicted, kept.Contains);

        // The subscriber first (a clean session forgets its subscription with the broker), then the
        // device. Session only: a message produced now would evict a kept message that is already in
        // flight, and Paho would still deliver it.
        broker.Restart();
        subscribers.Reconnect(subscribeAgain: true);

        // The next reconnect attempt is due within one backoff delay of the device's clock: let that
        // time pass, and keep it passing while waiting, so the attempt comes now.
        device.Clock.Skip(ReconnectBackoffMaxMs);
        Wait.Until(
            () =>
            {
                device.Clock.Skip(IntervalMs);
                device.Session.Poll();
                return device.Session.ConnectCount == 2 && device.Counters.Queued == 0;
            },
            () => "the kept messages flushed\n" + device.Log.Tail());
        Assert.Equal(outageProduced - kept.Length, device.Counters.DroppedFull);
        Assert.Equal(seqAtCrash + kept.Length, device.Counters.Delivered);

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
