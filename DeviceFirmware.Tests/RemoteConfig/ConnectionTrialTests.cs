using DeviceFirmware.Mqtt;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.RemoteConfig
{
    /// <summary>
    /// A connection change received over MQTT cannot strand the device: it is answered under the old
    /// session, tried, confirmed when a broker is reached, and otherwise rolled back to the last known
    /// good values (kept in flash, so a restart during the trial does not lose them), counted, logged
    /// and reported on the status topic. A change over the UART is never rolled back.
    /// </summary>
    [TestClass]
    public class ConnectionTrialTests
    {
        private const string Requests = "DeviceFirmware/Device/sim01";
        private const string Status = "DeviceFirmware/Server/sim01/Status";

        /// <summary>Set 1.2.2.1.2.1 (broker) = "127.0.0.2" over MMS.</summary>
        private const string SetBrokerTo127002 = "AA0081040155D1118418D111850101870402020102890BC109" + "3132372E302E302E32";

        private static TelemetryRig _rig;

        [TestMethod]
        public void AnUnreachableBrokerIsRolledBackAfterTheTrialAndReported()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Transport.UnreachableBroker = "127.0.0.2";
            _rig.Begin();

            // Answered first, under the old session.
            int before = _rig.Transport.PublishCount;
            _rig.Transport.Receive(Requests, Hex.Parse(SetBrokerTo127002));
            _rig.Session.Poll();
            Assert.AreEqual("DeviceFirmware/Server/sim01/MMSMessage", _rig.Transport.PublishAt(before).Topic);
            Assert.AreEqual(1, _rig.Transport.ConnectCount);
            Assert.IsTrue(_rig.Device.Trial.IsActive);
            Assert.AreEqual("127.0.0.1", _rig.Device.Settings.LoadFallback().GetText(PropertyIndex.MqttBroker));

            // Then the reconnect: goodbye on the status topic, and connects to the new broker fail.
            _rig.Poll();
            Assert.AreEqual("disconnected", _rig.Transport.PublishAt(before + 1).Text);
            Assert.AreEqual("127.0.0.2", _rig.Transport.LastOptions.Broker);
            Assert.IsFalse(_rig.Session.IsConnected);

            // One millisecond short of the trial nothing happens; at its end the old broker comes back.
            _rig.Step(TelemetryRig.TrialMs - 1);
            Assert.AreEqual("127.0.0.2", _rig.Settings.GetText(PropertyIndex.MqttBroker));
            _rig.Step(1);
            Assert.AreEqual("127.0.0.1", _rig.Settings.GetText(PropertyIndex.MqttBroker));
            Assert.IsFalse(_rig.Device.Trial.IsActive);
            Assert.IsNull(_rig.Device.Settings.LoadFallback());
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: no broker reached with the new connection settings in 30 s; previous settings restored"));

            // It reconnects to the old broker, says why on the status topic, and counts it in telemetry.
            _rig.Poll();
            Assert.IsTrue(_rig.Session.IsConnected);
            Assert.AreEqual("127.0.0.1", _rig.Transport.LastOptions.Broker);
            int note = IndexOf(Status, "rolled back: no broker reached with new connection settings in 30 s; previous settings restored");
            Assert.IsFalse(_rig.Transport.PublishAt(note).Retain);
            Assert.AreEqual("connected", _rig.Transport.PublishAt(note + 1).Text);
            _rig.Step(TelemetryRig.IntervalMs);
            Assert.Contains("\"rollbacks\":1}", _rig.TelemetryAt(_rig.TelemetryCount - 1).Text);
        }

        [TestMethod]
        public void AReachableBrokerConfirmsTheChange()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            _rig.Transport.Receive(Requests, Hex.Parse(SetBrokerTo127002));
            _rig.Session.Poll();
            _rig.Poll();

            Assert.IsTrue(_rig.Session.IsConnected);
            Assert.AreEqual("127.0.0.2", _rig.Transport.LastOptions.Broker);
            Assert.IsFalse(_rig.Device.Trial.IsActive);
            Assert.IsNull(_rig.Device.Settings.LoadFallback());
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: new connection settings confirmed: a broker was reached"));

            _rig.Step(TelemetryRig.TrialMs);
            Assert.AreEqual("127.0.0.2", _rig.Settings.GetText(PropertyIndex.MqttBroker));
        }

        [TestMethod]
        public void ARefusedRequestAfterAConfirmedChangeStartsNoSecondTrial()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();
            _rig.Transport.Receive(Requests, Hex.Parse(SetBrokerTo127002));
            _rig.Session.Poll();
            _rig.Poll();
            Assert.IsFalse(_rig.Device.Trial.IsActive);

            // Too long for the handler: refused without being applied, so the report of the Set
            // before it (broker 127.0.0.1 -> 127.0.0.2) must not put the connection on trial again.
            byte[] request = new byte[1100];
            byte[] head = Hex.Parse("AA0081040177D101 9E82043F");
            System.Array.Copy(head, request, head.Length);
            _rig.Transport.Receive(Requests, request);
            _rig.Session.Poll();

            Assert.AreEqual("AA0081048277D101820480010102", Hex.Format(_rig.Transport.PublishAt(_rig.Transport.PublishCount - 1).Payload));
            Assert.IsFalse(_rig.Device.Trial.IsActive);
            Assert.IsNull(_rig.Device.Settings.LoadFallback());
            _rig.Step(TelemetryRig.TrialMs);
            Assert.AreEqual("127.0.0.2", _rig.Settings.GetText(PropertyIndex.MqttBroker));
        }

        [TestMethod]
        public void AChangeOverTheUartDuringATrialIsNeverRolledBack()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Transport.UnreachableBroker = "127.0.0.2";
            _rig.Begin();
            _rig.Transport.Receive(Requests, Hex.Parse(SetBrokerTo127002));
            _rig.Session.Poll();

            // The user at the bench sets a port: their settings win, the trial ends.
            SettingsFixtures.SetNumber(_rig.Settings, PropertyIndex.MqttPort, 1884);
            Assert.IsFalse(_rig.Device.Trial.IsActive);
            Assert.IsNull(_rig.Device.Settings.LoadFallback());

            _rig.Step(TelemetryRig.TrialMs + 1000);
            Assert.AreEqual("127.0.0.2", _rig.Settings.GetText(PropertyIndex.MqttBroker));
            Assert.AreEqual(1884, _rig.Settings.GetUInt16(PropertyIndex.MqttPort));
        }

        [TestMethod]
        public void ARestartDuringATrialResumesItFromFlash()
        {
            MemoryFlashStorage flash = new MemoryFlashStorage(3, 1024);
            FakeMqttTransport transport = new FakeMqttTransport();
            transport.UnreachableBroker = "127.0.0.2";
            _rig = TelemetryRig.Create(0, transport, TelemetryRig.NewOptions(), flash);
            _rig.Begin();
            _rig.Transport.Receive(Requests, Hex.Parse(SetBrokerTo127002));
            _rig.Session.Poll();
            _rig.Device.Dispose();

            // Power cycle: a new device over the same flash starts with the new (bad) values ...
            FakeMqttTransport again = new FakeMqttTransport();
            again.UnreachableBroker = "127.0.0.2";
            _rig = TelemetryRig.Create(0, again, TelemetryRig.NewOptions(), flash);
            Assert.AreEqual("127.0.0.2", _rig.Settings.GetText(PropertyIndex.MqttBroker));
            Assert.IsTrue(_rig.Device.Trial.IsActive);

            // ... and still comes back to the last known good broker after a whole trial.
            _rig.Poll();
            _rig.Step(TelemetryRig.TrialMs);
            Assert.AreEqual("127.0.0.1", _rig.Settings.GetText(PropertyIndex.MqttBroker));
            _rig.Poll();
            Assert.IsTrue(_rig.Session.IsConnected);
        }

        [TestMethod]
        public void ASetOfTheQosOverMqttIsNoConnectionChange()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            _rig.Transport.Receive(Requests, Hex.Parse("AA0081040155D1118410D1118501018704020201028903C30101"));
            _rig.Session.Poll();

            Assert.IsFalse(_rig.Device.Trial.IsActive);
            Assert.IsNull(_rig.Device.Settings.LoadFallback());
        }

        private static int IndexOf(string topic, string text)
        {
            for (int i = 0; i < _rig.Transport.PublishCount; i++)
            {
                FakePublish p = _rig.Transport.PublishAt(i);
                if (p.Topic == topic && p.Text == text)
                {
                    return i;
                }
            }

            Assert.IsTrue(false, "nothing on " + topic + " reads '" + text + "'");
            return -1;
        }
    }
}
