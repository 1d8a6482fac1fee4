using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>Set Property (D111): echo of the request payload, and multi-leaf Sets applied all or nothing.</summary>
    [TestClass]
    public class SetPropertyTests
    {
        // Port 8883 (C2 02 22B3) and QoS 2 (C3 01 02) in one request.
        private const string TwoLeafSet = "AA0081040155D1118414D1118501018704020201028907C20222B3C30102";

        [TestMethod]
        public void MultiLeafSetAppliesEveryLeafAndEchoesThePayload()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(
                "AA0081048255D11182040000000084820014D1118501018704020201028907C20222B3C30102",
                ProtocolFixture.Exchange(handler, TwoLeafSet));
            Assert.AreEqual(8883, store.GetUInt16(PropertyIndex.MqttPort));
            Assert.AreEqual((byte)2, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void OneBadLeafRefusesTheWholeSet()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            string before = SettingsFixtures.Fingerprint(store);

            // The port is valid, the QoS (03) is not: neither may be stored.
            Assert.AreEqual(
                "AA0081048255D111820480020102",
                ProtocolFixture.Exchange(handler, "AA0081040155D1118414D1118501018704020201028907C20222B3C30103"));
            Assert.AreEqual(before, SettingsFixtures.Fingerprint(store));
        }

        [TestMethod]
        public void LeavesInDifferentBranchesCanBeSetTogether()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // Long form: 89 { E2 { E2 { E1 { E1 { C1 "lab" } E2 { C3 01 } } } } } sets the SSID and the QoS.
            Assert.AreEqual(
                "AA0081048255D11182040000000084820019D111850101" + "8912E210E20EE10CE105C1036C6162E203C30101",
                ProtocolFixture.Exchange(handler, "AA0081040155D1118419D111850101" + "8912E210E20EE10CE105C1036C6162E203C30101"));
            Assert.AreEqual("lab", store.GetText(PropertyIndex.WlanSsid));
            Assert.AreEqual((byte)1, store.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void PaddedTextIsStoredWithoutItsPadding()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // "dev" padded with zeros, as the manual's examples send text.
            ProtocolFixture.Exchange(handler, "AA0081040155D1118417D111850101870402020102890AC6086465760000000000");

            Assert.AreEqual("dev", store.GetText(PropertyIndex.MqttClientId));
            Assert.AreEqual(3, store.GetLength(PropertyIndex.MqttClientId));
        }

        [TestMethod]
        public void SettingTheSameValueAgainSucceeds()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            ProtocolFixture.Exchange(handler, TwoLeafSet);

            Assert.AreEqual(
                "AA0081048255D11182040000000084820014D1118501018704020201028907C20222B3C30102",
                ProtocolFixture.Exchange(handler, TwoLeafSet));
        }
    }
}
