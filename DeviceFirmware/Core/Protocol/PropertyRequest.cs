namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// A parsed view of a Get or Set Property payload: offsets into the request buffer, no copies.
    /// One instance is reused for every request.
    /// </summary>
    internal sealed class PropertyRequest
    {
        /// <summary>Longest OID the request may name, property type included; nothing in the table is deeper.</summary>
        public const int MaxPathLength = 32;

        /// <summary>The only Company ID accepted: 1.3.6.1.4.1.15113 (IANA enterprise number of MagTek) in BER.</summary>
        private static readonly byte[] CompanyId = new byte[] { 0x2B, 0x06, 0x01, 0x04, 0x01, 0xF6, 0x09 };

        /// <summary>The OID arcs named by 85 and 87; the 89 tree appends to it while walking.</summary>
        public readonly byte[] Path = new byte[MaxPathLength];

        /// <summary>Buffer holding the request.</summary>
        public byte[] Buffer;

        /// <summary>Offset of the payload value (starting with the raw command ID).</summary>
        public int PayloadOffset;

        /// <summary>Length of the payload value.</summary>
        public int PayloadLength;

        /// <summary>Offset of the 89 tag: where the OID remainder's TLV starts.</summary>
        public int RemainderTlvOffset;

        /// <summary>Offset of the 89 value.</summary>
        public int RemainderOffset;

        /// <summary>Length of the 89 value.</summary>
        public int RemainderLength;

        /// <summary>Number of arcs in <see cref="Path"/> before the 89 tree: the type and the 87 prefix.</summary>
        public int BaseDepth;

        /// <summary>Why parsing failed, for the log.</summary>
        public string Reason;

        /// <summary>
        /// Parses the payload of a Get or Set request.
        /// </summary>
        /// <returns>0 when the payload is usable, otherwise the status detail to answer with.</returns>
        public int Parse(byte[] buffer, int offset, int length, int commandId)
        {
            Buffer = buffer;
            PayloadOffset = offset;
            PayloadLength = length;
            RemainderOffset = -1;
            RemainderLength = 0;
            BaseDepth = 0;
            Reason = null;

            if (length < MmsMessage.CommandIdLength || ((buffer[offset] << 8) | buffer[offset + 1]) != commandId)
            {
                return Fail(MmsStatus.DetailMalformedMessage, "payload does not start with the command ID");
            }

            int end = offset + length;
            int pos = offset + MmsMessage.CommandIdLength;
            int typeOffset = -1;
            int prefixOffset = -1;
            int prefixLength = 0;
            bool company = false;
            bool family = false;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (next < 0)
                {
                    return Fail(MmsStatus.DetailMalformedMessage, next == BerTlv.ErrorMultiByteTag ? "multi-byte tag in payload" : "payload TLV overruns or is truncated");
                }

                switch (tag)
                {
                    case PropertyTag.CompanyId:
                        if (company)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "company ID given twice");
                        }

                        company = true;
                        if (!IsCompanyId(buffer, valueOffset, valueLength))
                        {
                            return Fail(MmsStatus.DetailBadParameter, "unknown company ID");
                        }

                        break;

                    case PropertyTag.DeviceFamily:
                        if (family)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "device family given twice");
                        }

                        family = true;
                        if (valueLength != PropertyTag.DeviceFamilyLength)
                        {
                            return Fail(MmsStatus.DetailBadParameter, "device family must be 3 bytes");
                        }

                        break;

                    case PropertyTag.PropertyType:
                        if (typeOffset >= 0)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "property type given twice");
                        }

                        if (valueLength != PropertyTag.PropertyTypeLength)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "property type must be 1 byte");
                        }

                        typeOffset = valueOffset;
                        break;

                    case PropertyTag.OidPrefix:
                        if (prefixOffset >= 0)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "OID prefix given twice");
                        }

                        prefixOffset = valueOffset;
                        prefixLength = valueLength;
                        break;

                    case PropertyTag.OidRemainder:
                        if (RemainderOffset >= 0)
                        {
                            return Fail(MmsStatus.DetailMalformedMessage, "OID remainder given twice");
                        }

                        RemainderTlvOffset = pos;
                        RemainderOffset = valueOffset;
                        RemainderLength = valueLength;
                        break;

                    default:
                        return Fail(MmsStatus.DetailBadParameter, "unknown tag in payload");
                }

                pos = next;
            }

            if (typeOffset < 0)
            {
                return Fail(MmsStatus.DetailMalformedMessage, "property type (85) missing");
            }

            if (RemainderOffset < 0)
            {
                return Fail(MmsStatus.DetailMalformedMessage, "OID remainder (89) missing");
            }

            if (1 + prefixLength > MaxPathLength)
            {
                return Fail(MmsStatus.DetailBadParameter, "OID too long");
            }

            Path[0] = buffer[typeOffset];
            if (prefixLength > 0)
            {
                System.Array.Copy(buffer, prefixOffset, Path, 1, prefixLength);
            }

            BaseDepth = 1 + prefixLength;
            return 0;
        }

        /// <summary>Copies every payload TLV except 89, verbatim and in request order, for the Get response's echo.</summary>
        /// <returns>Number of bytes copied (call with a null destination to measure).</returns>
        public int CopyEchoedTlvs(byte[] destination, int offset)
        {
            int end = PayloadOffset + PayloadLength;
            int pos = PayloadOffset + MmsMessage.CommandIdLength;
            int written = 0;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(Buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (tag != PropertyTag.OidRemainder)
                {
                    int size = next - pos;
                    if (destination != null)
                    {
                        System.Array.Copy(Buffer, pos, destination, offset + written, size);
                    }

                    written += size;
                }

                pos = next;
            }

            return written;
        }

        private static bool IsCompanyId(byte[] buffer, int offset, int length)
        {
            if (length != CompanyId.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (buffer[offset + i] != CompanyId[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Records why the request is refused and returns the status detail, for one-line failure paths.</summary>
        public int Fail(int detail, string reason)
        {
            Reason = reason;
            return detail;
        }
    }
}
