using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Every kind of bad request, as a table of literal request and expected response. Failures carry
    /// summary 80 and no payload; a message without a readable SOM and 81 header gets no answer. No
    /// failed request changes a stored setting.
    /// </summary>
    [TestClass]
    public class BadInputTests
    {
        private const string NoAnswer = "(null)";
        private const string Malformed = "820480010102";
        private const string BadParameter = "820480020102";
        private const string UnknownCommand = "820480010113";

        /// <summary>Case name, request, expected response.</summary>
        private static string[][] Cases()
        {
            return new string[][]
            {
                // Values refused by the QoS property.
                new string[] { "QoS 03", "AA0081040155D1118410D1118501018704020201028903C30103", "AA0081048255D111" + BadParameter },
                new string[] { "QoS FF", "AA0081040155D1118410D1118501018704020201028903C301FF", "AA0081048255D111" + BadParameter },
                new string[] { "QoS length 0", "AA0081040155D111840FD1118501018704020201028902C300", "AA0081048255D111" + BadParameter },
                new string[] { "QoS length 2", "AA0081040155D1118411D1118501018704020201028904C3020000", "AA0081048255D111" + BadParameter },

                // Unknown OIDs.
                new string[] { "unknown leaf 1.2.2.1.2.B", "AA0081040155D101840FD1018501018704020201028902CB00", "AA0081048255D101" + BadParameter },
                new string[] { "unknown property type 2", "AA0081040155D101840FD1018501028704020201028902C300", "AA0081048255D101" + BadParameter },
                new string[] { "Set of a branch", "AA0081040155D111840FD11185010187030202018903C20100", "AA0081048255D111" + BadParameter },
                new string[] { "wrong company ID", "AA0081040155D1018418D10181072B06010401F60A8501018704020201028902C300", "AA0081048255D101" + BadParameter },
                new string[] { "device family not 3 bytes", "AA0081040155D1018413D101820202018501018704020201028902C300", "AA0081048255D101" + BadParameter },
                new string[] { "Get leaf with a value", "AA0081040155D1018410D1018501018704020201028903C30100", "AA0081048255D101" + BadParameter },
                new string[] { "empty constructed node", "AA0081040155D1018409D1018501018902E200", "AA0081048255D101" + BadParameter },
                new string[] { "property named twice in a Set", "AA0081040155D1118413D1118501018704020201028906C30101C30102", "AA0081048255D111" + BadParameter },
                new string[] { "Set naming nothing", "AA0081040155D1118407D1118501018900", "AA0081048255D111" + BadParameter },
                new string[] { "unknown payload tag", "AA0081040155D1018412D1018501018704020201028902C3008301FF", "AA0081048255D101" + BadParameter },

                // Unknown commands.
                new string[] { "command D102", "AA0081040155D102840FD1028501018704020201028902C300", "AA0081048255D102" + UnknownCommand },
                new string[] { "secured Set D112", "AA0081040155D1128410D1128501018704020201028903C30101", "AA0081048255D112" + UnknownCommand },
                new string[] { "command 1001 without payload", "AA0081040155" + "1001", "AA0081048255" + "1001" + UnknownCommand },

                // Envelopes that get no answer.
                new string[] { "wrong SOM", "AB0081040155D101840FD1018501018704020201028902C300", NoAnswer },
                new string[] { "SOM only", "AA", NoAnswer },
                new string[] { "no 81 header", "AA00", NoAnswer },
                new string[] { "payload before 81", "AA00840FD1018501018704020201028902C30081040155D101", NoAnswer },
                new string[] { "81 shorter than 4 bytes", "AA0081030155D1", NoAnswer },
                new string[] { "81 overruns", "AA0081050155D101", NoAnswer },
                new string[] { "81 is a response, not a request", "AA0081048255D101840FD1018501018704020201028902C300", NoAnswer },

                // Messages that are not constructed properly.
                new string[] { "payload length overruns", "AA0081040155D1018420D1018501018704020201028902C300", "AA0081048255D101" + Malformed },
                new string[] { "truncated long length", "AA0081040155D101848200", "AA0081048255D101" + Malformed },
                new string[] { "indefinite length", "AA0081040155D1018480D1018501018704020201028902C300", "AA0081048255D101" + Malformed },
                new string[] { "five length bytes", "AA0081040155D10184850000000000", "AA0081048255D101" + Malformed },
                new string[] { "one trailing byte", "AA0081040155D101840FD1018501018704020201028902C30000", "AA0081048255D101" + Malformed },
                new string[] { "trailing empty TLV", "AA0081040155D101840FD1018501018704020201028902C3000000", "AA0081048255D101" + Malformed },
                new string[] { "multi-byte top-level tag", "AA0081040155D1019F0100", "AA0081048255D101" + Malformed },
                new string[] { "multi-byte tag in payload", "AA0081040155D1018405D1015F2000", "AA0081048255D101" + Malformed },
                new string[] { "payload given twice", "AA0081040155D1018402D1018402D101", "AA0081048255D101" + Malformed },
                new string[] { "payload missing", "AA0081040155D101", "AA0081048255D101" + Malformed },
                new string[] { "payload starts with another command", "AA0081040155D101840FD1118501018704020201028902C300", "AA0081048255D101" + Malformed },
                new string[] { "property type missing", "AA0081040155D101840CD1018704020201028902C300", "AA0081048255D101" + Malformed },
                new string[] { "OID remainder missing", "AA0081040155D101840BD101850101870402020102", "AA0081048255D101" + Malformed },
                new string[] { "property type 2 bytes", "AA0081040155D1018410D101850201018704020201028902C300", "AA0081048255D101" + Malformed },
                new string[] { "context tag inside 89", "AA0081040155D101840FD1018501018704020201028902830" + "0", "AA0081048255D101" + Malformed },
                new string[] { "OID node overruns 89", "AA0081040155D101840FD1018501018704020201028902C305", "AA0081048255D101" + Malformed },
            };
        }

        [TestMethod]
        public void EveryBadRequestGetsItsDocumentedAnswer()
        {
            string[][] cases = Cases();
            for (int i = 0; i < cases.Length; i++)
            {
                SettingsStore store;
                MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
                string before = SettingsFixtures.Fingerprint(store);

                string response = ProtocolFixture.Exchange(handler, cases[i][1]);

                Assert.AreEqual(cases[i][2], response, cases[i][0]);
                Assert.AreEqual(before, SettingsFixtures.Fingerprint(store), cases[i][0] + ": settings changed");
            }
        }

        [TestMethod]
        public void DeeplyNestedOidIsRefusedWithoutRecursingForever()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);

            // 89 holds 60 nested E1 nodes around a C1 leaf: deeper than any OID the device knows.
            const int Depth = 60;
            int remainderLength = Depth * 2 + 2;
            int payloadLength = 2 + 3 + 3 + remainderLength;
            byte[] request = new byte[8 + 4 + payloadLength];
            byte[] head = DeviceFirmware.Tests.TestSupport.Hex.Parse("AA0081040155D101");
            System.Array.Copy(head, request, head.Length);
            int pos = 8;
            request[pos++] = 0x84;
            request[pos++] = 0x82;
            request[pos++] = (byte)(payloadLength >> 8);
            request[pos++] = (byte)payloadLength;
            request[pos++] = 0xD1;
            request[pos++] = 0x01;
            request[pos++] = 0x85;
            request[pos++] = 0x01;
            request[pos++] = 0x01;
            request[pos++] = 0x89;
            request[pos++] = 0x81;
            request[pos++] = (byte)remainderLength;
            for (int i = 0; i < Depth; i++)
            {
                request[pos++] = 0xE1;
                request[pos++] = (byte)(remainderLength - 2 * i - 2);
            }

            request[pos++] = 0xC1;
            request[pos] = 0x00;

            byte[] response = handler.Handle(request, 0, request.Length);

            Assert.AreEqual("AA0081048255D101" + BadParameter, DeviceFirmware.Tests.TestSupport.Hex.Format(response));
        }
    }
}
