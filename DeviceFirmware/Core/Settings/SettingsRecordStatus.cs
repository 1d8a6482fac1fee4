namespace DeviceFirmware.Settings
{
    /// <summary>What <see cref="SettingsRecord.Parse"/> found in a slot, or why it refused the slot.</summary>
    public enum SettingsRecordStatus : byte
    {
        /// <summary>A complete record whose CRC and every value check out.</summary>
        Valid = 0,

        /// <summary>The slot holds no bytes: never written, or a write cut before its first byte.</summary>
        Empty = 1,

        /// <summary>Fewer bytes than a header, or than the record's own length field announces: a cut write.</summary>
        Truncated = 2,

        /// <summary>The first bytes are not the record magic: erased flash or foreign data.</summary>
        BadMagic = 3,

        /// <summary>A record of a format version this firmware does not read.</summary>
        UnsupportedVersion = 4,

        /// <summary>The length field is smaller than an empty record.</summary>
        BadLength = 5,

        /// <summary>The CRC-32 does not match: a torn or corrupted record.</summary>
        BadCrc = 6,

        /// <summary>The entries do not fill the record exactly, disagree with the entry count, or repeat a key.</summary>
        BadEntry = 7,

        /// <summary>An entry holds a value its property would refuse, or text with zero padding.</summary>
        InvalidValue = 8,

        /// <summary>Set by the store, not the parser: <see cref="IFlashStorage.Read"/> threw.</summary>
        Unreadable = 9,
    }
}
