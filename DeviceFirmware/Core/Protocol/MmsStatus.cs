namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Response status (top-level tag 82): a summary byte and a three-byte detail (group, subgroup,
    /// code), as tables 3.23 and 3.24 of the MagTek manual define them. Which detail this firmware
    /// uses for which failure is recorded in the README's protocol section.
    /// </summary>
    public static class MmsStatus
    {
        /// <summary>Summary 00: OK, done.</summary>
        public const byte SummaryOk = 0x00;

        /// <summary>Summary 80: failed to start the operation (bad or missing parameters).</summary>
        public const byte SummaryFailedToStart = 0x80;

        /// <summary>Summary 81: failed during the operation.</summary>
        public const byte SummaryFailedDuring = 0x81;

        /// <summary>Detail 000000: success.</summary>
        public const int DetailSuccess = 0x000000;

        /// <summary>Detail 000002: the requested operation failed (used when the flash write fails).</summary>
        public const int DetailOperationFailed = 0x000002;

        /// <summary>Detail 010102: message handler, bad message parameter: the message is not constructed properly.</summary>
        public const int DetailMalformedMessage = 0x010102;

        /// <summary>Detail 010113: message handler, feature not available (an unknown command; Reset Device that cannot be carried out).</summary>
        public const int DetailFeatureNotAvailable = 0x010113;

        /// <summary>Detail 020102: request handler, bad message parameter (unknown OID, bad or out-of-range value).</summary>
        public const int DetailBadParameter = 0x020102;

        /// <summary>Detail 020107: request handler, internal firmware failure.</summary>
        public const int DetailInternalFailure = 0x020107;

        /// <summary>Describes a summary byte in words.</summary>
        public static string DescribeSummary(int summary)
        {
            switch (summary)
            {
                case 0x00: return "OK, done";
                case 0x01: return "OK, started";
                case 0x40: return "OK, done with warnings";
                case 0x41: return "OK, started with warnings";
                case 0x80: return "failed to start the operation";
                case 0x81: return "failed during the operation";
                default: return "unknown summary";
            }
        }

        /// <summary>Describes a detail code in words (the codes the manual lists for groups 00 to 02).</summary>
        public static string DescribeDetail(int detail)
        {
            switch (detail)
            {
                case 0x000000: return "success";
                case 0x000002: return "requested operation failed";
                case 0x010101: return "message handler: generic failure";
                case 0x010102: return "message not constructed properly";
                case 0x010109: return "device offline";
                case 0x010113: return "feature not available (an unknown command, or one this device cannot carry out)";
                case 0x020101: return "request handler: generic failure";
                case 0x020102: return "bad parameter (unknown property, or value invalid or out of range)";
                case 0x020103: return "response payload too big";
                case 0x020107: return "internal firmware failure";
                case 0x02011A: return "not secured";
                case 0x02011C: return "device locked";
                default: return "unknown detail";
            }
        }
    }
}
