using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Mqtt
{
    /// <summary>
    /// The outbox's own storage: records in one array that follows what it holds, payloads and
    /// topics that come back exactly as they went in, and handles that follow the state of the
    /// message they name. The bounds and what the sender does with them are in MqttSenderTests.
    /// </summary>
    [TestClass]
    public class MqttOutboxTests
    {
        private const int Header = MqttOutbox.RecordHeaderLength;

        [TestMethod]
        public void AnEmptyOutboxHoldsNoStorageAndLetsItGoWhenEmptiedAgain()
        {
            MqttOutbox outbox = new MqttOutbox(32, 8192);
            Assert.AreEqual(0, outbox.StorageLength);

            OutboxMessage message = Message("t", 1, 160);
            outbox.Add(message);
            Assert.AreEqual(256, outbox.StorageLength);

            Assert.IsTrue(outbox.Remove(message));
            Assert.AreEqual(0, outbox.StorageLength);
            Assert.IsNull(outbox.FirstPending());
        }

        [TestMethod]
        public void StorageGrowsWithWhatItHoldsAndNeverPastTheBounds()
        {
            // 32 messages of 160 bytes, then as many again evicting the oldest: the steady state of an outage.
            MqttOutbox outbox = new MqttOutbox(32, 8192);
            for (int i = 1; i <= 64; i++)
            {
                if (!outbox.HasRoomFor(160))
                {
                    outbox.RemoveOldest();
                }

                outbox.Add(Message("t", i, 160));
                int used = outbox.Bytes + (outbox.Count * Header);
                int slack = outbox.StorageLength - used;
                Assert.IsTrue(slack >= 0);
                Assert.IsTrue(slack <= 256 || slack <= outbox.StorageLength / 8, "storage " + outbox.StorageLength.ToString() + " for " + used.ToString() + " bytes");
            }

            Assert.AreEqual(32, outbox.Count);
            Assert.IsTrue(outbox.StorageLength <= 8192 + (32 * Header));

            // Near the message bound it grew only as far as the messages still to come needed:
            // full, it holds exactly its records.
            Assert.AreEqual(32 * (160 + Header), outbox.StorageLength);
            Assert.AreEqual(33L, outbox.At(0).Sequence);
            Assert.AreEqual(64L, outbox.At(31).Sequence);
        }

        [TestMethod]
        public void StorageAtTheBoundsHoldsEveryByteTheBoundsAllow()
        {
            MqttOutbox outbox = new MqttOutbox(4, 100);
            outbox.Add(Message("t", 1, 97));
            outbox.Add(Message("t", 2, 1));
            outbox.Add(Message("t", 3, 1));
            outbox.Add(Message("t", 4, 1));

            Assert.IsFalse(outbox.HasRoomFor(0));
            Assert.AreEqual(100, outbox.Bytes);
            Assert.IsTrue(outbox.StorageLength <= 100 + (4 * Header));
            AssertPayload(outbox.FirstPending(), 1, 97);
        }

        [TestMethod]
        public void PayloadsComeBackByteForByteAfterEveryKindOfMove()
        {
            // Lengths 0 to 40 and back: removals from both ends and the middle, compaction and growth.
            MqttOutbox outbox = new MqttOutbox(6, 150);
            long next = 1;
            long expectedOldest = 1;
            for (int round = 0; round < 60; round++)
            {
                int length = (round * 7) % 41;
                while (!outbox.HasRoomFor(length))
                {
                    Assert.AreEqual(expectedOldest, outbox.RemoveOldest().Sequence);
                    expectedOldest = outbox.Count == 0 ? next : outbox.At(0).Sequence;
                }

                outbox.Add(Message("t", next, length));
                next++;
                if (round % 5 == 4 && outbox.Count > 2)
                {
                    Assert.IsTrue(outbox.Remove(outbox.At(outbox.Count / 2)));
                }

                expectedOldest = outbox.At(0).Sequence;
                for (int i = 0; i < outbox.Count; i++)
                {
                    OutboxMessage held = outbox.At(i);
                    Assert.AreEqual(LengthOf(held.Sequence), held.PayloadLength);
                }
            }

            // Send them all: each payload is its own.
            int count = outbox.Count;
            for (int i = 0; i < count; i++)
            {
                OutboxMessage pending = outbox.FirstPending();
                AssertPayload(pending, pending.Sequence, LengthOf(pending.Sequence));
                outbox.MarkInFlight(pending, 100 + i);
            }

            Assert.IsNull(outbox.FirstPending());
            Assert.AreEqual(count, outbox.InFlightCount);
        }

        [TestMethod]
        public void EachMessageKeepsItsTopicAndSource()
        {
            MqttOutbox outbox = new MqttOutbox(8, 1000);
            OutboxMessage b = new OutboxMessage("topic/b", new byte[3], 2, true, "status", 2);
            outbox.Add(Message("topic/a", 1, 3));
            outbox.Add(b);
            outbox.Add(Message("topic/a", 3, 3));

            // A topic built anew (another string with the same text) is the same topic.
            outbox.Add(Message(new string("topic/a".ToCharArray()), 4, 3));
            Assert.IsTrue(outbox.Remove(b));
            for (int i = 0; i < 4; i++)
            {
                outbox.Add(Message("topic/" + i.ToString(), 10 + i, 3));
            }

            string[] expected = new string[] { "topic/a", "topic/a", "topic/a", "topic/0", "topic/1", "topic/2", "topic/3" };
            Assert.AreEqual(expected.Length, outbox.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                OutboxMessage held = outbox.At(i);
                Assert.AreEqual(expected[i], held.Topic);
                Assert.AreEqual("telemetry", held.Source);
                Assert.AreEqual(1, held.Qos);
                Assert.IsFalse(held.Retain);
            }

            // The QoS and retain flag of a message come back too.
            outbox.Add(new OutboxMessage("topic/b", new byte[3], 2, true, "status", 20));
            OutboxMessage last = outbox.At(outbox.Count - 1);
            Assert.AreEqual("topic/b", last.Topic);
            Assert.AreEqual("status", last.Source);
            Assert.AreEqual(2, last.Qos);
            Assert.IsTrue(last.Retain);
        }

        [TestMethod]
        public void HandlesFollowTheStateOfTheMessageTheyName()
        {
            MqttOutbox outbox = new MqttOutbox(4, 1000);
            OutboxMessage added = Message("t", 1, 5);
            outbox.Add(Message("t", 2, 5));
            outbox.Add(added);
            Assert.IsTrue(outbox.Contains(added));
            Assert.IsTrue(added.IsPending);

            OutboxMessage first = outbox.FirstPending();
            outbox.MarkSending(first);
            Assert.IsFalse(first.IsPending);
            Assert.IsFalse(outbox.At(0).IsPending);
            Assert.AreEqual(1L, outbox.FirstPending().Sequence);

            outbox.MarkInFlight(first, 77);
            Assert.AreEqual(1, outbox.InFlightCount);
            OutboxMessage found = outbox.FindInFlight(77);
            Assert.AreEqual(2L, found.Sequence);
            Assert.AreEqual(77, found.MessageId);
            Assert.AreEqual(1, found.SendCount);
            Assert.IsNull(found.Payload);
            Assert.AreEqual(5, found.PayloadLength);

            outbox.MarkPending(found);
            Assert.AreEqual(0, outbox.InFlightCount);
            Assert.AreEqual(OutboxMessage.NoMessageId, found.MessageId);
            Assert.IsNull(outbox.FindInFlight(77));
            OutboxMessage again = outbox.FirstPending();
            outbox.MarkInFlight(again, 78);
            Assert.AreEqual(2, again.SendCount);

            // Evicted in flight: the outbox stops counting it, and its handle says what it was.
            OutboxMessage evicted = outbox.RemoveOldest();
            Assert.IsTrue(evicted.IsInFlight);
            Assert.AreEqual(78, evicted.MessageId);
            Assert.AreEqual(0, outbox.InFlightCount);
            Assert.IsFalse(outbox.Contains(again));
            Assert.IsFalse(outbox.Remove(again));
        }

        [TestMethod]
        public void AMessageIsTakenOnceAndNeedsATopic()
        {
            MqttOutbox outbox = new MqttOutbox(4, 1000);
            OutboxMessage message = Message("t", 1, 5);
            outbox.Add(message);

            Assert.ThrowsException(typeof(InvalidOperationException), () => outbox.Add(message));
            Assert.ThrowsException(typeof(ArgumentException), () => outbox.Add(new OutboxMessage(null, new byte[1], 1, false, "telemetry", 2)));
            Assert.IsFalse(outbox.Contains(Message("t", 1, 5)));
            Assert.AreEqual(1, outbox.Count);
        }

        // Payload of a message: its length follows its sequence number, its bytes both.
        private static OutboxMessage Message(string topic, long sequence, int length)
        {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)((sequence * 31) + i);
            }

            return new OutboxMessage(topic, payload, 1, false, "telemetry", sequence);
        }

        private static int LengthOf(long sequence)
        {
            // Message n of PayloadsComeBackByteForByteAfterEveryKindOfMove was made in round n - 1.
            return (int)(((sequence - 1) * 7) % 41);
        }

        private static void AssertPayload(OutboxMessage message, long sequence, int length)
        {
            Assert.AreEqual(length, message.Payload.Length);
            for (int i = 0; i < length; i++)
            {
                Assert.AreEqual((byte)((sequence * 31) + i), message.Payload[i]);
            }
        }
    }
}
