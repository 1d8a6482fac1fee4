using System.Threading;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// The whole pipeline through <see cref="TelemetryService"/>: interval, topic, QoS taken from the
    /// property per message (and switched by a Set without reconnect), offline behaviour, re-sends
    /// after a reconnect, production during a blocking connect, the benchmark burst, the threads.
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
            Assert.AreEqual(1, _rig.Transport.PublishCount);
            _rig.Step(999);
            Assert.AreEqual(1, _rig.Transport.PublishCount);
            _rig.Step(1);

            Assert.AreEqual(2, _rig.Transport.PublishCount);
            FakePublish second = _rig.Transport.PublishAt(1);
            Assert.AreEqual(TelemetryRig.Topic, second.Topic);
            Assert.AreEqual(0, second.Qos);
            Assert.AreEqual(
                "{\"seq\":2,\"boot\":\"b00t\",\"up_ms\":2000,\"qos\":0,\"readings\":{\"temp_c\":21.5},"
                + "\"outbox\":{\"queued\":0,\"sent\":1,\"delivered\":0,\"dropped_offline\":0,\"dropped_full\":0,\"failed\":0}}",
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
            Assert.AreEqual(2, _rig.Transport.PublishCount);
            _rig.Step(999);
            Assert.AreEqual(2, _rig.Transport.PublishCount);
            _rig.Step(1);
            Assert.AreEqual(3, _rig.Transport.PublishCount);
        }

        [TestMethod]
        public void QosComesFromThePropertyWhenTheMessageIsCreated()
        {
            _rig = TelemetryRig.Create(2);

            _rig.Begin();

            Assert.AreEqual(2, _rig.Transport.PublishAt(0).Qos);
            Assert.Contains("\"qos\":2,", _rig.Transport.PublishAt(0).Text);
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=1 qos=2"));
        }

        [TestMethod]
        public void QosSetAppliesToTheVeryNextMessageWithoutReconnect()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 1);
            _rig.Step(1000);
            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);
            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 0);
            _rig.Step(1000);

            Assert.AreEqual("1/0,2/1,3/2,4/0", _rig.Published());
            for (int i = 0; i < 4; i++)
            {
                FakePublish p = _rig.Transport.PublishAt(i);
                Assert.Contains("\"qos\":" + p.Qos.ToString() + ",", p.Text);
            }

            Assert.AreEqual("connect;publish;publish;publish;publish;", _rig.Transport.Calls);
        }

        [TestMethod]
        public void QueuedMessagesKeepTheirQosWhenTheSettingChanges()
        {
            _rig = TelemetryRig.Create(1);
            _rig.Transport.InflightWindow = 1;
            _rig.Begin();
            _rig.Step(1000);
            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);
            Assert.AreEqual("1/1", _rig.Published());
            Assert.AreEqual(3, _rig.Service.Counters.Queued);

            // Each delivery opens the window for the next queued message, with the QoS it was made with.
            _rig.Transport.Deliver(_rig.Transport.PublishAt(0).MessageId);
            _rig.Service.Poll();
            _rig.Transport.Deliver(_rig.Transport.PublishAt(1).MessageId);
            _rig.Service.Poll();

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
            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 2);
            _rig.Step(1000);                                                   // t=2000: seq 2 qos 2 queued
            TelemetryRig.SetNumber(_rig.Settings, PropertyIndex.MqttQos, 0);
            _rig.Step(1000);                                                   // t=3000: connect fails (next 7000); seq 3 qos 0 dropped
            Assert.AreEqual(0, _rig.Transport.PublishAttempts);
            Assert.AreEqual(2, _rig.Service.Counters.Queued);

            _rig.Transport.ConnectResult = MqttConnectResult.Success;
            _rig.Step(4000);                                                   // t=7000: connects, flushes, then seq 4 qos 0

            Assert.AreEqual("1/1,2/2,4/0", _rig.Published());
            Assert.AreEqual(1L, _rig.Service.Counters.DroppedOffline);
            Assert.Contains("\"outbox\":{\"queued\":2,\"sent\":2,\"delivered\":0,\"dropped_offline\":1,", _rig.Transport.PublishAt(2).Text);
        }

        [TestMethod]
        public void Qos0WhileOfflineIsDroppedAndCounted()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Transport.ConnectResult = MqttConnectResult.NetworkError;

            _rig.Begin();
            _rig.Step(1000);
            _rig.Step(1000);

            OutboxCounters c = _rig.Service.Counters;
            Assert.AreEqual(3L, c.DroppedOffline);
            Assert.AreEqual(0, c.Queued);
            Assert.AreEqual(0, _rig.Transport.PublishAttempts);

            // Attempts failed at 0, 1000 and 3000; the next is due at 7000.
            _rig.Transport.ConnectResult = MqttConnectResult.Success;
            _rig.Step(4000);
            Assert.AreEqual("4/0", _rig.Published());
            Assert.Contains("\"dropped_offline\":3,", _rig.Transport.PublishAt(0).Text);
        }

        [TestMethod]
        public void MessagesFailedByTheTransportAreSentAgainInOrderAfterReconnect()
        {
            // The ESP32 adapter reports every in-flight ID failed when M2Mqtt's Close() drops its queues.
            _rig = TelemetryRig.Create(1);
            _rig.Begin();
            _rig.Step(1000);

            _rig.Transport.DropConnection("network down", true);
            _rig.Service.Poll();
            Assert.AreEqual(2, _rig.Service.Counters.Queued);
            Assert.AreEqual(2L, _rig.Service.Counters.Failed);
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: connection lost (network down); retry in 1000 ms"));

            _rig.Step(1000);

            Assert.AreEqual("1/1,2/1,1/1,2/1,3/1", _rig.Published());
            Assert.AreEqual(1, _rig.Log.CountExactly("telemetry: published seq=1 qos=1 (resend)"));
            _rig.Transport.DeliverAll();
            OutboxCounters c = _rig.Service.Counters;
            Assert.AreEqual(5L, c.Sent);
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
            int firstId = _rig.Transport.PublishAt(0).MessageId;

            _rig.Transport.DropConnection("network down", false);
            _rig.Step(1000);

            Assert.AreEqual(2, _rig.Transport.ConnectCount);
            Assert.AreEqual("1/2,2/2", _rig.Published());
            Assert.IsFalse(_rig.Transport.LastOptions.CleanSession);

            _rig.Transport.Deliver(firstId);
            _rig.Transport.DeliverAll();
            OutboxCounters c = _rig.Service.Counters;
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

            _rig.Service.Poll();

            // Inside Connect: seq 1 (QoS 0) was dropped, seq 2 (QoS 1) queued; after it, seq 2 went out.
            Assert.AreEqual(1L, hook.DroppedDuringConnect);
            Assert.AreEqual(1, hook.QueuedDuringConnect);
            Assert.AreEqual("2/1", _rig.Published());
            Assert.AreEqual(1L, _rig.Service.Counters.DroppedOffline);
        }

        [TestMethod]
        public void TopicChangeAppliesToTheNextMessageWithoutReconnect()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            TelemetryRig.SetText(_rig.Settings, PropertyIndex.MqttPublishTopic, "plant/line1");
            _rig.Step(1000);

            Assert.AreEqual("plant/line1/Telemetry", _rig.Transport.PublishAt(1).Topic);
            Assert.AreEqual(1, _rig.Transport.ConnectCount);
            Assert.AreEqual(0, _rig.Transport.DisconnectCount);
        }

        [TestMethod]
        public void PublishBurstRunsTheWholePipelineWithoutTheTimer()
        {
            _rig = TelemetryRig.Create(1);
            _rig.Transport.DeliverDuringPublish = true;
            _rig.Begin();

            long last = _rig.Service.PublishBurst(100);

            Assert.AreEqual(101L, last);
            Assert.AreEqual(101, _rig.Transport.PublishCount);
            for (int i = 0; i < 101; i++)
            {
                Assert.AreEqual((long)(i + 1), TelemetryRig.SeqOf(_rig.Transport.PublishAt(i)));
            }

            OutboxCounters c = _rig.Service.Counters;
            Assert.AreEqual(101L, c.Delivered);
            Assert.AreEqual(0, c.Queued);

            // The interval timer did not move: the next scheduled message is still due at 1000.
            _rig.Step(1000);
            Assert.AreEqual(102, _rig.Transport.PublishCount);
        }

        [TestMethod]
        public void StartRunsTheLoopsOnThreadsAndStopClosesTheSession()
        {
            _rig = TelemetryRig.Create(1);

            _rig.Service.Start();
            Assert.IsTrue(_rig.Service.IsRunning);
            for (int waited = 0; waited < 5000 && _rig.Transport.PublishCount == 0; waited += 10)
            {
                _rig.Clock.Advance(100);
                Thread.Sleep(10);
            }

            _rig.Service.Stop();

            Assert.IsFalse(_rig.Service.IsRunning);
            Assert.IsTrue(_rig.Transport.PublishCount >= 1);
            Assert.AreEqual(1, _rig.Transport.DisconnectCount);
            Assert.AreEqual((int)ConnectionState.Stopped, (int)_rig.Service.Connection.State);
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: connected to 127.0.0.1:1883 as DeviceFirmware-sim01"));
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: disconnected from 127.0.0.1:1883 as DeviceFirmware-sim01 (stopped)"));

            _rig.Service.Dispose();
            Assert.IsNull(_rig.Transport.Listener);
        }

        [TestMethod]
        public void ADeliveryWakesTheTelemetryThreadToSendTheNextQueuedMessage()
        {
            FakeMqttTransport transport = new FakeMqttTransport();
            TelemetryService service = NewService(transport);
            transport.InflightWindow = 1;
            service.Start();
            for (int waited = 0; waited < 5000 && !service.Sender.IsOnline; waited += 10)
            {
                Thread.Sleep(10);
            }

            // The fake clock stands still, so only the burst produces: seq 1 goes out, seq 2 waits.
            service.PublishBurst(2);
            Assert.AreEqual(1, transport.PublishCount);

            transport.Deliver(transport.PublishAt(0).MessageId);
            for (int waited = 0; waited < 5000 && transport.PublishCount < 2; waited += 10)
            {
                Thread.Sleep(10);
            }

            Assert.AreEqual(2, transport.PublishCount);
            service.Dispose();
        }

        [TestMethod]
        public void UnderPollADeliveryWaitsForTheNextPoll()
        {
            FakeMqttTransport transport = new FakeMqttTransport();
            TelemetryService service = NewService(transport);
            transport.InflightWindow = 1;
            service.Poll();
            service.PublishBurst(2);

            transport.Deliver(transport.PublishAt(0).MessageId);
            Assert.AreEqual(1, transport.PublishCount);

            service.Poll();
            Assert.AreEqual(2, transport.PublishCount);
            service.Dispose();
        }

        private static TelemetryService NewService(IMqttTransport transport)
        {
            SettingsStore store = TelemetryRig.NewStore(SettingsDefaults.ForSimulator(TelemetryRig.DeviceId));
            TelemetryRig.SetNumber(store, PropertyIndex.MqttQos, 1);
            return new TelemetryService(transport, store, null, new FakeClock(0), new CapturingLog(), null, TelemetryRig.NewOptions());
        }

        /// <summary>Runs the telemetry loop while Connect blocks, as the telemetry thread would.</summary>
        private sealed class ProduceWhileConnecting : IFakeConnectHook
        {
            public TelemetryRig Rig;
            public long DroppedDuringConnect;
            public int QueuedDuringConnect;

            public void DuringConnect(FakeMqttTransport transport)
            {
                Rig.Service.Publisher.Poll();
                Rig.Clock.Advance(TelemetryRig.IntervalMs);
                Rig.Service.Publisher.Poll();
                TelemetryRig.SetNumber(Rig.Settings, PropertyIndex.MqttQos, 1);
                Rig.Clock.Advance(TelemetryRig.IntervalMs);
                Rig.Service.Publisher.Poll();
                DroppedDuringConnect = Rig.Service.Counters.DroppedOffline;
                QueuedDuringConnect = Rig.Service.Counters.Queued;
            }
        }
    }
}
