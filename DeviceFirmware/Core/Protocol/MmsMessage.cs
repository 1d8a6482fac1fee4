namespace DeviceFirmware.Protocol
{
    /// <summary>Wire constants of the MMS message envelope: SOM, version and the top-level tags.</summary>
    public static class MmsMessage
    {
        /// <summary>Start of message, the first byte of every MMS message (not a TLV).</summary>
        public const byte StartOfMessage = 0xAA;

        /// <summary>API framework version 0, which every MMS device accepts.</summary>
        public const byte Version0 = 0x00;

        /// <summary>Bytes before the first TLV: SOM and version.</summary>
        public const int PreambleLength = 2;

        /// <summary>Top-level tag 81: message information (type, reference number, command ID).</summary>
        public const byte TagMessageInfo = 0x81;

        /// <summary>Top-level tag 82: response status (four bytes).</summary>
        public const byte TagStatus = 0x82;

        /// <summary>Top-level tag 83: additional details of a response.</summary>
        public const byte TagAdditionalDetails = 0x83;

        /// <summary>Top-level tag 84: the request or response payload.</summary>
        public const byte TagPayload = 0x84;

        /// <summary>Top-level tag 9E: reserved by the manual; ignored when present.</summary>
        public const byte TagReserved = 0x9E;

        /// <summary>Length of the message-information value: type, reference, command ID (2).</summary>
        public const int MessageInfoLength = 4;

        /// <summary>Length of the status value: summary, group, subgroup, code.</summary>
        public const int StatusLength = 4;

        /// <summary>Message type and direction: a request from the host to the device.</summary>
        public const byte TypeRequestToDevice = 0x01;

        /// <summary>Message type and direction: a response from the device to the host.</summary>
        public const byte TypeResponseFromDevice = 0x82;

        /// <summary>Length of the command ID that starts every payload (raw, not a TLV).</summary>
        public const int CommandIdLength = 2;
    }
}
