namespace DeviceFirmware.Settings
{
    /// <summary>Which characters an ASCII property accepts.</summary>
    public enum TextRule : byte
    {
        /// <summary>Not a text property.</summary>
        None = 0,

        /// <summary>Printable ASCII without spaces (0x21 to 0x7E): the table's "ASCII, no spaces".</summary>
        NoSpaces = 1,

        /// <summary>Like <see cref="NoSpaces"/>, and without the MQTT wildcards '+' and '#', because the device publishes to it.</summary>
        PublishTopic = 2,

        /// <summary>Printable ASCII including space (0x20 to 0x7E), for WLAN SSIDs and passphrases.</summary>
        Printable = 3,
    }
}
