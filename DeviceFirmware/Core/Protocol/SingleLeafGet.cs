using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// The short way for the request hosts send most: a Get of one property in the shape of the
    /// manual's example (Table 763), which <see cref="MmsRequestBuilder.Get"/> and mmsctl build too.
    /// The whole message must be, byte for byte (lengths in the short form, nothing before or after):
    /// <code>
    /// AA ver | 81 04 01 ref D1 01 | 84 LL | D1 01 85 01 tt [87 nn a1 .. an] 89 02 Cx 00
    /// </code>
    /// with at most four prefix arcs, every arc 1 to <see cref="PropertyTable.MaxArc"/>, and the OID
    /// naming a property. Its answer is written in one pass:
    /// <code>
    /// AA ver | 81 04 82 ref D1 01 | 82 04 00000000 | 84 82 hi lo | D1 01 85 01 tt [87 nn a1 .. an] 89 LL Cx len value
    /// </code>
    /// the bytes the general path (<see cref="PropertyRequest"/>, <see cref="GetPropertyCommand"/>)
    /// gives for it. Any other message, and a leaf that names no property, gets null: the general
    /// path then answers it, refusals included.
    /// </summary>
    /// <remarks>
    /// <para>Why it exists: on nanoCLR, the interpreter the board runs, every call and every IL
    /// instruction costs. The general path reads the envelope and the payload TLV by TLV through
    /// <see cref="BerTlv.Read"/> into reused objects under the handler's lock, then finds, sizes and
    /// writes the leaf through the property table's accessors: about twenty calls for these 25
    /// bytes. Here the fixed bytes are compared in place, the OID becomes one integer key (five bits
    /// per arc, <see cref="PropertyTable.OidKey"/>) found among the table's keys, and the answer
    /// reads the property's length from its definition's fields.</para>
    /// <para>No lock: it reads only tables that never change after they are built, and
    /// one <see cref="SettingsStore.Current"/> snapshot, which never changes once published, and
    /// writes only locals and the new response.</para>
    /// <para>Checked by the tests in DeviceFirmware.Tests/Protocol/SingleLeafGetTests.cs: every
    /// property and every edge of the shape against the general path's answer to the same request.</para>
    /// </remarks>
    internal static class SingleLeafGet
    {
        /// <summary>Bytes before the payload value: SOM, version, the 81 TLV, the 84 tag and its one length byte.</summary>
        public const int EnvelopeLength = MmsMessage.PreambleLength + 2 + MmsMessage.MessageInfoLength + 2;

        /// <summary>Shortest message of the shape: no 87 prefix.</summary>
        public const int ShortestRequest = EnvelopeLength + MmsMessage.CommandIdLength + TypeTlvLength + LeafTlvLength;

        /// <summary>Longest message of the shape: the payload's length must be a short-form length.</summary>
        public const int LongestRequest = EnvelopeLength + BerTlv.MaxShortLength;

        /// <summary>Most arcs in the 87 prefix: an OID also holds the type and the leaf.</summary>
        public const int MaxPrefixArcs = PropertyTable.MaxOidLength - 2;

        // 85 01 tt and 89 02 Cx 00.
        private const int TypeTlvLength = 3;
        private const int LeafTlvLength = 4;

        // A leaf TLV's tag (C0 | arc), length and value must fit a short-form 89 length.
        private const int LargestWireLength = BerTlv.MaxShortLength - 2;

        // The private class with the constructed bit: a primitive private tag has exactly C0 here.
        private const int ClassAndConstructed = BerTlv.ClassMask | BerTlv.ConstructedBit;

        private const byte CommandHigh = (byte)(CommandId.GetProperty >> 8);
        private const byte CommandLow = CommandId.GetProperty & 0xFF;

        /// <summary>
        /// Answers the message when it has the shape above and names a property.
        /// The caller has checked that <paramref name="offset"/> and <paramref name="length"/> lie in the buffer.
        /// </summary>
        /// <param name="store">The values the answer reads.</param>
        /// <param name="buffer">Buffer holding the message.</param>
        /// <param name="offset">Offset of the SOM byte.</param>
        /// <param name="length">Message length in bytes.</param>
        /// <param name="property">Receives the table index of the property answered; -1 with a null answer.</param>
        /// <returns>The response, or null: the general path decides.</returns>
        public static byte[] TryAnswer(SettingsStore store, byte[] buffer, int offset, int length, out int property)
        {
            property = -1;
            int end = offset + length;
            if (length < ShortestRequest || length > LongestRequest
                || buffer[offset] != MmsMessage.StartOfMessage
                || buffer[offset + 2] != MmsMessage.TagMessageInfo
                || buffer[offset + 3] != MmsMessage.MessageInfoLength
                || buffer[offset + 4] != MmsMessage.TypeRequestToDevice
                || buffer[offset + 6] != CommandHigh
                || buffer[offset + 7] != CommandLow
                || buffer[offset + 8] != MmsMessage.TagPayload
                || buffer[offset + 9] != length - EnvelopeLength
                || buffer[offset + 10] != CommandHigh
                || buffer[offset + 11] != CommandLow
                || buffer[offset + 12] != PropertyTag.PropertyType
                || buffer[offset + 13] != PropertyTag.PropertyTypeLength)
            {
                return null;
            }

            // The OID's key, as PropertyTable.OidKey builds it, written out: the type, the prefix's
            // arcs and the leaf's, five bits each, then moved up to the top as if all six were there.
            int key = buffer[offset + 14];
            if (key == 0 || key > PropertyTable.MaxArc)
            {
                return null;
            }

            int pos = offset + 15;
            int missing = PropertyTable.MaxOidLength - 2;
            if (buffer[pos] == PropertyTag.OidPrefix)
            {
                int arcs = buffer[pos + 1];
                if (arcs > MaxPrefixArcs || pos + 2 + arcs + LeafTlvLength != end)
                {
                    return null;
                }

                missing -= arcs;
                int stop = pos + 2 + arcs;
                for (pos += 2; pos < stop; pos++)
                {
                    int arc = buffer[pos];
                    if (arc == 0 || arc > PropertyTable.MaxArc)
                    {
                        return null;
                    }

                    key = (key << PropertyTable.OidKeyArcBits) | arc;
                }
            }

            // 89 02 Cx 00 ends the message: one empty primitive private node.
            if (pos + LeafTlvLength != end
                || buffer[pos] != PropertyTag.OidRemainder
                || buffer[pos + 1] != 2
                || buffer[pos + 3] != 0)
            {
                return null;
            }

            int tag = buffer[pos + 2];
            int leaf = tag & BerTlv.TagNumberMask;
            if ((tag & ClassAndConstructed) != BerTlv.PrivateClass || leaf == 0 || leaf > PropertyTable.MaxArc)
            {
                return null;
            }

            key = ((key << PropertyTable.OidKeyArcBits) | leaf) << (PropertyTable.OidKeyArcBits * missing);
            int index = PropertyTable.IndexOfOidKey(key);
            if (index < 0)
            {
                return null;
            }

            PropertyDefinition definition = PropertyTable.Get(index);
            int wireLength = definition.WireLength;
            if (wireLength > LargestWireLength)
            {
                return null;
            }

            // The payload echoes the command ID, 85 and 87 as they came, then 89 with the leaf.
            int echoed = pos - offset - EnvelopeLength;
            byte[] response = MmsResponse.Success(buffer[offset + 1], buffer[offset + 5], CommandId.GetProperty, echoed + LeafTlvLength + wireLength);
            int at = MmsResponse.HeaderLength;
            System.Array.Copy(buffer, offset + EnvelopeLength, response, at, echoed);
            at += echoed;
            response[at] = PropertyTag.OidRemainder;
            response[at + 1] = (byte)(2 + wireLength);
            response[at + 2] = (byte)tag;
            response[at + 3] = (byte)wireLength;

            // Text is zero-padded and a secret reads as zeros: the new array is all zeros already.
            if (!definition.WriteOnly)
            {
                store.CopyValue(index, response, at + LeafTlvLength);
            }

            property = index;
            return response;
        }
    }
}
