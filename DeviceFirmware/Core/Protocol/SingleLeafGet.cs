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
    /// per arc, as <see cref="AppendArc"/> says), and what the answer needs of each property
    /// (its key, tag and length) sits in two integer arrays made by the constructor.</para>
    /// <para>No lock: it reads only those arrays, which never change after the constructor, and
    /// one <see cref="SettingsStore.Current"/> snapshot, which never changes once published, and
    /// writes only locals and the new response.</para>
    /// <para>Checked by the tests in DeviceFirmware.Tests/Protocol/SingleLeafGetTests.cs: every
    /// property and every edge of the shape against the general path's answer to the same request.</para>
    /// </remarks>
    internal sealed class SingleLeafGet
    {
        /// <summary>Bytes before the payload value: SOM, version, the 81 TLV, the 84 tag and its one length byte.</summary>
        public const int EnvelopeLength = MmsMessage.PreambleLength + 2 + MmsMessage.MessageInfoLength + 2;

        /// <summary>Shortest message of the shape: no 87 prefix.</summary>
        public const int ShortestRequest = EnvelopeLength + MmsMessage.CommandIdLength + TypeTlvLength + LeafTlvLength;

        /// <summary>Longest message of the shape: the payload's length must be a short-form length.</summary>
        public const int LongestRequest = EnvelopeLength + BerTlv.MaxShortLength;

        /// <summary>Most arcs an OID key holds (the property type, the prefix and the leaf).</summary>
        public const int MaxKeyArcs = 6;

        /// <summary>Most arcs in the 87 prefix: the key also holds the type and the leaf.</summary>
        public const int MaxPrefixArcs = MaxKeyArcs - 2;

        /// <summary>Bits per arc in a key: arcs are 1 to 0x1E.</summary>
        public const int ArcBits = 5;

        /// <summary>The key of a property this way does not answer.</summary>
        public const int NoKey = -1;

        // 85 01 tt and 89 02 Cx 00.
        private const int TypeTlvLength = 3;
        private const int LeafTlvLength = 4;

        // A leaf TLV's tag (C0 | arc), length and value must fit a short-form 89 length.
        private const int LargestWireLength = BerTlv.MaxShortLength - 2;

        // The private class with the constructed bit: a primitive private tag has exactly C0 here.
        private const int ClassAndConstructed = BerTlv.ClassMask | BerTlv.ConstructedBit;

        // _leaves: a property's wire length in the low bits, and this bit when it is write-only.
        private const int WriteOnlyBit = 0x100;
        private const int WireLengthMask = 0xFF;

        private const byte CommandHigh = (byte)(CommandId.GetProperty >> 8);
        private const byte CommandLow = CommandId.GetProperty & 0xFF;

        private readonly SettingsStore _store;

        // By table index: the key of the property's OID (NoKey when this way does not answer it),
        // and its wire length with WriteOnlyBit.
        private readonly int[] _keys;
        private readonly int[] _leaves;

        /// <summary>Works out each property's key and leaf once.</summary>
        /// <param name="store">The values answers are read from.</param>
        public SingleLeafGet(SettingsStore store)
        {
            _store = store;
            _keys = new int[PropertyTable.Count];
            _leaves = new int[PropertyTable.Count];
            for (int i = 0; i < _keys.Length; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                int key = property.OidLength <= MaxKeyArcs && property.WireLength <= LargestWireLength ? 0 : NoKey;
                for (int arc = 0; arc < property.OidLength && key != NoKey; arc++)
                {
                    key = AppendArc(key, property.OidArc(arc));
                }

                _keys[i] = key;
                _leaves[i] = property.WireLength | (property.WriteOnly ? WriteOnlyBit : 0);
            }
        }

        /// <summary>
        /// Appends one arc to the key of an OID: 5 bits per arc, so a key stands for one OID of up to
        /// <see cref="MaxKeyArcs"/> arcs. Every arc is 1 to <see cref="PropertyTable.MaxArc"/>, so OIDs of
        /// different lengths never share a key (a longer one always has a bit above the shorter's).
        /// </summary>
        /// <returns>The longer key, or <see cref="NoKey"/> for an arc outside that range.</returns>
        public static int AppendArc(int key, int arc)
        {
            if (arc == 0 || arc > PropertyTable.MaxArc)
            {
                return NoKey;
            }

            return (key << ArcBits) | arc;
        }

        /// <summary>
        /// Answers the message when it has the shape above and names a property.
        /// The caller has checked that <paramref name="offset"/> and <paramref name="length"/> lie in the buffer.
        /// </summary>
        /// <param name="buffer">Buffer holding the message.</param>
        /// <param name="offset">Offset of the SOM byte.</param>
        /// <param name="length">Message length in bytes.</param>
        /// <param name="property">Receives the table index of the property answered; -1 with a null answer.</param>
        /// <returns>The response, or null: the general path decides.</returns>
        public byte[] TryAnswer(byte[] buffer, int offset, int length, out int property)
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

            // The key, as AppendArc builds it, written out: the type, the prefix's arcs, the leaf's.
            int key = buffer[offset + 14];
            if (key == 0 || key > PropertyTable.MaxArc)
            {
                return null;
            }

            int pos = offset + 15;
            if (buffer[pos] == PropertyTag.OidPrefix)
            {
                int arcs = buffer[pos + 1];
                if (arcs > MaxPrefixArcs || pos + 2 + arcs + LeafTlvLength != end)
                {
                    return null;
                }

                int stop = pos + 2 + arcs;
                for (pos += 2; pos < stop; pos++)
                {
                    int arc = buffer[pos];
                    if (arc == 0 || arc > PropertyTable.MaxArc)
                    {
                        return null;
                    }

                    key = (key << ArcBits) | arc;
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

            key = (key << ArcBits) | leaf;
            int[] keys = _keys;
            int index = 0;
            while (index < keys.Length && keys[index] != key)
            {
                index++;
            }

            if (index == keys.Length)
            {
                return null;
            }

            // The payload echoes the command ID, 85 and 87 as they came, then 89 with the leaf.
            int leafInfo = _leaves[index];
            int wireLength = leafInfo & WireLengthMask;
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
            if ((leafInfo & WriteOnlyBit) == 0)
            {
                _store.CopyValue(index, response, at + LeafTlvLength);
            }

            property = index;
            return response;
        }
    }
}
