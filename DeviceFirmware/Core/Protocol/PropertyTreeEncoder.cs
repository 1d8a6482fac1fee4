using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Encodes property values as OID-arc TLVs: one leaf (<c>C3 01 00</c>), or every property below a
    /// branch as nested constructed nodes (<c>E2 82 0045 E1 …</c>), the shape of the manual's Table 187.
    /// Every method comes in a measuring and a writing form so a response is sized before the one
    /// allocation it needs.
    /// </summary>
    /// <remarks>
    /// The base of <see cref="GetPropertyCommand"/>, its one user, rather than an object the command
    /// holds: on nanoCLR a separate object costs its header and a reference to it, two heap blocks.
    /// </remarks>
    internal abstract class PropertyTreeEncoder
    {
        private readonly SettingsStore _store;

        /// <summary>Creates an encoder reading values from <paramref name="store"/>.</summary>
        protected PropertyTreeEncoder(SettingsStore store)
        {
            _store = store;
        }

        /// <summary>True to write constructed nodes with <c>82 hi lo</c> lengths, as branch responses do.</summary>
        public bool FixedStyle { get; set; }

        /// <summary>Size of one leaf TLV holding a property's value as Get returns it.</summary>
        public int LeafSize(int index)
        {
            int length = PropertyTable.Get(index).WireLength;
            return 1 + BerTlv.MinimalLengthSize(length) + length;
        }

        /// <summary>
        /// Writes one leaf: tag <c>C0|arc</c>, a minimal length, and the value. Text is zero-padded to its
        /// maximum; write-only properties are all zeros. The destination is a new array, so padding bytes
        /// are already zero.
        /// </summary>
        /// <returns>Offset just past the leaf.</returns>
        public int WriteLeaf(int index, byte[] destination, int offset)
        {
            PropertyDefinition property = PropertyTable.Get(index);
            int length = property.WireLength;
            destination[offset++] = (byte)(BerTlv.PrivateClass | property.OidArc(property.OidLength - 1));
            offset = BerTlv.WriteMinimalLength(destination, offset, length);
            if (!property.WriteOnly)
            {
                _store.CopyValue(index, destination, offset);
            }

            return offset + length;
        }

        /// <summary>Size of a constructed node around content of the given size.</summary>
        public int NodeSize(int contentSize)
        {
            return 1 + BerTlv.LengthSize(contentSize, FixedStyle) + contentSize;
        }

        /// <summary>Writes the tag and length of a constructed node; the caller writes its content next.</summary>
        /// <returns>Offset of the content.</returns>
        public int WriteNodeHeader(byte arc, int contentSize, byte[] destination, int offset)
        {
            destination[offset++] = (byte)(BerTlv.PrivateClass | BerTlv.ConstructedBit | arc);
            return BerTlv.WriteLength(destination, offset, contentSize, FixedStyle);
        }

        /// <summary>
        /// Size of the children of a branch: the properties <paramref name="first"/> to
        /// <paramref name="first"/> + <paramref name="count"/> - 1, which share their first
        /// <paramref name="depth"/> arcs.
        /// </summary>
        public int SubtreeSize(int first, int count, int depth)
        {
            int size = 0;
            int end = first + count;
            int i = first;
            while (i < end)
            {
                int j = GroupEnd(i, end, depth);
                PropertyDefinition property = PropertyTable.Get(i);
                if (property.OidLength == depth + 1)
                {
                    size += LeafSize(i);
                }
                else
                {
                    size += NodeSize(SubtreeSize(i, j - i, depth + 1));
                }

                i = j;
            }

            return size;
        }

        /// <summary>Writes the children of a branch (see <see cref="SubtreeSize"/>).</summary>
        /// <returns>Offset just past the last child.</returns>
        public int WriteSubtree(int first, int count, int depth, byte[] destination, int offset)
        {
            int end = first + count;
            int i = first;
            while (i < end)
            {
                int j = GroupEnd(i, end, depth);
                PropertyDefinition property = PropertyTable.Get(i);
                if (property.OidLength == depth + 1)
                {
                    offset = WriteLeaf(i, destination, offset);
                }
                else
                {
                    int content = SubtreeSize(i, j - i, depth + 1);
                    offset = WriteNodeHeader(property.OidArc(depth), content, destination, offset);
                    offset = WriteSubtree(i, j - i, depth + 1, destination, offset);
                }

                i = j;
            }

            return offset;
        }

        // Properties are sorted by OID, so those sharing the arc at `depth` are adjacent.
        private static int GroupEnd(int start, int end, int depth)
        {
            byte arc = PropertyTable.Get(start).OidArc(depth);
            int j = start + 1;
            while (j < end && PropertyTable.Get(j).OidArc(depth) == arc)
            {
                j++;
            }

            return j;
        }
    }
}
