using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// Runs one prepared command against many devices at once over one broker session. Every device's
/// conversation is resumed when its answer arrives, so each has one request in flight and all
/// devices are in flight together: the run takes about as long as the slowest device, not the sum.
/// </summary>
/// <remarks>
/// <para><b>Matching.</b> An answer belongs to the device whose response topic it arrived on (a
/// dictionary lookup), and answers that device's current request when it echoes its reference
/// number and command (<see cref="MmsRequestMatch"/>, as over a serial port). Reference numbers are
/// one byte, so they repeat across a large fleet; with the topic they never need to be unique.</para>
/// <para><b>Time.</b> Every request has the same timeout, so deadlines fall in the order requests
/// were sent: a FIFO queue of deadlines (stale ones skipped) finds the next one in O(1). Nothing in
/// the loop walks the fleet, except once when the connection is lost.</para>
/// <para>Must be given a connection already subscribed to every device's response topic.</para>
/// </remarks>
public sealed class FleetRunner
{
    private readonly BrokerConnection _connection;
    private readonly BrokerSettings _settings;
    private readonly long _timeoutTicks;
    private readonly Queue<(DeviceRun Run, int Step, long Deadline)> _deadlines = new();
    private int _pending;

    /// <summary>Creates a runner on a subscribed connection.</summary>
    public FleetRunner(BrokerConnection connection, BrokerSettings settings)
    {
        _connection = connection;
        _settings = settings;
        _timeoutTicks = settings.TimeoutMilliseconds * Stopwatch.Frequency / 1000;
    }

    /// <summary>Runs <paramref name="command"/> against every device; returns the results in the devices' order.</summary>
    /// <param name="command">The command (its arguments already checked).</param>
    /// <param name="devices">The devices; their response topics must be distinct.</param>
    /// <param name="newConversation">Creates each device's conversation (its own report and lines).</param>
    public List<FleetResult> Run(PreparedCommand command, IReadOnlyList<FleetDevice> devices, Func<FleetDevice, Conversation> newConversation)
    {
        List<DeviceRun> runs = new(devices.Count);
        Dictionary<string, DeviceRun> byTopic = new(devices.Count, StringComparer.Ordinal);
        foreach (FleetDevice device in devices)
        {
            Conversation conversation = newConversation(device);
            DeviceRun run = new(device, conversation, command.Converse(conversation).GetEnumerator());
            runs.Add(run);
            byTopic.Add(device.ResponseTopic, run);
        }

        _pending = runs.Count;
        foreach (DeviceRun run in runs)
        {
            run.Started = Stopwatch.GetTimestamp();
            Advance(run);
        }

        while (_pending > 0)
        {
            int wait = ExpireDeadlines();
            if (_pending == 0)
            {
                break;
            }

            if (!_connection.TryTake(out BrokerArrival arrival, wait))
            {
                continue;
            }

            if (arrival.IsLoss)
            {
                FailAll(runs, _connection.Lost());
                break;
            }

            if (!byTopic.TryGetValue(arrival.Topic, out DeviceRun answered) || answered.Done)
            {
                continue;
            }

            MmsReply reply = MmsReply.TryParse(MqttPayload.Decode(arrival.Payload));
            if (!answered.Match.Accepts(reply))
            {
                continue;
            }

            answered.Steps.Current.Exchange = new MmsExchange { Reply = reply };
            answered.LastAnswer = arrival.Timestamp;
            Advance(answered);
        }

        List<FleetResult> results = new(runs.Count);
        foreach (DeviceRun run in runs)
        {
            results.Add(new FleetResult(run.Device.Id, run.Conversation, (run.Finished - run.Started) * 1000.0 / Stopwatch.Frequency, run.TimedOut));
        }

        return results;
    }

    // Resumes the conversation: publishes its next request, or ends it.
    private void Advance(DeviceRun run)
    {
        try
        {
            if (!run.Steps.MoveNext())
            {
                Finish(run, run.LastAnswer != 0 ? run.LastAnswer : Stopwatch.GetTimestamp());
                return;
            }

            MmsStep step = run.Steps.Current;
            run.Match = MmsRequestMatch.For(step.Request);
            run.Step++;
            long deadline = Stopwatch.GetTimestamp() + _timeoutTicks;
            _deadlines.Enqueue((run, run.Step, deadline));
            _connection.Publish(run.Device.CommandTopic, MqttPayload.Encode(step.Request, _settings.Binary), _settings.Qos, deadline);
        }
        catch (MmsCtlException ex)
        {
            run.Conversation.Fail(ex);
            Finish(run, Stopwatch.GetTimestamp());
        }
    }

    // Times out every request whose deadline has passed; returns the wait until the next deadline.
    private int ExpireDeadlines()
    {
        while (_deadlines.Count > 0)
        {
            (DeviceRun run, int step, long deadline) = _deadlines.Peek();
            if (run.Done || run.Step != step)
            {
                _deadlines.Dequeue();
                continue;
            }

            long left = deadline - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                return (int)Math.Ceiling(left * 1000.0 / Stopwatch.Frequency);
            }

            _deadlines.Dequeue();
            run.TimedOut = true;
            run.Conversation.Fail(new MmsCtlException(BrokerChannel.NoAnswer("device " + run.Device.Id, _settings.TimeoutMilliseconds), ExitCodes.Error));
            Finish(run, Stopwatch.GetTimestamp());
        }

        // Every pending device has a deadline queued, so this is not reached while any is pending;
        // should it be, a short wait keeps the loop from spinning.
        return 10;
    }

    private void FailAll(List<DeviceRun> runs, MmsCtlException failure)
    {
        foreach (DeviceRun run in runs)
        {
            if (!run.Done)
            {
                run.Conversation.Fail(failure);
                Finish(run, Stopwatch.GetTimestamp());
            }
        }
    }

    private void Finish(DeviceRun run, long at)
    {
        run.Done = true;
        run.Finished = at;
        run.Steps.Dispose();
        _pending--;
    }

    private sealed class DeviceRun
    {
        public DeviceRun(FleetDevice device, Conversation conversation, IEnumerator<MmsStep> steps)
        {
            Device = device;
            Conversation = conversation;
            Steps = steps;
        }

        public FleetDevice Device { get; }

        public Conversation Conversation { get; }

        public IEnumerator<MmsStep> Steps { get; }

        public MmsRequestMatch Match { get; set; }

        public int Step { get; set; }

        public long Started { get; set; }

        public long LastAnswer { get; set; }

        public long Finished { get; set; }

        public bool Done { get; set; }

        public bool TimedOut { get; set; }
    }
}
