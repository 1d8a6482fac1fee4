using System;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Writes response messages in the manual's own style: <c>AA ver | 81 04 82 ref cmd | 82 04 status |
    /// 84 82 hi lo payload</c>. Failures, and successes with nothing to return, carry no 84 payload.
    /// </summary>
    internal static class MmsResponse
    {
        /// <summary>Bytes before the payload value: preamble, 81 TLV, 82 TLV, 84 tag and its fixed length.</summary>
        public const int HeaderLength = MmsMessage.PreambleLength + 2 + MmsMessage.MessageInfoLength + 2 + MmsMessage.StatusLength + 1 + BerTlv.FixedLengthSize;

        /// <summary>Length of a response without payload (every failure): preamble, 81 TLV and 82 TLV.</summary>
        public const int FailureLength = MmsMessage.PreambleLength + 2 + MmsMessage.MessageInfoLength + 2 + MmsMessage.StatusLength;

        /// <summary>Builds a failure response.</summary>
        public static byte[] Failure(byte version, byte reference, int commandId, byte summary, int detail)
        {
            return StatusOnly(version, reference, commandId, summary, detail);
        }

        /// <summary>Builds a success response that has no payload: "No parameters" (Reset Device, Table 155).</summary>
        public static byte[] Done(byte version, byte reference, int commandId)
        {
            return StatusOnly(version, reference, commandId, MmsStatus.SummaryOk, MmsStatus.DetailSuccess);
        }

        private static byte[] StatusOnly(byte version, byte reference, int commandId, byte summary, int detail)
        {
            byte[] response = new byte[FailureLength];
            WriteStart(response, version, reference, commandId, summary, detail);
            return response;
        }

        // What every success response starts with; the version, reference, command ID and payload
        // length (the zeros at 1, 5, 6-7 and 16-17) are filled in per response.
        private static readonly byte[] SuccessStart = new byte[]
        {
            MmsMessage.StartOfMessage, 0,
            MmsMessage.TagMessageInfo, MmsMessage.MessageInfoLength, MmsMessage.TypeResponseFromDevice, 0, 0, 0,
            MmsMessage.TagStatus, MmsMessage.StatusLength, MmsStatus.SummaryOk,
            (byte)(MmsStatus.DetailSuccess >> 16), (byte)(MmsStatus.DetailSuccess >> 8), (byte)MmsStatus.DetailSuccess,
            MmsMessage.TagPayload, BerTlv.TwoByteLengthPrefix, 0, 0,
        };

        /// <summary>Allocates a success response with room for a payload and writes everything before the payload.</summary>
        /// <returns>The response; the payload value goes at <see cref="HeaderLength"/>.</returns>
        public static byte[] Success(byte version, byte reference, int commandId, int payloadLength)
        {
            // One copy and six stores: the same bytes as WriteStart and WriteFixedLength, for the
            // response every Get and Set sends.
            byte[] response = new byte[HeaderLength + payloadLength];
            Array.Copy(SuccessStart, response, HeaderLength);
            response[1] = version;
            response[5] = reference;
            response[6] = (byte)(commandId >> 8);
            response[7] = (byte)commandId;
            response[HeaderLength - 2] = (byte)(payloadLength >> 8);
            response[HeaderLength - 1] = (byte)payloadLength;
            return response;
        }

        private static int WriteStart(byte[] response, byte version, byte reference, int commandId, byte summary, int detail)
        {
            int offset = 0;
            response[offset++] = MmsMessage.StartOfMessage;
            response[offset++] = version;
            response[offset++] = MmsMessage.TagMessageInfo;
            response[offset++] = MmsMessage.MessageInfoLength;
            response[offset++] = MmsMessage.TypeResponseFromDevice;
            response[offset++] = reference;
            response[offset++] = (byte)(commandId >> 8);
            response[offset++] = (byte)commandId;
            response[offset++] = MmsMessage.TagStatus;
            response[offset++] = MmsMessage.StatusLength;
            response[offset++] = summary;
            response[offset++] = (byte)(detail >> 16);
            response[offset++] = (byte)(detail >> 8);
            response[offset++] = (byte)detail;
            return offset;
        }
    }
}
