using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// QoS 0 payloads go into reused arrays only when the transport copies them
    /// (<see cref="IPayloadCopyingMqttTransport"/>); QoS 1/2 payloads, which the outbox keeps, never do.
    /// </summary>
    [TestClass]
    public class PayloadReuseTests
    {
        [TestMethod]
        public void SharedBuildHasTheSameBytesAndReusesOneArrayPerLength()
        {
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("b00t", new ISensor[] { new FakeSensor("temp_c", 1, 215) });
            OutboxCounters counters = new OutboxCounters(0, 0, 0, 3, 0, 0, 0, 0, 0);

            byte[] first = builder.BuildShared(4, 1000, 0, counters);
            string firstText = Hex.Format(first);
            byte[] fresh = builder.Build(5, 1000, 0, counters);
            byte[] second = builder.BuildShared(5, 1000, 0, counters);
            byte[] longer = builder.BuildShared(50, 1000, 0, counters);

            Assert.AreEqual(Hex.Format(builder.Build(4, 1000, 0, counters)), firstText);
            Assert.AreEqual(Hex.Format(fresh), Hex.Format(second));
            Assert.AreSame(first, second);
            Assert.AreNotSame(first, longer);
            Assert.AreEqual(first.Length + 1, longer.Length);
        }

        [TestMethod]
        public void Qos0PayloadsAreReusedOnACopyingTransport()
        {
            CopyingTransport transport = new CopyingTransport();
            TelemetryService service = Connected(transport, 0);

            service.PublishBurst(2);

            Assert.AreSame(transport.Received(0), transport.Received(1));
            Assert.IsTrue(transport.Inner.PublishAt(0).Text.IndexOf("\"seq\":1,") > 0);
            Assert.IsTrue(transport.Inner.PublishAt(1).Text.IndexOf("\"seq\":2,") > 0);
        }

        [TestMethod]
        public void Qos1PayloadsAreNeverReused()
        {
            CopyingTransport transport = new CopyingTransport();
            TelemetryService service = Connected(transport, 1);

            service.PublishBurst(2);

            Assert.AreNotSame(transport.Received(0), transport.Received(1));
        }

        [TestMethod]
        public void Qos0PayloadsAreNotReusedOnATransportThatKeepsThem()
        {
            TelemetryRig rig = TelemetryRig.Create(0);
            rig.Begin();

            rig.Service.PublishBurst(2);

            Assert.AreNotSame(rig.Transport.PublishAt(0).Payload, rig.Transport.PublishAt(1).Payload);
            Assert.IsTrue(rig.Transport.PublishAt(0).Text.IndexOf("\"seq\":1,") > 0);
        }

        private static TelemetryService Connected(CopyingTransport transport, int qos)
        {
            SettingsStore settings = TelemetryRig.NewStore(SettingsDefaults.ForSimulator(TelemetryRig.DeviceId));
            if (qos != 0)
            {
                TelemetryRig.SetNumber(settings, PropertyIndex.MqttQos, qos);
            }
            TelemetryService service = new TelemetryService(transport, settings, new ISensor[] { new FakeSensor("temp_c", 1, 215) }, new FakeClock(0), null, null, TelemetryRig.NewOptions());
            service.Poll();
            Assert.IsTrue(service.Connection.IsConnected, "the fake broker should accept the connection");
            return service;
        }

        /// <summary>A transport that copies each payload (as Paho does) and remembers which array it was handed.</summary>
        private sealed class CopyingTransport : IPayloadCopyingMqttTransport
        {
            private readonly System.Collections.ArrayList _received = new System.Collections.ArrayList();

            public CopyingTransport()
            {
                Inner = new FakeMqttTransport();
            }

            public FakeMqttTransport Inner { get; }

            public bool IsConnected
            {
                get { return Inner.IsConnected; }
            }

            public byte[] Received(int index)
            {
                return (byte[])_received[index];
            }

            public void SetListener(IMqttTransportListener listener)
            {
                Inner.SetListener(listener);
            }

            public int Connect(MqttConnectOptions options)
            {
                return Inner.Connect(options);
            }

            public void Disconnect()
            {
                Inner.Disconnect();
            }

            public int Publish(string topic, byte[] payload, int qos)
            {
                _received.Add(payload);
                byte[] copy = new byte[payload.Length];
                System.Array.Copy(payload, copy, payload.Length);
                return Inner.Publish(topic, copy, qos);
            }
        }
    }
}
