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

            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 8411 D101 850101 890A E208 E206 E104 E202 C300",
                "AA0081048255D1018204000000008482001" + "2D101850101890BE209E207E105E203C30100");
        }

        [TestMethod]
        public void LongFormWithCompanyIdAndDeviceFamilyEchoesBoth()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 841F D101 81072B06010401F609 8203020100 850101 890A E208 E206 E104 E202 C300",
                "AA0081048255D10182040000000084820020" + "D10181072B06010401F6098203020100850101890BE209E207E105E203C30100");
        }

        [TestMethod]
        public void PrefixAndRemainderCanShareTheArcs()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 85 01 + 87 02 02 + 89 E1 { E2 { C3 } } is 1.2.2.1.2.3 as well.
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 8411 D101 850101 87020202 8906 E104 E202 C300",
                "AA0081048255D10182040000000084820012D101850101870202028907E105E203C30100");
        }

        [TestMethod]
        public void TextPropertyComesBackZeroPaddedToItsMaximum()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // mqtt.client-id (1.2.2.1.2.6, 32 bytes) defaults to "DeviceFirmware-test01".
            string expectedValue = "4465766963654669726D776172652D746573743031" + Hex.Zeros(32 - 21);
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C600",
                "AA0081048255D1018204000000008482002FD1018501018704020201028922C620" + expectedValue);
        }

        [TestMethod]
        public void SecretsReadAsZeros()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            ProtocolFixture.Exchange(handler, "AA00 8104 0155D111 8417 D111 850101 870402020102 890A C808 7330637233743231");

            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C800",
                "AA0081048255D1018204000000008482002FD1018501018704020201028922C820" + Hex.Zeros(32));
            Assert.AreEqual("s0cr3t21", store.GetText(PropertyIndex.MqttPassword));
        }

        [TestMethod]
        public void BranchGetReturnsEveryLeafBelowWithFixedLengths()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 87 020201 + 89 C1 00 names the branch 1.2.2.1.1 (WLAN): SSID (32), password (63), and the
            // fixed security mode (PSK), DHCP (00000001) and protocol (MQTT, leaf D1 = arc 0x11).
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 840E D101 850101 8703020201 8902 C100",
                "AA0081048255D10182040000000084820081D101850101870302020189820073E182006FC120" + Hex.Zeros(32) + "C23F" + Hex.Zeros(63) + FixedWlanLeaves);
        }

        [TestMethod]
        public void BranchGetShowsStoredValues()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D111 8416 D111 850101 870402020101 8909 C107 6C61622D6E6574",
                "AA0081048255D11182040000000084820016D111850101870402020101" + "8909C1076C61622D6E6574");

            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 840E D101 850101 8703020201 8902 C100",
                "AA0081048255D10182040000000084820081D101850101870302020189820073E182006FC1206C61622D6E6574" + Hex.Zeros(25) + "C23F" + Hex.Zeros(63) + FixedWlanLeaves);
        }

        [TestMethod]
        public void BranchGetOfTheWholeTreeReturnsEveryProperty()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 85 01 + 89 C2 00 = everything below 1.2: 89 > E2 (1.2.2) > E2 ... > E1 (1.2.2.1) > E1 (WLAN) and E2 (MQTT).
            // Only type 1: the device information (type 2) is not below 1.2.
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 8409 D101 850101 8902 C200",
                "AA0081048255D10182040000000084820205D101850101" + "898201FCE28201F8E28201F4E18201F0"
                + "E182006F" + WlanLeaves + "E2820179" + MqttLeaves);
        }

        [TestMethod]
        public void EmptyRemainderReturnsEverythingBelowThePrefix()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 87 02020102 and an empty 89: every MQTT property, as direct children of 89.
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 840D D101 850101 870402020102 8900",
                "AA0081048255D10182040000000084820188D101850101870402020102" + "89820179" + MqttLeaves);
        }

        [TestMethod]
        public void SeveralLeavesInOneGetComeBackInRequestOrder()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // QoS (C3) then port (C2): 1883 = 075B.
            ProtocolFixture.AssertAnswer(
                handler,
                "AA00 8104 0155D101 8411 D101 850101 870402020102 8904 C300 C200",
                "AA0081048255D10182040000000084820014D1018501018704020201028907C30100C202075B");
        }

        /// <summary>The fixed WLAN leaves: 1.2.2.1.1.3 security mode 00 (PSK), .5 DHCP 00000001, .11 protocol 00 (MQTT).</summary>
        private const string FixedWlanLeaves = "C30100" + "C50400000001" + "D10100";

        /// <summary>The WLAN leaves with the simulator's defaults: SSID (32 bytes) and password (63, write-only), empty, then the fixed ones.</summary>
        private static readonly string WlanLeaves = "C120" + Hex.Zeros(32) + "C23F" + Hex.Zeros(63) + FixedWlanLeaves;

        [TestMethod]
        public void OneLeafAnswersTheSameWhereverItsTlvsStand()
        {
            // A Get of one leaf takes the short way; these shapes leave it for the general walk or
            // test its edges. Every answer is the one the general walk gave before the short way existed.
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            string qos = "AA0081048255D10182040000000084820010D1018501018704020201028903C30100";
            string unknownOid = "AA0081048255D101820480020102";
            string[] cases = new string[]
            {
                "D101 8902C300 850101 870402020102", qos,                    // 89 first: echo gathered TLV by TLV
                "D101 850101 8902C300 870402020102", qos,                    // 89 in the middle
                "D101 850101 870402020102 898102C300", qos,                  // 89 with a long length
                "D101 850101 870402020102 8902C000", unknownOid,             // leaf arc 0
                "D101 850101 870402024002 8902C300", unknownOid,             // a prefix arc beyond any tag
                "D101 850101 87050202010203 8902C100", unknownOid,           // seven arcs
                "D101 850101 870402020102 8903C30100", unknownOid,           // a Get leaf with a value
                "D101 850101 870402020102 8902DE00", unknownOid,             // the largest arc, no such property
                "D101 850102 870402020102 8902C300", unknownOid,             // property type 2
                "D101 850101 870402020102 8904C300C200",                     // two leaves
                "AA0081048255D10182040000000084820014D1018501018704020201028907C30100C202075B",
            };

            for (int i = 0; i < cases.Length; i += 2)
            {
                Assert.AreEqual(cases[i + 1], ProtocolFixture.Exchange(handler, Request(cases[i])), cases[i]);
            }
        }

        [TestMethod]
        public void EveryPropertyAnswersAGetOfItsLeaf()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            string[] leaves = new string[]
            {
                "0101", "C120" + Hex.Zeros(32),
                "0101", "C23F" + Hex.Zeros(63),
                "0101", "C30100",
                "0101", "C50400000001",
                "0101", "D10100",
                "0102", "C140" + Padded("127.0.0.1", 64),
                "0102", "C202075B",
                "0102", "C30100",
                "0102", "C440" + Padded("DeviceFirmware/Device/test01", 64),
                "0102", "C540" + Padded("DeviceFirmware/Server/test01", 64),
                "0102", "C620" + Padded("DeviceFirmware-test01", 32),
                "0102", "C720" + Hex.Zeros(32),
                "0102", "C820" + Hex.Zeros(32),
                "0102", "C940" + Hex.Zeros(64),
                "0102", "CA02003C",
            };

            for (int i = 0; i < leaves.Length; i += 2)
            {
                string leaf = leaves[i + 1];
                string arc = leaf.Substring(0, 2);
                string payload = "D101850101" + "87040202" + leaves[i] + "8902" + arc + "00";
                string expectedPayload = "D101850101" + "87040202" + leaves[i] + "89" + Hex2(leaf.Length / 2) + leaf;
                Assert.AreEqual(
                    "AA0081048255D101820400000000848200" + Hex2(expectedPayload.Length / 2) + expectedPayload,
                    ProtocolFixture.Exchange(handler, Request(payload)),
                    arc);
            }
        }

        // A Get request around a payload, with its 84 length.
        private static string Request(string payload)
        {
            string hex = Hex.Format(Hex.Parse(payload));
            return "AA00 8104 0155D101 84" + Hex2(hex.Length / 2) + hex;
        }

        private static string Hex2(int value)
        {
            return Hex.Format(new byte[] { (byte)value });
        }

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
