namespace DeviceFirmware.Settings
{
    /// <summary>How a property's value is laid out on the wire.</summary>
    public enum PropertyKind : byte
    {
        /// <summary>One byte with a numeric range (for example the MQTT QoS).</summary>
        Byte = 0,

        /// <summary>Two bytes, big-endian, unsigned (ports, keep-alive).</summary>
        UInt16 = 1,

        /// <summary>ASCII text. Get returns it zero-padded to the maximum length; Set accepts shorter values.</summary>
        Ascii = 2,

        /// <summary>Raw bytes of a fixed length (a serial number, the DHCP flag); Get returns them as they are.</summary>
        Binary = 3,
    }
}
