using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Mqtt
{
    /// <summary>
    /// The session's sender and its outbox: QoS 0 never stored, QoS 1/2 queued and bounded, delivered,
    /// failed and re-sent, in-flight window, early and reused IDs. Driven directly, without the
    /// connection manager: the test says when the session is up.
    /// </summary>
    [TestClass]
    public class MqttSenderTests
    {
        private const string Topic = "t/Telemetry";

        private static FakeMqttTransport _transport;
        private static MqttSender _sender;
        private static MqttOutbox _outbox;
        private static SenderEvents _events;
        private static RecordingLog _log;

        [TestMethod]
        public void Qos0WhileOfflineIsDroppedAndCountedNeverStored()
        {
            Arrange(8, 4096);

            Submit(1, 0, 10);
            Submit(2, 0, 10);
            Submit(3, 0, 10);

            OutboxCounters c = Counters();
            Assert.AreEqual(3L, c.DroppedOffline);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(0L, c.Sent);
            Assert.AreEqual(0, _transport.PublishAttempts);

            // Coming online later does not resurrect them.
            GoOnline();
            _sender.Flush();
            Assert.AreEqual(0, _transport.PublishAttempts);
        }

        [TestMethod]
        public void Qos0WhileOnlineIsSentOnceAndNotKept()
        {
            Arrange(8, 4096);
            GoOnline();

            Submit(1, 0, 10);

            Assert.AreEqual(1, _transport.PublishCount);
            Assert.AreEqual(0, _transport.PublishAt(0).Qos);
            Assert.AreEqual(Topic, _transport.PublishAt(0).Topic);
            OutboxCounters c = Counters();
            Assert.AreEqual(1L, c.Sent);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(1, _log.CountExactly("telemetry: published seq=1 qos=0"));
        }

        [TestMethod]
        public void Qos1And2WhileOfflineAreQueuedThenFlushedInOrder()
        {
            Arrange(8, 4096);

            Submit(1, 1, 10);
            Submit(2, 2, 10);
            Submit(3, 1, 10);
            Assert.AreEqual(3, Counters().Queued);
            Assert.AreEqual(0, _transport.PublishAttempts);

            GoOnline();
            Assert.IsTrue(_sender.FlushWanted);
            _sender.Flush();

            Assert.AreEqual("1/1,2/2,3/1", Published());
            OutboxCounters c = Counters();
            Assert.AreEqual(3L, c.Sent);
            Assert.AreEqual(3, c.Queued);
            Assert.AreEqual(3, c.InFlight);
        }

        [TestMethod]
        public void DeliveredMessageLeavesTheOutbox()
        {
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 1, 10);
            Submit(2, 2, 20);
            int first = _transport.PublishAt(0).MessageId;

            _transport.Deliver(first);

            OutboxCounters c = Counters();
            Assert.AreEqual(1L, c.Delivered);
            Assert.AreEqual(1, c.Queued);
            Assert.AreEqual(20, c.QueuedBytes);
            Assert.AreEqual(2L, _outbox.At(0).Sequence);
        }

        [TestMethod]
        public void FailedMessageGoesBackAndIsSentAgain()
        {
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 1, 10);
            int firstId = _transport.PublishAt(0).MessageId;

            _transport.Fail(firstId);

            OutboxCounters c = Counters();
            Assert.AreEqual(1L, c.Failed);
            Assert.AreEqual(1, c.Queued);
            Assert.AreEqual(0, c.InFlight);
            Assert.IsTrue(_sender.FlushWanted);

            _sender.Flush();

            Assert.AreEqual("1/1,1/1", Published());
            Assert.AreEqual(Hex.Format(_transport.PublishAt(0).Payload), Hex.Format(_transport.PublishAt(1).Payload));
            Assert.AreEqual(1, _log.CountExactly("telemetry: published seq=1 qos=1 (resend)"));
            _transport.Deliver(_transport.PublishAt(1).MessageId);
            c = Counters();
            Assert.AreEqual(2L, c.Sent);
            Assert.AreEqual(1L, c.Delivered);
            Assert.AreEqual(0, c.Queued);
        }

        [TestMethod]
        public void FullByCountDropsTheOldest()
        {
            Arrange(3, 4096);

            for (int seq = 1; seq <= 5; seq++)
            {
                Submit(seq, 1, 10);
            }

            OutboxCounters c = Counters();
            Assert.AreEqual(3, c.Queued);
            Assert.AreEqual(30, c.QueuedBytes);
            Assert.AreEqual(2L, c.DroppedFull);
            Assert.AreEqual(1, _log.CountExactly("telemetry: outbox full, dropped seq=1 qos=1"));
            Assert.AreEqual(1, _log.CountExactly("telemetry: outbox full, dropped seq=2 qos=1"));

            GoOnline();
            _sender.Flush();
            Assert.AreEqual("3/1,4/1,5/1", Published());
        }

        [TestMethod]
        public void FullByBytesDropsTheOldestUntilTheNewOneFits()
        {
            Arrange(8, 100);

            Submit(1, 1, 40);
            Submit(2, 1, 40);
            Submit(3, 2, 40);

            OutboxCounters c = Counters();
            Assert.AreEqual(2, c.Queued);
            Assert.AreEqual(80, c.QueuedBytes);
            Assert.AreEqual(1L, c.DroppedFull);

            // 80 + 60 > 100: one 40-byte message goes, then 40 + 60 = 100 fits exactly.
            Submit(4, 1, 60);

            c = Counters();
            Assert.AreEqual(2, c.Queued);
            Assert.AreEqual(100, c.QueuedBytes);
            Assert.AreEqual(2L, c.DroppedFull);
            Assert.AreEqual(3L, _outbox.At(0).Sequence);
            Assert.AreEqual(4L, _outbox.At(1).Sequence);
        }

        [TestMethod]
        public void MessageLargerThanTheWholeOutboxIsDroppedAndTheOthersKept()
        {
            Arrange(8, 100);
            Submit(1, 1, 40);

            Submit(2, 1, 101);

            OutboxCounters c = Counters();
            Assert.AreEqual(1, c.Queued);
            Assert.AreEqual(1L, c.DroppedFull);
            Assert.AreEqual(1L, _outbox.At(0).Sequence);
        }

        [TestMethod]
        public void InflightFullKeepsMessagesQueuedUntilTheNextDelivery()
        {
            Arrange(8, 4096);
            _transport.InflightWindow = 1;
            GoOnline();

            Submit(1, 1, 10);
            Submit(2, 1, 10);
            Assert.AreEqual("1/1", Published());
            Assert.AreEqual(2, _transport.PublishAttempts);

            // The window is known to be full: a new message waits without another attempt.
            Submit(3, 1, 10);
            Assert.AreEqual(2, _transport.PublishAttempts);
            Assert.AreEqual(3, Counters().Queued);
            Assert.IsFalse(_sender.FlushWanted);

            _transport.Deliver(_transport.PublishAt(0).MessageId);
            Assert.IsTrue(_sender.FlushWanted);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1", Published());

            _transport.Deliver(_transport.PublishAt(1).MessageId);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1,3/1", Published());

            OutboxCounters c = Counters();
            Assert.AreEqual(3L, c.Sent);
            Assert.AreEqual(2L, c.Delivered);
            Assert.AreEqual(1, c.Queued);
            Assert.AreEqual(0L, c.Failed);
            Assert.AreEqual(0L, c.DroppedFull);
        }

        [TestMethod]
        public void WindowOpeningWhilePublishRefusesIsNotMissed()
        {
            // The last in-flight message is delivered on another thread while Publish is returning
            // InflightFull: no further delivery will come, so the sender must not wait for one.
            Arrange(8, 4096);
            _transport.InflightWindow = 1;
            GoOnline();
            Submit(1, 1, 10);
            _transport.DeliverWhileRefusing = true;

            Submit(2, 1, 10);

            Assert.AreEqual("1/1", Published());
            Assert.AreEqual(1L, Counters().Delivered);
            Assert.IsTrue(_sender.FlushWanted);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1", Published());
        }

        [TestMethod]
        public void DeliveryReportedBeforePublishReturnsIsNotLost()
        {
            // nanoframework/Home#935: the PUBACK can arrive before Publish has returned the ID.
            Arrange(8, 4096);
            _transport.DeliverDuringPublish = true;
            GoOnline();

            Submit(1, 1, 10);
            Submit(2, 2, 10);

            OutboxCounters c = Counters();
            Assert.AreEqual(2L, c.Delivered);
            Assert.AreEqual(0, c.Queued);
        }

        [TestMethod]
        public void ReusedIdMeansTheTransportForgotTheOlderMessage()
        {
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 1, 10);
            Assert.AreEqual(1, _transport.PublishAt(0).MessageId);

            // A transport that lost its state starts numbering again.
            _transport.NextMessageId = 1;
            Submit(2, 1, 10);

            // The forgotten message went back to the queue and the same flush sent it again.
            OutboxCounters c = Counters();
            Assert.AreEqual(1L, c.Failed);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1,1/1", Published());
            Assert.AreEqual(2, Counters().InFlight);
        }

        [TestMethod]
        public void RejectedMessagesAreDroppedAndCounted()
        {
            Arrange(8, 4096);
            GoOnline();
            _transport.ForcedPublishResult = MqttPublishResult.Rejected;

            Submit(1, 1, 10);
            Submit(2, 0, 10);

            OutboxCounters c = Counters();
            Assert.AreEqual(2L, c.Rejected);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(0L, c.DroppedOffline);
        }

        [TestMethod]
        public void PublishRefusedAsNotConnectedKeepsQos1AndReportsTheLoss()
        {
            Arrange(8, 4096);
            GoOnline();
            _transport.Disconnect();

            Submit(1, 1, 10);

            Assert.AreEqual(1, Counters().Queued);
            Assert.IsFalse(_sender.IsOnline);
            Assert.AreEqual(1, _events.LinkLosses);

            // Now known offline: QoS 0 is dropped without asking the transport.
            int attempts = _transport.PublishAttempts;
            Submit(2, 0, 10);
            Assert.AreEqual(attempts, _transport.PublishAttempts);
            Assert.AreEqual(1L, Counters().DroppedOffline);
        }

        [TestMethod]
        public void InFlightMessageIsNotPublishedAgainAfterAReconnect()
        {
            // A resuming transport (Paho, CleanSession=false) finishes the handshake itself.
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 2, 10);
            int id = _transport.PublishAt(0).MessageId;

            _sender.OnDisconnected();
            GoOnline();
            _sender.Flush();

            Assert.AreEqual(1, _transport.PublishCount);
            _transport.Deliver(id);
            OutboxCounters c = Counters();
            Assert.AreEqual(1L, c.Delivered);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(0L, c.Failed);
        }

        [TestMethod]
        public void OrderIsKeptAcrossRemovalFromTheOldestEndAndTheMiddle()
        {
            MqttOutbox outbox = new MqttOutbox(3, 1000);
            OutboxMessage m3 = Message(3);
            outbox.Add(Message(1));
            outbox.Add(Message(2));
            outbox.Add(m3);
            Assert.IsFalse(outbox.HasRoomFor(1));
            Assert.AreEqual(1L, outbox.RemoveOldest().Sequence);
            outbox.Add(Message(4));

            Assert.IsTrue(outbox.Remove(m3));

            Assert.AreEqual(2, outbox.Count);
            Assert.AreEqual(2L, outbox.At(0).Sequence);
            Assert.AreEqual(4L, outbox.At(1).Sequence);
            Assert.AreEqual(20, outbox.Bytes);
            Assert.IsFalse(outbox.Remove(m3));
            Assert.AreEqual(2L, outbox.FirstPending().Sequence);
        }

        [TestMethod]
        public void RemovalNearEitherEndKeepsOrder()
        {
            // Remove moves the shorter side: near the oldest end the older messages move, near the
            // newest end the newer ones. Order and bytes must come out the same either way.
            MqttOutbox outbox = new MqttOutbox(5, 1000);
            OutboxMessage[] m = new OutboxMessage[9];
            for (int i = 1; i < m.Length; i++)
            {
                m[i] = Message(i);
            }

            for (int i = 1; i <= 5; i++)
            {
                outbox.Add(m[i]);
            }

            outbox.RemoveOldest();
            outbox.RemoveOldest();
            outbox.Add(m[6]);
            outbox.Add(m[7]);

            // Held now: 3 4 5 6 7.
            Assert.IsTrue(outbox.Remove(m[4]));
            Assert.IsTrue(outbox.Remove(m[6]));
            Assert.IsTrue(outbox.Remove(m[3]));
            outbox.Add(m[8]);

            Assert.AreEqual(3, outbox.Count);
            Assert.AreEqual(5L, outbox.At(0).Sequence);
            Assert.AreEqual(7L, outbox.At(1).Sequence);
            Assert.AreEqual(8L, outbox.At(2).Sequence);
            Assert.AreEqual(30, outbox.Bytes);
            Assert.AreEqual(5L, outbox.RemoveOldest().Sequence);
            Assert.IsTrue(outbox.Remove(m[8]));
            Assert.AreEqual(7L, outbox.At(0).Sequence);
            Assert.AreEqual(1, outbox.Count);
        }

        [TestMethod]
        public void InFlightCountFollowsEveryWayAMessageLeavesFlight()
        {
            // The outbox counts its in-flight messages instead of scanning for them; the count must
            // follow delivery, failure, eviction of an in-flight message and a re-send.
            Arrange(3, 4096);
            GoOnline();
            Submit(1, 1, 10);
            Submit(2, 1, 10);
            Submit(3, 2, 10);
            Assert.AreEqual(3, Counters().InFlight);

            _transport.Deliver(_transport.PublishAt(1).MessageId);
            Assert.AreEqual(2, Counters().InFlight);

            _transport.Fail(_transport.PublishAt(2).MessageId);
            Assert.AreEqual(1, Counters().InFlight);

            // Offline, 4 joins (1 in flight, 3 pending, 4 pending); 5 finds the outbox full and
            // evicts the oldest, seq 1, while it is still in flight.
            _sender.OnDisconnected();
            Submit(4, 1, 10);
            Submit(5, 1, 10);
            OutboxCounters c = Counters();
            Assert.AreEqual(0, c.InFlight);
            Assert.AreEqual(3, c.Queued);
            Assert.AreEqual(1L, c.DroppedFull);

            // Its late acknowledgement is not mistaken for a held message.
            _transport.Deliver(_transport.PublishAt(0).MessageId);
            c = Counters();
            Assert.AreEqual(1L, c.Delivered);
            Assert.AreEqual(3, c.Queued);

            GoOnline();
            _sender.Flush();
            Assert.AreEqual(3, Counters().InFlight);
            Assert.AreEqual("1/1,2/1,3/2,3/2,4/1,5/1", Published());
            _transport.Deliver(_transport.PublishAt(4).MessageId);
            _transport.Deliver(_transport.PublishAt(3).MessageId);
            _transport.Deliver(_transport.PublishAt(5).MessageId);
            c = Counters();
            Assert.AreEqual(0, c.InFlight);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(4L, c.Delivered);
        }

        [TestMethod]
        public void WhenTheClientForgetsEveryOpenMessageEachIsSentAgainInOrder()
        {
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 1, 10);
            Submit(2, 2, 10);
            Submit(3, 1, 10);

            _transport.LoseInflight();
            OutboxCounters c = Counters();
            Assert.AreEqual(0, c.InFlight);
            Assert.AreEqual(3, c.Queued);
            Assert.AreEqual(3L, c.Failed);
            Assert.IsTrue(_sender.FlushWanted);

            _sender.Flush();
            Assert.AreEqual("1/1,2/2,3/1,1/1,2/2,3/1", Published());
            Assert.AreEqual(1, _log.CountExactly("telemetry: published seq=2 qos=2 (resend)"));
            _transport.DeliverAll();
            Assert.AreEqual(3L, Counters().Delivered);
        }

        [TestMethod]
        public void AMessageTakenWhileTheClientForgetsEverythingIsSentAgain()
        {
            Arrange(8, 4096);
            GoOnline();
            Submit(1, 1, 10);
            _transport.LoseInflightDuringPublish = true;

            Submit(2, 1, 10);

            // Seq 1 and seq 2 are both gone with the client's state, though Publish accepted seq 2:
            // both count as failed, and the same flush already sends seq 1 again; seq 2 waits its turn.
            OutboxCounters c = Counters();
            Assert.AreEqual(2L, c.Failed);
            Assert.AreEqual("1/1,2/1,1/1", Published());
            Assert.AreEqual(1, c.InFlight);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1,1/1,2/1", Published());
            Assert.AreEqual(2, Counters().InFlight);
        }

        [TestMethod]
        public void TheWindowIsTheTransportsAndCountsMessagesEvictedInFlight()
        {
            Arrange(2, 4096, 2);
            GoOnline();
            Submit(1, 1, 10);
            Submit(2, 1, 10);

            // Seq 3 evicts seq 1 while the client still holds it: the window stays full.
            Submit(3, 1, 10);
            Assert.AreEqual("1/1,2/1", Published());
            Assert.AreEqual(1L, Counters().DroppedFull);
            Assert.AreEqual(1, Counters().InFlight);

            // The evicted message's report frees its slot, and seq 3 goes.
            _transport.Deliver(_transport.PublishAt(0).MessageId);
            Assert.IsTrue(_sender.FlushWanted);
            _sender.Flush();
            Assert.AreEqual("1/1,2/1,3/1", Published());
            Assert.AreEqual(0L, Counters().Delivered);
        }

        [TestMethod]
        public void Qos0IsDroppedRatherThanPublishedIntoAFullWindow()
        {
            Arrange(8, 4096, 1);
            GoOnline();
            Submit(1, 1, 10);

            Submit(2, 0, 10);

            Assert.AreEqual("1/1", Published());
            Assert.AreEqual(1L, Counters().DroppedOffline);
            Assert.AreEqual(1, _log.CountExactly("telemetry: dropped seq=2 qos=0 (in-flight window full)"));

            _transport.DeliverAll();
            Submit(3, 0, 10);
            Assert.AreEqual("1/1,3/0", Published());
        }

        private static void Arrange(int maxMessages, int maxBytes)
        {
            Arrange(maxMessages, maxBytes, 10);
        }

        private static void Arrange(int maxMessages, int maxBytes, int window)
        {
            _transport = new FakeMqttTransport();
            _transport.MaxInflight = window;
            _log = new RecordingLog();
            _outbox = new MqttOutbox(maxMessages, maxBytes);
            _events = new SenderEvents();
            _sender = new MqttSender(_transport, _outbox, _events, _log);
            _events.Target = _sender;
            _transport.SetListener(_events);
        }

        private static OutboxCounters Counters()
        {
            OutboxCounters counters = new OutboxCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
            _sender.ReadCounters(counters);
            return counters;
        }

        private static void GoOnline()
        {
            _transport.Connect(new MqttConnectOptions());
            _sender.OnConnected();
        }

        private static void Submit(long sequence, int qos, int length)
        {
            // Payload: the sequence number in the "seq" position, padded to the requested length.
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)' ';
            }

            byte[] head = SettingsFixtures.Ascii("{\"seq\":" + sequence.ToString() + ",");
            for (int i = 0; i < head.Length && i < length; i++)
            {
                payload[i] = head[i];
            }

            _sender.Submit(Topic, payload, qos, false, "telemetry", sequence);
        }

        private static string Published()
        {
            string text = string.Empty;
            for (int i = 0; i < _transport.PublishCount; i++)
            {
                FakePublish p = _transport.PublishAt(i);
                text += (i == 0 ? string.Empty : ",") + TelemetryRig.SeqOf(p).ToString() + "/" + p.Qos.ToString();
            }

            return text;
        }

        private static OutboxMessage Message(long sequence)
        {
            return new OutboxMessage(Topic, new byte[10], 1, false, "telemetry", sequence);
        }

        /// <summary>Routes the fake transport's events to the sender, as the service does, and counts link losses.</summary>
        private sealed class SenderEvents : IMqttTransportListener
        {
            public MqttSender Target;

            public int LinkLosses { get; private set; }

            public void OnDelivered(int messageId)
            {
                Target.OnDelivered(messageId);
            }

            public void OnDeliveryFailed(int messageId)
            {
                Target.OnDeliveryFailed(messageId);
            }

            public void OnMessage(string topic, byte[] payload, bool retained)
            {
            }

            public void OnInflightLost()
            {
                Target.OnInflightLost();
            }

            public void OnConnectionLost(string reason)
            {
                LinkLosses++;
                Target.OnDisconnected();
            }
        }
    }
}
