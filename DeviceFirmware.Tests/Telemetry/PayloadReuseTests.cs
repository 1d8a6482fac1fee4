using DeviceFirmware.Mqtt;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// QoS 0 payloads go into reused arrays only when the transport copies them
    /// (<see cref="IMqttTransport.CopiesPayload"/>); QoS 1/2 payloads, which the outbox keeps, never do.
    /// </summary>
    [TestClass]
    public class PayloadReuseTests
    {
        [TestMethod]
        public void SharedBuildHasTheSameBytesAndReusesOneArrayPerLength()
        {
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("b00t", new ISensor[] { new FakeSensor("temp_c", 1, 215) });
            OutboxCounters counters = new OutboxCounters(0, 0, 0, 3, 0, 0, 0, 0, 0);

            byte[] first = builder.BuildShared(4, 1000, 0, counters, null);
            string firstText = Hex.Format(first);
            byte[] fresh = builder.Build(5, 1000, 0, counters, null);
            byte[] second = builder.BuildShared(5, 1000, 0, counters, null);
            byte[] longer = builder.BuildShared(50, 1000, 0, counters, null);

            Assert.AreEqual(Hex.Format(builder.Build(4, 1000, 0, counters, null)), firstText);
            Assert.AreEqual(Hex.Format(fresh), Hex.Format(second));
            Assert.AreSame(first, second);
            Assert.AreNotSame(first, longer);
            Assert.AreEqual(first.Length + 1, longer.Length);
        }

        [TestMethod]
        public void SharedBuildKeepsAFewLengthsAndStaysCorrectBeyondThem()
        {
            // Sequence numbers of 1 to 6 digits give six lengths, more than the builder keeps arrays
            // for: every payload is still right, and the latest lengths are still served from their arrays.
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("b00t", null);
            OutboxCounters counters = new OutboxCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
            long sequence = 1;
            byte[][] shared = new byte[6][];
            for (int digits = 0; digits < shared.Length; digits++)
            {
                shared[digits] = builder.BuildShared(sequence, 1000, 0, counters, null);
                Assert.AreEqual(Hex.Format(builder.Build(sequence, 1000, 0, counters, null)), Hex.Format(shared[digits]));
                sequence *= 10;
            }

            for (int digits = 1; digits < shared.Length; digits++)
            {
                Assert.AreEqual(shared[digits - 1].Length + 1, shared[digits].Length);
            }

            Assert.AreSame(shared[5], builder.BuildShared(999999, 1000, 0, counters, null));
            Assert.AreSame(shared[4], builder.BuildShared(99999, 1000, 0, counters, null));
            Assert.AreEqual(Hex.Format(builder.Build(99999, 1000, 0, counters, null)), Hex.Format(shared[4]));
        }

        [TestMethod]
        public void Qos0PayloadsAreReusedOnACopyingTransport()
        {
            TelemetryRig rig = CopyingRig(0);
            rig.Begin();
            rig.Produce(1);

            Assert.AreSame(rig.TelemetryAt(0).Handed, rig.TelemetryAt(1).Handed);
            Assert.IsTrue(rig.TelemetryAt(0).Text.IndexOf("\"seq\":1,") > 0);
            Assert.IsTrue(rig.TelemetryAt(1).Text.IndexOf("\"seq\":2,") > 0);
        }

        [TestMethod]
        public void Qos1PayloadsAreNeverReused()
        {
            TelemetryRig rig = CopyingRig(1);
            rig.Begin();
            rig.Produce(1);

            Assert.AreEqual(2, rig.TelemetryCount);
            Assert.AreNotSame(rig.TelemetryAt(0).Handed, rig.TelemetryAt(1).Handed);
        }

        [TestMethod]
        public void Qos0PayloadsAreNotReusedOnATransportThatKeepsThem()
        {
            TelemetryRig rig = TelemetryRig.Create(0);
            rig.Begin();
            rig.Produce(1);

            Assert.AreNotSame(rig.TelemetryAt(0).Handed, rig.TelemetryAt(1).Handed);
            Assert.IsTrue(rig.TelemetryAt(0).Text.IndexOf("\"seq\":1,") > 0);
        }

        private static TelemetryRig CopyingRig(int qos)
        {
            FakeMqttTransport transport = new FakeMqttTransport();
            transport.CopiesPayload = true;
            return TelemetryRig.Create(qos, transport);
        }
    }
}
