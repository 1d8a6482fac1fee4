using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Get Property (D101) in the OID forms the manual uses: simple form, long form (Tables 184/185),
    /// mixed prefix and remainder, and branch Gets (Tables 186/187).
    /// </summary>
    [TestClass]
    public class GetPropertyTests
    {
        [TestMethod]
        public void LongFormGetAnswersWithNestedNodesAndMinimalLengths()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(
                "AA0081048255D1018204000000008482001" + "2D101850101890BE209E207E105E203C30100",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 8411 D101 850101 890A E208 E206 E104 E202 C300"));
        }

        [TestMethod]
        public void LongFormWithCompanyIdAndDeviceFamilyEchoesBoth()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            Assert.AreEqual(
                "AA0081048255D10182040000000084820020" + "D10181072B06010401F6098203020100850101890BE209E207E105E203C30100",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 841F D101 81072B06010401F609 8203020100 850101 890A E208 E206 E104 E202 C300"));
        }

        [TestMethod]
        public void PrefixAndRemainderCanShareTheArcs()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 85 01 + 87 02 02 + 89 E1 { E2 { C3 } } is 1.2.2.1.2.3 as well.
            Assert.AreEqual(
                "AA0081048255D10182040000000084820012D101850101870202028907E105E203C30100",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 8411 D101 850101 87020202 8906 E104 E202 C300"));
        }

        [TestMethod]
        public void TextPropertyComesBackZeroPaddedToItsMaximum()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // mqtt.client-id (1.2.2.1.2.6, 32 bytes) defaults to "DeviceFirmware-test01".
            string expectedValue = "4465766963654669726D776172652D746573743031" + Hex.Zeros(32 - 21);
            Assert.AreEqual(
                "AA0081048255D1018204000000008482002FD1018501018704020201028922C620" + expectedValue,
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C600"));
        }

        [TestMethod]
        public void SecretsReadAsZeros()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            ProtocolFixture.Exchange(handler, "AA00 8104 0155D111 8417 D111 850101 870402020102 890A C808 7330637233743231");

            Assert.AreEqual(
                "AA0081048255D1018204000000008482002FD1018501018704020201028922C820" + Hex.Zeros(32),
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C800"));
            Assert.AreEqual("s0cr3t21", store.GetText(PropertyIndex.MqttPassword));
        }

        [TestMethod]
        public void BranchGetReturnsEveryLeafBelowWithFixedLengths()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 87 020201 + 89 C1 00 names the branch 1.2.2.1.1 (WLAN): SSID (32) and password (63).
            Assert.AreEqual(
                "AA0081048255D10182040000000084820075D101850101870302020189820067E1820063C120" + Hex.Zeros(32) + "C23F" + Hex.Zeros(63),
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840E D101 850101 8703020201 8902 C100"));
        }

        [TestMethod]
        public void BranchGetShowsStoredValues()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            Assert.AreEqual(
                "AA0081048255D11182040000000084820016D111850101870402020101" + "8909C1076C61622D6E6574",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D111 8416 D111 850101 870402020101 8909 C107 6C61622D6E6574"));

            Assert.AreEqual(
                "AA0081048255D10182040000000084820075D101850101870302020189820067E1820063C1206C61622D6E6574" + Hex.Zeros(25) + "C23F" + Hex.Zeros(63),
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840E D101 850101 8703020201 8902 C100"));
        }

        [TestMethod]
        public void BranchGetOfTheWholeTreeReturnsEveryProperty()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 85 01 + 89 C2 00 = everything below 1.2: 89 > E2 (1.2.2) > E2 ... > E1 (1.2.2.1) > E1 (WLAN) and E2 (MQTT).
            Assert.AreEqual(
                "AA0081048255D101820400000000848201F9D101850101" + "898201F0E28201ECE28201E8E18201E4"
                + "E1820063" + WlanLeaves + "E2820179" + MqttLeaves,
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 8409 D101 850101 8902 C200"));
        }

        [TestMethod]
        public void EmptyRemainderReturnsEverythingBelowThePrefix()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 87 02020102 and an empty 89: every MQTT property, as direct children of 89.
            Assert.AreEqual(
                "AA0081048255D10182040000000084820188D101850101870402020102" + "89820179" + MqttLeaves,
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840D D101 850101 870402020102 8900"));
        }

        [TestMethod]
        public void SeveralLeavesInOneGetComeBackInRequestOrder()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // QoS (C3) then port (C2): 1883 = 075B.
            Assert.AreEqual(
                "AA0081048255D10182040000000084820014D1018501018704020201028907C30100C202075B",
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 8411 D101 850101 870402020102 8904 C300 C200"));
        }

        /// <summary>The WLAN leaves with the simulator's defaults: SSID (32 bytes) and password (63, write-only), empty.</summary>
        private static readonly string WlanLeaves = "C120" + Hex.Zeros(32) + "C23F" + Hex.Zeros(63);

        /// <summary>
        /// The ten MQTT leaves (1.2.2.1.2.1 to .A) with the simulator's defaults for the fixture's device test01:
        /// broker 127.0.0.1, port 1883, QoS 0, topics and client ID of test01, no user or password, no
        /// peer name, keep-alive 60 s. Text zero-padded to its maximum.
        /// </summary>
        private static readonly string MqttLeaves =
            "C140" + Padded("127.0.0.1", 64)
            + "C202075B"
            + "C30100"
            + "C440" + Padded("DeviceFirmware/Device/test01", 64)
            + "C540" + Padded("DeviceFirmware/Server/test01", 64)
            + "C620" + Padded("DeviceFirmware-test01", 32)
            + "C720" + Hex.Zeros(32)
            + "C820" + Hex.Zeros(32)
            + "C940" + Hex.Zeros(64)
            + "CA02003C";

        private static string Padded(string ascii, int length)
        {
            string hex = string.Empty;
            for (int i = 0; i < ascii.Length; i++)
            {
                hex += ((byte)ascii[i]).ToString("X2");
            }

            return hex + Hex.Zeros(length - ascii.Length);
        }
    }
}
