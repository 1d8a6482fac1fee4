using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// Every property's validation rules as one table: lengths, ranges and character rules, each row
    /// a property name, a literal value and the expected verdict. The store relies on these rules to
    /// refuse a damaged record, so they are pinned here.
    /// </summary>
    [TestClass]
    public class PropertyValidationTests
    {
        private const string Junk = "FFFFFF";

        [TestMethod]
        public void EveryRowGetsItsVerdict()
        {
            Row[] rows = Rows();
            for (int i = 0; i < rows.Length; i++)
            {
                Row row = rows[i];
                int index = PropertyTable.IndexOfName(row.Name);
                Assert.IsTrue(index >= 0, "unknown property " + row.Name);
                PropertyDefinition property = PropertyTable.Get(index);
                byte[] value = Hex.Parse(row.Value);
                string where = row.Name + " " + row.Value;
                Assert.AreEqual((int)row.Expected, (int)property.Validate(value, 0, value.Length), where);

                // The same bytes inside a larger buffer, framed by bytes no rule accepts.
                byte[] framed = Hex.Parse(Junk + row.Value + Junk);
                Assert.AreEqual((int)row.Expected, (int)property.Validate(framed, Junk.Length / 2, value.Length), where + " (framed)");
            }
        }

        [TestMethod]
        public void EveryPropertyHasRows()
        {
            Row[] rows = Rows();
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                string name = PropertyTable.Get(i).Name;
                bool found = false;
                for (int r = 0; r < rows.Length; r++)
                {
                    if (rows[r].Name == name)
                    {
                        found = true;
                    }
                }

                Assert.IsTrue(found, "no validation rows for " + name);
            }
        }

        [TestMethod]
        public void CanonicalLengthDropsOnlyTextPadding()
        {
            PropertyDefinition ssid = PropertyTable.Get(PropertyIndex.WlanSsid);
            Assert.AreEqual(2, ssid.CanonicalLength(Hex.Parse("61620000"), 0, 4));
            Assert.AreEqual(0, ssid.CanonicalLength(Hex.Parse("0000"), 0, 2));
            Assert.AreEqual(3, ssid.CanonicalLength(Hex.Parse("612062"), 0, 3));

            PropertyDefinition port = PropertyTable.Get(PropertyIndex.MqttPort);
            Assert.AreEqual(2, port.CanonicalLength(Hex.Parse("0100"), 0, 2));
            PropertyDefinition qos = PropertyTable.Get(PropertyIndex.MqttQos);
            Assert.AreEqual(1, qos.CanonicalLength(Hex.Parse("00"), 0, 1));
        }

        [TestMethod]
        public void ZerosPastTheMaximumArePaddingForEveryTextProperty()
        {
            // MagTek's configuration app pads text to 224 bytes whatever the property's maximum.
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                if (property.Kind != PropertyKind.Ascii)
                {
                    continue;
                }

                byte[] padded = new byte[224];
                for (int b = 0; b < property.MaxLength; b++)
                {
                    padded[b] = (byte)'t';
                }

                Assert.AreEqual((int)PropertyValueError.None, (int)property.Validate(padded, 0, padded.Length), property.Name);
                Assert.AreEqual(property.MaxLength, property.CanonicalLength(padded, 0, padded.Length), property.Name);

                padded[property.MaxLength] = (byte)'x';
                Assert.AreEqual((int)PropertyValueError.TooLong, (int)property.Validate(padded, 0, padded.Length), property.Name);
                padded[property.MaxLength] = 0x00;
                padded[223] = 0x01;
                Assert.AreEqual((int)PropertyValueError.TooLong, (int)property.Validate(padded, 0, padded.Length), property.Name);
            }
        }

        private static Row[] Rows()
        {
            return new Row[]
            {
                // wlan.ssid: printable ASCII with spaces, up to 32, may be empty.
                new Row("wlan.ssid", string.Empty, PropertyValueError.None),
                new Row("wlan.ssid", "61", PropertyValueError.None),
                new Row("wlan.ssid", "4D79204E6574", PropertyValueError.None),
                new Row("wlan.ssid", "20", PropertyValueError.None),
                new Row("wlan.ssid", "7E", PropertyValueError.None),
                new Row("wlan.ssid", Repeat("61", 32), PropertyValueError.None),
                new Row("wlan.ssid", Repeat("61", 33), PropertyValueError.TooLong),
                new Row("wlan.ssid", Repeat("61", 32) + "00", PropertyValueError.None),
                new Row("wlan.ssid", "61" + Repeat("00", 223), PropertyValueError.None),
                new Row("wlan.ssid", Repeat("61", 32) + "0061", PropertyValueError.TooLong),
                new Row("wlan.ssid", "61" + Repeat("00", 40) + "61", PropertyValueError.TooLong),
                new Row("wlan.ssid", "61620000", PropertyValueError.None),
                new Row("wlan.ssid", "0000", PropertyValueError.None),
                new Row("wlan.ssid", "610062", PropertyValueError.BadCharacter),
                new Row("wlan.ssid", "1F", PropertyValueError.BadCharacter),
                new Row("wlan.ssid", "7F", PropertyValueError.BadCharacter),
                new Row("wlan.ssid", "80", PropertyValueError.BadCharacter),

                // wlan.password: printable, 8 to 63, or empty for an open network.
                new Row("wlan.password", string.Empty, PropertyValueError.None),
                new Row("wlan.password", Repeat("70", 7), PropertyValueError.TooShort),
                new Row("wlan.password", Repeat("70", 7) + "00", PropertyValueError.TooShort),
                new Row("wlan.password", Repeat("70", 8), PropertyValueError.None),
                new Row("wlan.password", "7061737320776F7264", PropertyValueError.None),
                new Row("wlan.password", Repeat("70", 63), PropertyValueError.None),
                new Row("wlan.password", Repeat("70", 64), PropertyValueError.TooLong),
                new Row("wlan.password", Repeat("70", 8) + "0A", PropertyValueError.BadCharacter),

                // wlan.security-mode: one byte, 00 PSK or 01 EAP-PEAP (the board's fixed 00 is checked by Set, not here).
                new Row("wlan.security-mode", "00", PropertyValueError.None),
                new Row("wlan.security-mode", "01", PropertyValueError.None),
                new Row("wlan.security-mode", "02", PropertyValueError.OutOfRange),
                new Row("wlan.security-mode", string.Empty, PropertyValueError.WrongLength),

                // wlan.dhcp: four bytes, any value (0 = static IP).
                new Row("wlan.dhcp", "00000001", PropertyValueError.None),
                new Row("wlan.dhcp", "00000000", PropertyValueError.None),
                new Row("wlan.dhcp", "0001", PropertyValueError.WrongLength),
                new Row("wlan.dhcp", "0000000100", PropertyValueError.WrongLength),

                // wlan.protocol: one byte, 00 MQTT, 01 RFU, 02 WebSocket server.
                new Row("wlan.protocol", "00", PropertyValueError.None),
                new Row("wlan.protocol", "02", PropertyValueError.None),
                new Row("wlan.protocol", "03", PropertyValueError.OutOfRange),
                new Row("wlan.protocol", "0000", PropertyValueError.WrongLength),

                // mqtt.broker: no spaces, up to 64, may be empty (unset).
                new Row("mqtt.broker", string.Empty, PropertyValueError.None),
                new Row("mqtt.broker", "3132372E302E302E31", PropertyValueError.None),
                new Row("mqtt.broker", Repeat("62", 64), PropertyValueError.None),
                new Row("mqtt.broker", Repeat("62", 65), PropertyValueError.TooLong),
                new Row("mqtt.broker", "622062", PropertyValueError.BadCharacter),
                new Row("mqtt.broker", "20", PropertyValueError.BadCharacter),

                // mqtt.port: two bytes big-endian, 1 to 65535.
                new Row("mqtt.port", "0000", PropertyValueError.OutOfRange),
                new Row("mqtt.port", "0001", PropertyValueError.None),
                new Row("mqtt.port", "075B", PropertyValueError.None),
                new Row("mqtt.port", "FFFF", PropertyValueError.None),
                new Row("mqtt.port", "07", PropertyValueError.WrongLength),
                new Row("mqtt.port", string.Empty, PropertyValueError.WrongLength),
                new Row("mqtt.port", "00075B", PropertyValueError.WrongLength),

                // mqtt.qos: one byte, 0 to 2.
                new Row("mqtt.qos", "00", PropertyValueError.None),
                new Row("mqtt.qos", "01", PropertyValueError.None),
                new Row("mqtt.qos", "02", PropertyValueError.None),
                new Row("mqtt.qos", "03", PropertyValueError.OutOfRange),
                new Row("mqtt.qos", "FF", PropertyValueError.OutOfRange),
                new Row("mqtt.qos", string.Empty, PropertyValueError.WrongLength),
                new Row("mqtt.qos", "0001", PropertyValueError.WrongLength),

                // mqtt.subscribe-topic: no spaces, wildcards allowed, up to 64, may be empty.
                new Row("mqtt.subscribe-topic", string.Empty, PropertyValueError.None),
                new Row("mqtt.subscribe-topic", "612F2B2F23", PropertyValueError.None),
                new Row("mqtt.subscribe-topic", Repeat("74", 64), PropertyValueError.None),
                new Row("mqtt.subscribe-topic", Repeat("74", 65), PropertyValueError.TooLong),
                new Row("mqtt.subscribe-topic", "612062", PropertyValueError.BadCharacter),

                // mqtt.publish-topic: no spaces and no wildcards, 1 to 64.
                new Row("mqtt.publish-topic", string.Empty, PropertyValueError.TooShort),
                new Row("mqtt.publish-topic", "00", PropertyValueError.TooShort),
                new Row("mqtt.publish-topic", "612F62", PropertyValueError.None),
                new Row("mqtt.publish-topic", Repeat("74", 64), PropertyValueError.None),
                new Row("mqtt.publish-topic", Repeat("74", 65), PropertyValueError.TooLong),
                new Row("mqtt.publish-topic", "612B", PropertyValueError.BadCharacter),
                new Row("mqtt.publish-topic", "6123", PropertyValueError.BadCharacter),
                new Row("mqtt.publish-topic", "612062", PropertyValueError.BadCharacter),

                // mqtt.client-id: no spaces, 1 to 32.
                new Row("mqtt.client-id", string.Empty, PropertyValueError.TooShort),
                new Row("mqtt.client-id", "63", PropertyValueError.None),
                new Row("mqtt.client-id", Repeat("63", 32), PropertyValueError.None),
                new Row("mqtt.client-id", Repeat("63", 33), PropertyValueError.TooLong),
                new Row("mqtt.client-id", "632063", PropertyValueError.BadCharacter),

                // mqtt.username: no spaces, up to 32, may be empty.
                new Row("mqtt.username", string.Empty, PropertyValueError.None),
                new Row("mqtt.username", Repeat("75", 32), PropertyValueError.None),
                new Row("mqtt.username", Repeat("75", 33), PropertyValueError.TooLong),
                new Row("mqtt.username", "7509", PropertyValueError.BadCharacter),

                // mqtt.password: no spaces, up to 32, may be empty.
                new Row("mqtt.password", string.Empty, PropertyValueError.None),
                new Row("mqtt.password", Repeat("70", 32), PropertyValueError.None),
                new Row("mqtt.password", Repeat("70", 33), PropertyValueError.TooLong),
                new Row("mqtt.password", "702070", PropertyValueError.BadCharacter),

                // mqtt.peer-name: no spaces, up to 64, may be empty.
                new Row("mqtt.peer-name", string.Empty, PropertyValueError.None),
                new Row("mqtt.peer-name", Repeat("6E", 64), PropertyValueError.None),
                new Row("mqtt.peer-name", Repeat("6E", 65), PropertyValueError.TooLong),
                new Row("mqtt.peer-name", "6E7F", PropertyValueError.BadCharacter),

                // mqtt.keepalive: two bytes big-endian, 0 to 65535.
                new Row("mqtt.keepalive", "0000", PropertyValueError.None),
                new Row("mqtt.keepalive", "FFFF", PropertyValueError.None),
                new Row("mqtt.keepalive", "3C", PropertyValueError.WrongLength),
                new Row("mqtt.keepalive", "00003C", PropertyValueError.WrongLength),

                // device.boot-firmware, device.main-firmware: text, no spaces, up to 19 (the composition's value; Set refuses every value).
                new Row("device.boot-firmware", "44464F4F542D312E302E302D535444", PropertyValueError.None),
                new Row("device.boot-firmware", Repeat("42", 19) + "00", PropertyValueError.None),
                new Row("device.boot-firmware", Repeat("42", 20), PropertyValueError.TooLong),
                new Row("device.main-firmware", Repeat("4D", 19), PropertyValueError.None),
                new Row("device.main-firmware", "4D204D", PropertyValueError.BadCharacter),

                // device.model: printable text, 10 to 20.
                new Row("device.model", "4465766963654669726D77617265", PropertyValueError.None),
                new Row("device.model", Repeat("6D", 9), PropertyValueError.TooShort),
                new Row("device.model", Repeat("6D", 20), PropertyValueError.None),
                new Row("device.model", Repeat("6D", 21), PropertyValueError.TooLong),

                // device.serial-number: four bytes, seven digits and a zero nibble.
                new Row("device.serial-number", "B6037860", PropertyValueError.None),
                new Row("device.serial-number", "B60378", PropertyValueError.WrongLength),
            };
        }

        private static string Repeat(string hexByte, int count)
        {
            string text = string.Empty;
            for (int i = 0; i < count; i++)
            {
                text += hexByte;
            }

            return text;
        }

        /// <summary>One table row: a property, a value in hex, and the verdict Validate must give.</summary>
        private sealed class Row
        {
            public Row(string name, string value, PropertyValueError expected)
            {
                Name = name;
                Value = value;
                Expected = expected;
            }

            public string Name { get; }

            public string Value { get; }

            public PropertyValueError Expected { get; }
        }
    }
}
