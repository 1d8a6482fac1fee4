namespace DeviceFirmware.Protocol
{
    /// <summary>Tags inside the payload of Get Property (D101) and Set Property (D111).</summary>
    public static class PropertyTag
    {
        /// <summary>81: Company ID, the root of the long-form OID. Optional.</summary>
        public const byte CompanyId = 0x81;

        /// <summary>82: Device Family ID (platform, product, variant). Optional; echoed.</summary>
        public const byte DeviceFamily = 0x82;

        /// <summary>85: Property Type, the first arc of the OID. Required.</summary>
        public const byte PropertyType = 0x85;

        /// <summary>87: Property OID Tree Prefix, one byte per arc. Optional.</summary>
        public const byte OidPrefix = 0x87;

        /// <summary>89: Property OID Remainder, the rest of the OID as nested private-class TLVs. Required.</summary>
        public const byte OidRemainder = 0x89;

        /// <summary>Length of the Device Family ID.</summary>
        public const int DeviceFamilyLength = 3;

        /// <summary>Length of the Property Type.</summary>
        public const int PropertyTypeLength = 1;
    }
}
