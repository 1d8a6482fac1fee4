using System.Threading;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// Telemetry through the composed device (<see cref="TelemetryRig"/>): interval, topic, QoS taken
    /// from the property per message (and switched by a Set without reconnect), offline behaviour,
    /// re-sends after a reconnect, production during a blocking connect, and the device's threads.
    /// </summary>
    [TestClass]
    public class TelemetryPublisherTests
    {
        private static TelemetryRig _rig;

        [TestMethod]
        public void PublishesToTheTelemetryTopicEveryInterval()
        {
            _rig = TelemetryRig.Create(0);

            _rig.Begin();
            Assert.AreEqual(1, _rig.TelemetryCount);
            _rig.Step(999);
            Assert.AreEqual(1, _rig.TelemetryCount);
            _rig.Step(1);

            Assert.AreEqual(2, _rig.TelemetryCount);
            FakePublish second = _rig.TelemetryAt(1);
            Assert.AreEqual(TelemetryRig.Topic, second.Topic);
            Assert.AreEqual(0, second.Qos);
            Assert.AreEqual(
                "{\"seq\":2,\"boot\":\"b00t\",\"up_ms\":2000,\"qos\":0,\"readings\":{\"temp_c\":21.5},"
                + "\"outbox\":{\"queued\":0,\"sent\":2,\"delivered\":0,\"dropped_offline\":0,\"dropped_full\":0,\"failed\":0},"
                + "\"remote\":{\"requests\":0,\"dropped\":0,\"rollbacks\":0}}",
                second.Text);
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: connected to 127.0.0.1:1883 as DeviceFirmware-sim01"));
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=1 qos=0"));
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=2 qos=0"));
        }

        [TestMethod]
        public void LongStallProducesOneMessageNotABurst()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            _rig.Step(5500);
            Assert.AreEqual(2, _rig.TelemetryCount);
            _rig.Step(999);
            Assert.AreEqual(2, _rig.TelemetryCount);
            _rig.Step(1);
            Assert.AreEqual(3, _rig.TelemetryCount);
        }

        [TestMethod]
        public void QosComesFromThePropertyWhenTheMessageIsCreated()
        {
            _rig = TelemetryRig.Create(2);

            _rig.Begin();

            Assert.AreEqual(2, _rig.TelemetryAt(0).Qos);
            Assert.Contains("\"qos\":2,", _rig.TelemetryAt(0).Text);
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=1 qos=2"));
        }

        [TestMethod]
        public void QosSetAppliesToTheVeryNextMessageWithoutReconnect()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 1);
            _rig.Step(1000);
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 0);
            _rig.Step(1000);

            Assert.AreEqual("1/0,2/1,3/2,4/0", _rig.Published());
            for (int i = 0; i < 4; i++)
            {
                FakePublish p = _rig.TelemetryAt(i);
                Assert.Contains("\"qos\":" + p.Qos.ToString() + ",", p.Text);
            }

            // One session all along; the subscription followed the QoS without a reconnect.
            Assert.AreEqual(1, _rig.Transport.ConnectCount);
            Assert.AreEqual(0, _rig.Transport.DisconnectCount);
            Assert.AreEqual("DeviceFirmware/Device/sim01/0;", _rig.Transport.Subscriptions);
        }

        [TestMethod]
        public void QueuedMessagesKeepTheirQosWhenTheSettingChanges()
        {
            _rig = TelemetryRig.Create(1, WindowOf(1));
            _rig.Begin();
            _rig.Step(1000);
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);
            Assert.AreEqual("1/1", _rig.Published());
            Assert.AreEqual(3, _rig.Counters.Queued);

            // Each delivery opens the window for the next queued message, with the QoS it was made with.
            _rig.Transport.Deliver(_rig.TelemetryAt(0).MessageId);
            _rig.Poll();
            _rig.Transport.Deliver(_rig.TelemetryAt(1).MessageId);
            _rig.Poll();

            Assert.AreEqual("1/1,2/1,3/2", _rig.Published());
            Assert.AreEqual(1, _rig.Transport.ConnectCount);
            Assert.AreEqual(0, _rig.Transport.DisconnectCount);
        }

        [TestMethod]
        public void OfflineQueueKeepsEachMessagesQosAndDropsQos0()
        {
            _rig = TelemetryRig.Create(1);
            _rig.Transport.ConnectResult = MqttConnectResult.NetworkError;

            _rig.Begin();                                                      // connects fail at 0 and 1000 (next 3000); seq 1 qos 1 queued
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);                                                   // t=2000: seq 2 qos 2 queued
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 0);
            _rig.Step(1000);                                                   // t=3000: connect fails (next 7000); seq 3 qos 0 dropped
            Assert.AreEqual(0, _rig.Transport.PublishAttempts);
            Assert.AreEqual(2, _rig.Counters.Queued);

            _rig.Transport.ConnectResult = MqttConnectResult.Success;
            _rig.Step(4000);                                                   // t=7000: connects, flushes, then seq 4 qos 0

            Assert.AreEqual("1/1,2/2,4/0", _rig.Published());
            Assert.AreEqual(1L, _rig.Counters.DroppedOffline);
            Assert.Contains("\"outbox\":{\"queued\":2,\"sent\":3,\"delivered\":0,\"dropped_offline\":1,", _rig.TelemetryAt(2).Text);
        }

        [TestMethod]
        public void Qos0WhileOfflineIsDroppedAndCounted()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Transport.ConnectResult = MqttConnectResult.NetworkError;

            _rig.Begin();
            _rig.Step(1000);
            _rig.Step(1000);

            OutboxCounters c = _rig.Counters;
            Assert.AreEqual(3L, c.DroppedOffline);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(0, _rig.Transport.PublishAttempts);

            // Attempts failed at 0, 1000 and 3000; the next is due at 7000.
            _rig.Transport.ConnectResult = MqttConnectResult.Success;
            _rig.Step(4000);
            Assert.AreEqual("4/0", _rig.Published());
            Assert.Contains("\"dropped_offline\":3,", _rig.TelemetryAt(0).Text);
        }

        [TestMethod]
        public void MessagesFailedByTheTransportAreSentAgainInOrderAfterReconnect()
        {
            // The ESP32 adapter reports every in-flight ID failed when M2Mqtt's Close() drops its queues.
            _rig = TelemetryRig.Create(1);
            _rig.Begin();
            _rig.Step(1000);

            _rig.Transport.DropConnection("network down", true);
            _rig.Poll();
            Assert.AreEqual(2, _rig.Counters.Queued);
            Assert.AreEqual(2L, _rig.Counters.Failed);
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: connection lost (network down); retry in 1000 ms"));

            _rig.Step(1000);

            Assert.AreEqual("1/1,2/1,1/1,2/1,3/1", _rig.Published());
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=1 qos=1 (resend)"));
            _rig.Transport.DeliverAll();
            OutboxCounters c = _rig.Counters;

            // Five telemetry publishes and the two "connected" status messages.
            Assert.AreEqual(7L, c.Sent);
            Assert.AreEqual(3L, c.Delivered);
            Assert.AreEqual(0, c.Queued);
        }

        [TestMethod]
        public void InFlightMessagesAreNotPublishedAgainWhenTheTransportResumesItsSession()
        {
            // Paho with CleanSession=false resends unacknowledged PUBLISH/PUBREL itself; a second
            // PUBLISH from us would be a duplicate QoS 2 message at the subscriber.
            _rig = TelemetryRig.Create(2);
            _rig.Begin();
            int firstId = _rig.TelemetryAt(0).MessageId;

            _rig.Transport.DropConnection("network down", false);
            _rig.Step(1000);

            Assert.AreEqual(2, _rig.Transport.ConnectCount);
            Assert.AreEqual("1/2,2/2", _rig.Published());
            Assert.IsFalse(_rig.Transport.LastOptions.CleanSession);

            _rig.Transport.Deliver(firstId);
            _rig.Transport.DeliverAll();
            OutboxCounters c = _rig.Counters;
            Assert.AreEqual(2L, c.Delivered);
            Assert.AreEqual(0L, c.Failed);
            Assert.AreEqual(0, c.Queued);
        }

        [TestMethod]
        public void BlockingConnectDoesNotStopProduction()
        {
            _rig = TelemetryRig.Create(0);
            ProduceWhileConnecting hook = new ProduceWhileConnecting();
            hook.Rig = _rig;
            _rig.Transport.ConnectHook = hook;

            _rig.Poll();

            // Inside Connect: seq 1 (QoS 0) was dropped, seq 2 (QoS 1) queued; after it, seq 2 went out.
            Assert.AreEqual(1L, hook.DroppedDuringConnect);
            Assert.AreEqual(1, hook.QueuedDuringConnect);
            Assert.AreEqual("2/1", _rig.Published());
            Assert.AreEqual(1L, _rig.Counters.DroppedOffline);
        }

        [TestMethod]
        public void TopicChangeReconnectsCleanlyAndTheNextMessageGoesToTheNewTopic()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            SettingsFixtures.SetText(_rig.Settings, PropertyIndex.MqttPublishTopic, "plant/line1");
            _rig.Step(1000);

            Assert.AreEqual("plant/line1/Telemetry", _rig.TelemetryAt(1).Topic);

            // The status moved with the topic: "disconnected" on the old one, "connected" on the new.
            Assert.AreEqual(2, _rig.Transport.ConnectCount);
            Assert.AreEqual(1, _rig.Transport.DisconnectCount);
            Assert.AreEqual("connected", StatusOn("DeviceFirmware/Server/sim01/Status", 0));
            Assert.AreEqual("disconnected", StatusOn("DeviceFirmware/Server/sim01/Status", 1));
            Assert.AreEqual("connected", StatusOn("plant/line1/Status", 0));
        }

        private static string StatusOn(string topic, int index)
        {
            for (int i = 0; i < _rig.Transport.PublishCount; i++)
            {
                FakePublish p = _rig.Transport.PublishAt(i);
                if (p.Topic == topic && index-- == 0)
                {
                    Assert.IsTrue(p.Retain, "status is retained");
                    return p.Text;
                }
            }

            return null;
        }

        [TestMethod]
        public void HundredScheduledMessagesAreDeliveredInOrder()
        {
            _rig = TelemetryRig.Create(1);
            _rig.Transport.DeliverDuringPublish = true;
            _rig.Begin();

            _rig.Produce(100);

            Assert.AreEqual(101, _rig.TelemetryCount);
            for (int i = 0; i < 101; i++)
            {
                Assert.AreEqual((long)(i + 1), TelemetryRig.SeqOf(_rig.TelemetryAt(i)));
            }

            OutboxCounters c = _rig.Counters;
            Assert.AreEqual(101L, c.Delivered);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(101L, _rig.Publisher.LastSequence);
        }

        [TestMethod]
        public void StartRunsThePartsOnThreadsAndDisposeClosesTheSession()
        {
            _rig = TelemetryRig.Create(1);

            _rig.Device.Start();
            for (int waited = 0; waited < 5000 && _rig.TelemetryCount == 0; waited += 10)
            {
                _rig.Clock.Advance(100);
                Thread.Sleep(10);
            }

            _rig.Device.Dispose();

            Assert.IsTrue(_rig.TelemetryCount >= 1);
            Assert.AreEqual(1, _rig.Transport.DisconnectCount);
            Assert.AreEqual((int)ConnectionState.Stopped, (int)_rig.Session.State);
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: boot b00t, every 1000 ms"));
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: connected to 127.0.0.1:1883 as DeviceFirmware-sim01"));
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: disconnected from 127.0.0.1:1883 as DeviceFirmware-sim01 (stopped)"));
            Assert.IsNull(_rig.Transport.Listener);

            // Nothing runs any more: the clock moves, no message follows.
            int published = _rig.Transport.PublishAttempts;
            _rig.Clock.Advance(5000);
            Thread.Sleep(50);
            Assert.AreEqual(published, _rig.Transport.PublishAttempts);
        }

        [TestMethod]
        public void ADeliveryWakesTheSessionThreadAtOnceToSendTheNextQueuedMessage()
        {
            // The session's thread sleeps up to PollingWorker.MaxWaitMilliseconds (1 s) between polls;
            // a delivery must wake it, not wait for that. Five rounds, each under a quarter of the idle
            // wait: without the wake-up, all five pass by chance with a probability of about 1/1000.
            const int PromptMilliseconds = 250;
            _rig = TelemetryRig.Create(1, WindowOf(1));

            // The first message is due one interval after the publisher's first poll: make that poll
            // now, so that the clock moves below are not raced by the worker's first poll.
            _rig.Publisher.Poll();
            _rig.Device.Start();
            try
            {
                Waiting.Until(() => _rig.Session.IsConnected, "the session comes up");
                _rig.Clock.Advance(TelemetryRig.IntervalMs);
                Waiting.Until(() => _rig.TelemetryCount == 1, "the first message goes out");
                for (int round = 0; round < 5; round++)
                {
                    // One message in flight fills the window; the next one waits behind it.
                    _rig.Clock.Advance(TelemetryRig.IntervalMs);
                    Waiting.Until(() => _rig.Counters.Queued == 2, "a message queued behind the full window");

                    int waiting = _rig.TelemetryCount;
                    long start = System.DateTime.UtcNow.Ticks;
                    _rig.Transport.Deliver(_rig.TelemetryAt(waiting - 1).MessageId);
                    Waiting.Until(() => _rig.TelemetryCount == waiting + 1, "the queued message goes out");
                    long elapsedMs = (System.DateTime.UtcNow.Ticks - start) / System.TimeSpan.TicksPerMillisecond;
                    Assert.IsTrue(elapsedMs < PromptMilliseconds, "round " + round.ToString() + ": the queued message left " + elapsedMs.ToString() + " ms after the delivery");
                }
            }
            finally
            {
                _rig.Device.Dispose();
            }
        }

        [TestMethod]
        public void UnderPollADeliveryWaitsForTheNextPoll()
        {
            _rig = TelemetryRig.Create(1, WindowOf(1));
            _rig.Begin();
            _rig.Step(1000);
            Assert.AreEqual(1, _rig.TelemetryCount);

            _rig.Transport.Deliver(_rig.TelemetryAt(0).MessageId);
            Assert.AreEqual(1, _rig.TelemetryCount);

            _rig.Session.Poll();
            Assert.AreEqual(2, _rig.TelemetryCount);
        }

        private static FakeMqttTransport WindowOf(int messages)
        {
            FakeMqttTransport transport = new FakeMqttTransport();
            transport.MaxInflight = messages;
            return transport;
        }

        /// <summary>Runs the telemetry loop while Connect blocks, as the telemetry thread would.</summary>
        private sealed class ProduceWhileConnecting : IFakeConnectHook
        {
            public TelemetryRig Rig;
            public long DroppedDuringConnect;
            public int QueuedDuringConnect;

            public void DuringConnect(FakeMqttTransport transport)
            {
                Rig.Publisher.Poll();
                Rig.Clock.Advance(TelemetryRig.IntervalMs);
                Rig.Publisher.Poll();
                SettingsFixtures.SetNumber(Rig.Settings, PropertyIndex.MqttQos, 1);
                Rig.Clock.Advance(TelemetryRig.IntervalMs);
                Rig.Publisher.Poll();
                DroppedDuringConnect = Rig.Counters.DroppedOffline;
                QueuedDuringConnect = Rig.Counters.Queued;
            }
        }
    }
}
