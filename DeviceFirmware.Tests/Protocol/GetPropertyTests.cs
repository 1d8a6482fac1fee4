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
            string expectedValue = "4465766963654669726D776172652D746573743031" + Zeros(32 - 21);
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
                "AA0081048255D1018204000000008482002FD1018501018704020201028922C820" + Zeros(32),
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
                "AA0081048255D10182040000000084820075D101850101870302020189820067E1820063C120" + Zeros(32) + "C23F" + Zeros(63),
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
                "AA0081048255D10182040000000084820075D101850101870302020189820067E1820063C1206C61622D6E6574" + Zeros(25) + "C23F" + Zeros(63),
                ProtocolFixture.Exchange(handler, "AA00 8104 0155D101 840E D101 850101 8703020201 8902 C100"));
        }

        [TestMethod]
        public void BranchGetOfTheWholeTreeReturnsEveryProperty()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 85 01 + 89 C2 00 = everything below 1.2.
            byte[] request = Hex.Parse("AA00 8104 0155D101 8409 D101 850101 8902 C200");
            byte[] response = handler.Handle(request, 0, request.Length);

            Assert.AreEqual("AA0081048255D10182040000000084", Hex.Format(response, 0, 15));
            int leaves = CountLeaves(response);
            Assert.AreEqual(PropertyTable.Count, leaves);
        }

        [TestMethod]
        public void EmptyRemainderReturnsEverythingBelowThePrefix()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 87 02020102 and an empty 89: every MQTT property, as direct children of 89.
            byte[] request = Hex.Parse("AA00 8104 0155D101 840D D101 850101 870402020102 8900");
            byte[] response = handler.Handle(request, 0, request.Length);

            Assert.AreEqual(10, CountLeaves(response));
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

        /// <summary>Counts the primitive OID nodes inside the response's 89.</summary>
        private static int CountLeaves(byte[] response)
        {
            const int PayloadValueOffset = 18;
            int pos = PayloadValueOffset + 2;
            int end = response.Length;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(response, pos, end, out tag, out valueOffset, out valueLength);
                if (tag == PropertyTag.OidRemainder)
                {
                    return CountNodes(response, valueOffset, next);
                }

                pos = next;
            }

            return -1;
        }

        private static int CountNodes(byte[] buffer, int start, int end)
        {
            int count = 0;
            int pos = start;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                Assert.IsTrue(next > 0, "malformed node in response");
                count += BerTlv.IsConstructed(tag) ? CountNodes(buffer, valueOffset, next) : 1;
                pos = next;
            }

            return count;
        }

        internal static string Zeros(int count)
        {
            string text = string.Empty;
            for (int i = 0; i < count; i++)
            {
                text += "00";
            }

            return text;
        }
    }
}
