namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Every property this firmware implements, in one declarative table, sorted by OID so that the
    /// properties below any OID prefix form one contiguous run. Names, types, lengths and valid values
    /// follow the MMS reference table (docs: README, "Properties").
    /// </summary>
    public static class PropertyTable
    {
        /// <summary>First OID arc of every device setting (Get/Set tag 85).</summary>
        public const byte DeviceSettingsType = 0x01;

        /// <summary>Largest arc that fits a one-byte BER tag (0x1F would start a multi-byte tag).</summary>
        public const byte MaxArc = 0x1E;

        /// <summary>Deepest OID the table holds, the property type included.</summary>
        public const int MaxOidLength = 6;

        private static readonly string[] QosNames = new string[] { "at most once", "at least once", "exactly once" };

        private static readonly PropertyDefinition[] Properties = new PropertyDefinition[]
        {
            Text(new byte[] { 1, 2, 2, 1, 1, 1 }, 0x11, "wlan.ssid", "WLAN SSID", 32, 1, true, TextRule.Printable, false),
            Text(new byte[] { 1, 2, 2, 1, 1, 2 }, 0x12, "wlan.password", "WLAN Password", 63, 8, true, TextRule.Printable, true),
            Text(new byte[] { 1, 2, 2, 1, 2, 1 }, 0x21, "mqtt.broker", "MQTT Broker Address", 64, 1, true, TextRule.NoSpaces, false),
            Number(new byte[] { 1, 2, 2, 1, 2, 2 }, 0x22, "mqtt.port", "MQTT Port", PropertyKind.UInt16, 1, 0xFFFF, null),
            Number(new byte[] { 1, 2, 2, 1, 2, 3 }, 0x23, "mqtt.qos", "MQTT QoS", PropertyKind.Byte, 0, 2, QosNames),
            Text(new byte[] { 1, 2, 2, 1, 2, 4 }, 0x24, "mqtt.subscribe-topic", "MQTT Subscribe Topic", 64, 1, true, TextRule.NoSpaces, false),
            Text(new byte[] { 1, 2, 2, 1, 2, 5 }, 0x25, "mqtt.publish-topic", "MQTT Publish Topic", 64, 1, false, TextRule.PublishTopic, false),
            Text(new byte[] { 1, 2, 2, 1, 2, 6 }, 0x26, "mqtt.client-id", "MQTT Client ID", 32, 1, false, TextRule.NoSpaces, false),
            Text(new byte[] { 1, 2, 2, 1, 2, 7 }, 0x27, "mqtt.username", "MQTT Username", 32, 1, true, TextRule.NoSpaces, false),
            Text(new byte[] { 1, 2, 2, 1, 2, 8 }, 0x28, "mqtt.password", "MQTT Password", 32, 1, true, TextRule.NoSpaces, true),
            Text(new byte[] { 1, 2, 2, 1, 2, 9 }, 0x29, "mqtt.peer-name", "MQTT Peer Common Name", 64, 1, true, TextRule.NoSpaces, false),
            Number(new byte[] { 1, 2, 2, 1, 2, 0x0A }, 0x2A, "mqtt.keepalive", "MQTT Keep Alive", PropertyKind.UInt16, 0, 0xFFFF, null),
        };

        /// <summary>Number of properties.</summary>
        public static int Count
        {
            get { return Properties.Length; }
        }

        /// <summary>Returns the property at a table index (see <see cref="PropertyIndex"/>).</summary>
        public static PropertyDefinition Get(int index)
        {
            return Properties[index];
        }

        /// <summary>Finds a property by its command-line name, such as <c>mqtt.qos</c>.</summary>
        /// <returns>The table index, or -1.</returns>
        public static int IndexOfName(string name)
        {
            for (int i = 0; i < Properties.Length; i++)
            {
                if (Properties[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Finds a property by the stable key of its settings-record entry.</summary>
        /// <returns>The table index, or -1.</returns>
        public static int IndexOfKey(byte key)
        {
            for (int i = 0; i < Properties.Length; i++)
            {
                if (Properties[i].Key == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Finds the property whose whole OID equals the given arcs.</summary>
        /// <param name="arcs">Buffer holding the arcs, one byte each, starting with the property type.</param>
        /// <param name="offset">Offset of the first arc.</param>
        /// <param name="count">Number of arcs.</param>
        /// <returns>The table index, or -1.</returns>
        public static int IndexOfOid(byte[] arcs, int offset, int count)
        {
            for (int i = 0; i < Properties.Length; i++)
            {
                if (Properties[i].OidLength == count && Properties[i].OidStartsWith(arcs, offset, count))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Finds the run of properties whose OID starts with the given arcs (a branch, or one leaf).
        /// Because the table is sorted by OID the run is contiguous.
        /// </summary>
        /// <param name="arcs">Buffer holding the arcs, starting with the property type.</param>
        /// <param name="offset">Offset of the first arc.</param>
        /// <param name="count">Number of arcs.</param>
        /// <param name="first">Receives the table index of the first property in the run.</param>
        /// <returns>Number of properties in the run; 0 when the prefix names nothing.</returns>
        public static int FindPrefix(byte[] arcs, int offset, int count, out int first)
        {
            first = -1;
            int found = 0;
            for (int i = 0; i < Properties.Length; i++)
            {
                if (Properties[i].OidStartsWith(arcs, offset, count))
                {
                    if (found == 0)
                    {
                        first = i;
                    }

                    found++;
                }
                else if (found > 0)
                {
                    break;
                }
            }

            return found;
        }

        private static PropertyDefinition Text(byte[] oid, byte key, string name, string title, int maxLength, int minLength, bool allowEmpty, TextRule rule, bool writeOnly)
        {
            return new PropertyDefinition(oid, key, name, title, PropertyKind.Ascii, maxLength, minLength, allowEmpty, 0, 0, rule, writeOnly, null);
        }

        private static PropertyDefinition Number(byte[] oid, byte key, string name, string title, PropertyKind kind, int minValue, int maxValue, string[] valueNames)
        {
            int length = kind == PropertyKind.UInt16 ? 2 : 1;
            return new PropertyDefinition(oid, key, name, title, kind, length, length, false, minValue, maxValue, TextRule.None, false, valueNames);
        }
    }
}
