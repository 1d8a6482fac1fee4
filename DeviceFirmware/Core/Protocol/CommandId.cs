namespace DeviceFirmware.Protocol
{
    /// <summary>MMS command IDs this firmware knows (groups 1F "Device Control" and D1 "Settings and Information").</summary>
    public static class CommandId
    {
        /// <summary>0x1F01 Reset Device.</summary>
        public const int ResetDevice = 0x1F01;

        /// <summary>0xD101 Get Property.</summary>
        public const int GetProperty = 0xD101;

        /// <summary>0xD111 Set Property (Unsecured).</summary>
        public const int SetProperty = 0xD111;

        /// <summary>0xD112 Set Property (Secured): recognised, not implemented (no property needs a securing key).</summary>
        public const int SetPropertySecured = 0xD112;
    }
}
