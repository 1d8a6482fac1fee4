namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Every property this firmware implements, in one declarative table, sorted by OID so that the
    /// properties below any OID prefix form one contiguous run. Names, types, lengths and valid values
    /// follow MagTek's programmer's manual (D100005000); each row cites its property page
    /// (MagTek-PaulDeignan/MagTekDocs, "docs/Developer Documentation/PropertySection_property_*.md" at
    /// 947e82260a3647fd38f25fe5e24a1fb495ffcf48) and the README's "Properties" table lists the same.
    /// </summary>
    public static class PropertyTable
    {
        /// <summary>First OID arc of every device setting (Get/Set tag 85).</summary>
        public const byte DeviceSettingsType = 0x01;

        /// <summary>First OID arc of every device-information property (Get tag 85): read-only.</summary>
        public const byte DeviceInformationType = 0x02;

        /// <summary>Largest arc that fits a one-byte BER tag (0x1F would start a multi-byte tag).</summary>
        public const byte MaxArc = 0x1E;

        /// <summary>Deepest OID the table holds, the property type included.</summary>
        public const int MaxOidLength = 6;

        /// <summary>Length of a firmware version (2.1.2.1.1.2, 2.1.2.2.2.2): "PartNumber-Version-Build", zero-padded.</summary>
        public const int FirmwareVersionLength = 19;

        /// <summary>Shortest device model name (2.1.2.2.2.1).</summary>
        public const int ModelNameMinLength = 10;

        /// <summary>Longest device model name (2.1.2.2.2.1).</summary>
        public const int ModelNameMaxLength = 20;

        /// <summary>Length of the serial number (2.2.1.1.1.1): seven hexadecimal digits and a zero nibble.</summary>
        public const int SerialNumberLength = 4;

        /// <summary>Length of the Use DHCP flag (1.2.2.1.1.5).</summary>
        public const int DhcpLength = 4;

        private static readonly string[] QosNames = new string[] { "at most once", "at least once", "exactly once" };

        private static readonly string[] SecurityModeNames = new string[] { "PSK", "EAP-PEAP" };

        private static readonly string[] WlanProtocolNames = new string[] { "MQTT", "RFU", "WebSocket server" };

        private static readonly PropertyDefinition[] Properties = new PropertyDefinition[]
        {
            // PropertySection_property_1_2_2_1_1_1_ssid.md, Tables 668-672.
            Text(new byte[] { 1, 2, 2, 1, 1, 1 }, 0x11, "wlan.ssid", "WLAN SSID", 32, 1, true, TextRule.Printable, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_1_2_password.md, Tables 673-677.
            Text(new byte[] { 1, 2, 2, 1, 1, 2 }, 0x12, "wlan.password", "WLAN Password", 63, 8, true, TextRule.Printable, PropertyAccess.WriteOnly),

            // PropertySection_property_1_2_2_1_1_3_security_mode.md, Tables 678-682. The board joins PSK networks only.
            Fixed(new byte[] { 1, 2, 2, 1, 1, 3 }, "wlan.security-mode", "WLAN Security Mode", PropertyKind.Byte, 1, 0, 1, SecurityModeNames),

            // PropertySection_property_1_2_2_1_1_5_use_dhcp.md, Tables 688-692. The board always uses DHCP.
            Fixed(new byte[] { 1, 2, 2, 1, 1, 5 }, "wlan.dhcp", "WLAN Use DHCP", PropertyKind.Binary, DhcpLength, 0, 0, null),

            // PropertySection_property_1_2_2_1_1_11_wlan_protocol.md, Tables 747-751. The board speaks MQTT only.
            Fixed(new byte[] { 1, 2, 2, 1, 1, 0x11 }, "wlan.protocol", "WLAN Protocol", PropertyKind.Byte, 1, 0, 2, WlanProtocolNames),

            // PropertySection_property_1_2_2_1_2_1_mqtt_broker_address.md, Tables 752-756.
            Text(new byte[] { 1, 2, 2, 1, 2, 1 }, 0x21, "mqtt.broker", "MQTT Broker Address", 64, 1, true, TextRule.NoSpaces, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_2_mqtt_port.md, Tables 757-761.
            Number(new byte[] { 1, 2, 2, 1, 2, 2 }, 0x22, "mqtt.port", "MQTT Port", PropertyKind.UInt16, 1, 0xFFFF, null),

            // PropertySection_property_1_2_2_1_2_3_mqtt_qos_quality_of_service.md, Tables 762-766.
            Number(new byte[] { 1, 2, 2, 1, 2, 3 }, 0x23, "mqtt.qos", "MQTT QoS", PropertyKind.Byte, 0, 2, QosNames),

            // PropertySection_property_1_2_2_1_2_4_mqtt_subscribe_topic.md, Tables 767-771.
            Text(new byte[] { 1, 2, 2, 1, 2, 4 }, 0x24, "mqtt.subscribe-topic", "MQTT Subscribe Topic", 64, 1, true, TextRule.NoSpaces, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_5_mqtt_publish_topic.md, Tables 772-776.
            Text(new byte[] { 1, 2, 2, 1, 2, 5 }, 0x25, "mqtt.publish-topic", "MQTT Publish Topic", 64, 1, false, TextRule.PublishTopic, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_6_mqtt_client_id.md, Tables 777-781.
            Text(new byte[] { 1, 2, 2, 1, 2, 6 }, 0x26, "mqtt.client-id", "MQTT Client ID", 32, 1, false, TextRule.NoSpaces, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_7_mqtt_username.md, Tables 782-786.
            Text(new byte[] { 1, 2, 2, 1, 2, 7 }, 0x27, "mqtt.username", "MQTT Username", 32, 1, true, TextRule.NoSpaces, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_8_mqtt_password.md, Tables 787-791.
            Text(new byte[] { 1, 2, 2, 1, 2, 8 }, 0x28, "mqtt.password", "MQTT Password", 32, 1, true, TextRule.NoSpaces, PropertyAccess.WriteOnly),

            // PropertySection_property_1_2_2_1_2_8_mqtt_peer_common_name.md (misnamed; its OID is 1.2.2.1.2.9), Tables 792-796.
            Text(new byte[] { 1, 2, 2, 1, 2, 9 }, 0x29, "mqtt.peer-name", "MQTT Peer Common Name", 64, 1, true, TextRule.NoSpaces, PropertyAccess.ReadWrite),

            // PropertySection_property_1_2_2_1_2_a_mqtt_keep_alive.md, Tables 797-801.
            Number(new byte[] { 1, 2, 2, 1, 2, 0x0A }, 0x2A, "mqtt.keepalive", "MQTT Keep Alive", PropertyKind.UInt16, 0, 0xFFFF, null),

            // PropertySection_property_2_1_2_1_1_2_boot1_firmware_version.md, Tables 976-978.
            Text(new byte[] { 2, 1, 2, 1, 1, 2 }, PropertyDefinition.NoKey, "device.boot-firmware", "Boot 1 Firmware Version", FirmwareVersionLength, 1, false, TextRule.NoSpaces, PropertyAccess.ReadOnly),

            // PropertySection_property_2_1_2_2_2_1_device_model_name.md, Tables 988-990.
            Text(new byte[] { 2, 1, 2, 2, 2, 1 }, PropertyDefinition.NoKey, "device.model", "Device Model Name", ModelNameMaxLength, ModelNameMinLength, false, TextRule.Printable, PropertyAccess.ReadOnly),

            // PropertySection_property_2_1_2_2_2_2_main_firmware_version.md, Tables 991-993.
            Text(new byte[] { 2, 1, 2, 2, 2, 2 }, PropertyDefinition.NoKey, "device.main-firmware", "Main Firmware Version", FirmwareVersionLength, 1, false, TextRule.NoSpaces, PropertyAccess.ReadOnly),

            // PropertySection_property_2_2_1_1_1_1_serial_number.md, Tables 1154-1156.
            new PropertyDefinition(new byte[] { 2, 2, 1, 1, 1, 1 }, PropertyDefinition.NoKey, "device.serial-number", "Device Serial Number", PropertyKind.Binary, SerialNumberLength, SerialNumberLength, false, 0, 0, TextRule.None, PropertyAccess.ReadOnly, null),
        };

        /// <summary>Bits per arc in an <see cref="OidKey"/>: arcs are 1 to <see cref="MaxArc"/>.</summary>
        public const int OidKeyArcBits = 5;

        /// <summary>What <see cref="OidKey"/> returns for arcs that no property can have.</summary>
        public const int NoOidKey = -1;

        // The OidKey of every property, by table index. Built from Properties, above: a class's
        // static initializers run in the order they are written (and read no other class's statics).
        private static readonly int[] OidKeys = BuildOidKeys();

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
        /// <returns>The table index, or -1 (always for <see cref="PropertyDefinition.NoKey"/>: such properties are never stored).</returns>
        public static int IndexOfKey(byte key)
        {
            for (int i = 0; i < Properties.Length; i++)
            {
                if (Properties[i].IsStored && Properties[i].Key == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// An OID as one integer, so that a lookup compares one integer per property instead of calling
        /// into each definition (on nanoCLR every call costs): five bits per arc, the first arc highest,
        /// <see cref="MaxOidLength"/> arcs, the missing ones 0 (which no arc is). Two OIDs have the same
        /// key exactly when they are equal, and an OID starts with a prefix exactly when the top
        /// <c>5 × prefix length</c> bits of its key are the prefix's key.
        /// </summary>
        /// <param name="arcs">Buffer holding the arcs, one byte each, starting with the property type.</param>
        /// <param name="offset">Offset of the first arc.</param>
        /// <param name="count">Number of arcs.</param>
        /// <returns>The key, or <see cref="NoOidKey"/> when there are more than <see cref="MaxOidLength"/>
        /// arcs or one is 0 or above <see cref="MaxArc"/>: no property has such an OID.</returns>
        public static int OidKey(byte[] arcs, int offset, int count)
        {
            if (count > MaxOidLength)
            {
                return NoOidKey;
            }

            int key = 0;
            for (int i = 0; i < count; i++)
            {
                int arc = arcs[offset + i];
                if (arc == 0 || arc > MaxArc)
                {
                    return NoOidKey;
                }

                key = (key << OidKeyArcBits) | arc;
            }

            return key << (OidKeyArcBits * (MaxOidLength - count));
        }

        /// <summary>Finds the property whose OID has the given <see cref="OidKey"/>.</summary>
        /// <returns>The table index, or -1.</returns>
        public static int IndexOfOidKey(int key)
        {
            int[] keys = OidKeys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
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
            int key = OidKey(arcs, offset, count);
            return key == NoOidKey ? -1 : IndexOfOidKey(key);
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
            int prefix = OidKey(arcs, offset, count);
            if (prefix == NoOidKey)
            {
                return 0;
            }

            // The key bits of the prefix's arcs; none for an empty prefix, which every OID starts with.
            int mask = ~((1 << (OidKeyArcBits * (MaxOidLength - count))) - 1);
            int[] keys = OidKeys;
            int found = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if ((keys[i] & mask) == prefix)
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

        private static int[] BuildOidKeys()
        {
            int[] keys = new int[Properties.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = OidKey(Properties[i].CopyOid(), 0, Properties[i].OidLength);
            }

            return keys;
        }

        private static PropertyDefinition Text(byte[] oid, byte key, string name, string title, int maxLength, int minLength, bool allowEmpty, TextRule rule, PropertyAccess access)
        {
            return new PropertyDefinition(oid, key, name, title, PropertyKind.Ascii, maxLength, minLength, allowEmpty, 0, 0, rule, access, null);
        }

        private static PropertyDefinition Number(byte[] oid, byte key, string name, string title, PropertyKind kind, int minValue, int maxValue, string[] valueNames)
        {
            int length = kind == PropertyKind.UInt16 ? 2 : 1;
            return new PropertyDefinition(oid, key, name, title, kind, length, length, false, minValue, maxValue, TextRule.None, PropertyAccess.ReadWrite, valueNames);
        }

        private static PropertyDefinition Fixed(byte[] oid, string name, string title, PropertyKind kind, int length, int minValue, int maxValue, string[] valueNames)
        {
            return new PropertyDefinition(oid, PropertyDefinition.NoKey, name, title, kind, length, length, false, minValue, maxValue, TextRule.None, PropertyAccess.Fixed, valueNames);
        }
    }
}
