using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// One table over every property: Get the default, Set a valid value, Get it back, Set an invalid
    /// value and see 80 020102 with the stored value unchanged. A fixed setting's only valid value is
    /// the one the board has; a read-only property (device information) has none, so its row has no
    /// valid Set and its invalid Set is its own current value.
    /// </summary>
    [TestClass]
    public class PropertyRoundTripTests
    {
        private const int Name = 0;
        private const int DefaultWire = 1;
        private const int ValidSet = 2;
        private const int WireAfterSet = 3;
        private const int InvalidSet = 4;

        private const string BadParameter = "8204" + "80020102";

        /// <summary>name, default as Get returns it, a valid Set value (null: none), Get after it, an invalid Set value.</summary>
        private static string[][] Rows()
        {
            return new string[][]
            {
                new string[] { "wlan.ssid", Text(string.Empty, 32), Ascii("lab net"), Text("lab net", 32), Ascii("0123456789012345678901234567890123") },
                new string[] { "wlan.password", Hex.Zeros(63), Ascii("correct horse"), Hex.Zeros(63), Ascii("short") },
                new string[] { "wlan.security-mode", "00", "00", "00", "01" },
                new string[] { "wlan.dhcp", "00000001", "00000001", "00000001", "00000000" },
                new string[] { "wlan.protocol", "00", "00", "00", "02" },
                new string[] { "mqtt.broker", Text("127.0.0.1", 64), Ascii("broker.example.com"), Text("broker.example.com", 64), Ascii("has space") },
                new string[] { "mqtt.port", "075B", "22B3", "22B3", "0000" },
                new string[] { "mqtt.qos", "00", "01", "01", "03" },
                new string[] { "mqtt.subscribe-topic", Text("DeviceFirmware/Device/test01", 64), Ascii("cmd/#"), Text("cmd/#", 64), Ascii("a\tb") },
                new string[] { "mqtt.publish-topic", Text("DeviceFirmware/Server/test01", 64), Ascii("plant/line1"), Text("plant/line1", 64), Ascii("plant/+") },
                new string[] { "mqtt.client-id", Text("DeviceFirmware-test01", 32), Ascii("dev-42") + "0000", Text("dev-42", 32), string.Empty },
                new string[] { "mqtt.username", Text(string.Empty, 32), Ascii("alice"), Text("alice", 32), Ascii("alice") + "00" + Ascii("x") },
                new string[] { "mqtt.password", Hex.Zeros(32), Ascii("p@ss"), Hex.Zeros(32), Ascii("with space") },
                new string[] { "mqtt.peer-name", Text(string.Empty, 64), Ascii("broker.local"), Text("broker.local", 64), Ascii("a b") },
                new string[] { "mqtt.keepalive", "003C", "012C", "012C", "000001" },
                new string[] { "device.boot-firmware", Text("DFBOOT-1.1.0-STD", 19), null, Text("DFBOOT-1.1.0-STD", 19), Text("DFBOOT-1.1.0-STD", 19) },
                new string[] { "device.model", Text("DeviceFirmware Sim", 20), null, Text("DeviceFirmware Sim", 20), Ascii("DeviceFirmware Sim") },
                new string[] { "device.main-firmware", Text("DFMAIN-1.1.0-STD", 19), null, Text("DFMAIN-1.1.0-STD", 19), Ascii("DFMAIN-9.9.9-STD") },

                // CRC-32 of "test01" is D449EF7E (zlib.crc32): serial number D449EF7, reported D4 49 EF 70.
                new string[] { "device.serial-number", "D449EF70", null, "D449EF70", "D449EF70" },
            };
        }

        [TestMethod]
        public void TableCoversEveryProperty()
        {
            string[][] rows = Rows();
            Assert.AreEqual(PropertyTable.Count, rows.Length);
            for (int i = 0; i < rows.Length; i++)
            {
                Assert.AreEqual(PropertyTable.Get(i).Name, rows[i][Name]);
            }
        }

        [TestMethod]
        public void EveryPropertyRoundTrips()
        {
            string[][] rows = Rows();
            for (int i = 0; i < rows.Length; i++)
            {
                SettingsStore store;
                MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
                int index = PropertyTable.IndexOfName(rows[i][Name]);
                string name = rows[i][Name];

                Assert.AreEqual(rows[i][DefaultWire], GetWire(handler, index), name + ": default");

                if (rows[i][ValidSet] != null)
                {
                    byte[] valid = Hex.Parse(rows[i][ValidSet]);
                    byte[] setResponse = Send(handler, MmsRequestBuilder.Set(0x21, index, valid, 0, valid.Length));
                    Assert.AreEqual("8204" + "00000000", Hex.Format(setResponse, 8, 6), name + ": valid Set status");
                }

                Assert.AreEqual(rows[i][WireAfterSet], GetWire(handler, index), name + ": Get after Set");
                string stored = StoredHex(store, index);

                byte[] invalid = Hex.Parse(rows[i][InvalidSet]);
                byte[] failure = Send(handler, MmsRequestBuilder.Set(0x22, index, invalid, 0, invalid.Length));
                Assert.AreEqual("AA0081048222D111" + BadParameter, Hex.Format(failure), name + ": invalid Set");
                Assert.AreEqual(stored, StoredHex(store, index), name + ": value unchanged after invalid Set");
                Assert.AreEqual(rows[i][WireAfterSet], GetWire(handler, index), name + ": Get after invalid Set");
            }
        }

        [TestMethod]
        public void InvalidValuesAreRefusedFromTheDefaultsToo()
        {
            string[][] rows = Rows();
            for (int i = 0; i < rows.Length; i++)
            {
                SettingsStore store;
                MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
                string before = StoredHex(store, i);
                byte[] invalid = Hex.Parse(rows[i][InvalidSet]);

                byte[] failure = Send(handler, MmsRequestBuilder.Set(0x23, i, invalid, 0, invalid.Length));

                Assert.AreEqual("AA0081048223D111" + BadParameter, Hex.Format(failure), rows[i][Name]);
                Assert.AreEqual(before, StoredHex(store, i), rows[i][Name]);
            }
        }

        private static string GetWire(MmsRequestHandler handler, int index)
        {
            byte[] response = Send(handler, MmsRequestBuilder.Get(0x20, index));
            Assert.AreEqual("8204" + "00000000", Hex.Format(response, 8, 6), "Get status");

            // The manual's shortcut: the value is what follows the leaf's tag and length at the end of 89.
            int length = PropertyTable.Get(index).WireLength;
            return Hex.Format(response, response.Length - length, length);
        }

        private static byte[] Send(MmsRequestHandler handler, byte[] request)
        {
            return handler.Handle(request, 0, request.Length);
        }

        private static string StoredHex(SettingsStore store, int index)
        {
            byte[] value = new byte[store.GetLength(index)];
            store.CopyValue(index, value, 0);
            return Hex.Format(value);
        }

        private static string Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return Hex.Format(bytes);
        }

        private static string Text(string text, int width)
        {
            return Ascii(text) + Hex.Zeros(width - text.Length);
        }
    }
}
