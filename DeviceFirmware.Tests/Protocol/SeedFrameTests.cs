using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// The four frames of the seed page (property 1.2.2.1.2.3 MQTT QoS, Tables 763-766), byte for byte.
    /// </summary>
    [TestClass]
    public class SeedFrameTests
    {
        private const string GetRequest = "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300";
        private const string GetResponse = "AA0081048255D10182040000000084820010D1018501018704020201028903C30100";
        private const string SetRequest = "AA00 81040155D111 8410 D111 850101 870402020102 8903C301 00";
        private const string SetResponse = "AA0081048255D11182040000000084820010D1118501018704020201028903C30100";

        [TestMethod]
        public void GetRequestOnDefaultsGivesTheSeedGetResponse()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(GetResponse, ProtocolFixture.Exchange(handler, GetRequest));
        }

        [TestMethod]
        public void SetRequestGivesTheSeedSetResponse()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // The seed Set writes 00, the factory default: start from another value so that it must really write.
            ProtocolFixture.Exchange(handler, "AA00 8104 0155D111 8410 D111 850101 870402020102 8903 C30102");
            Assert.AreEqual((byte)0x02, store.GetByte(PropertyIndex.MqttQos));
            uint before = store.CurrentSequence;

            Assert.AreEqual(SetResponse, ProtocolFixture.Exchange(handler, SetRequest));
            Assert.AreEqual((byte)0x00, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(before + 1, store.CurrentSequence);
        }

        [TestMethod]
        public void SetToExactlyOnceThenGetReadsItBack()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(
                "AA0081048255D11182040000000084820010D1118501018704020201028903C30102",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D111 8410 D111 850101 870402020102 8903 C30102"));
            Assert.AreEqual((byte)0x02, store.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(
                "AA0081048255D10182040000000084820010D1018501018704020201028903C30102",
                ProtocolFixture.Exchange(handler, GetRequest));
        }

        [TestMethod]
        public void ResponseEchoesTheReferenceNumber()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(
                "AA0081048207D10182040000000084820010D1018501018704020201028903C30100",
                ProtocolFixture.Exchange(handler, "AA00 8104 0107D101 840F D101 850101 870402020102 8902 C300"));
        }
    }
}
