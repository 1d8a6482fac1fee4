using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Command 0xD101 Get Property. The response echoes the request's payload TLVs and re-encodes the
    /// OID remainder (89) with the values filled in: a leaf as a primitive node, a branch (an empty
    /// primitive node naming a partial OID) as a constructed node holding every property below it.
    /// Single-leaf answers use minimal lengths (<c>89 03 C3 01 00</c>, Tables 183/185); once a branch is
    /// expanded, 89 and every constructed node use <c>82 hi lo</c> lengths (Table 187). The response
    /// buffer is the only allocation.
    /// </summary>
    /// <remarks>
    /// The common request names one leaf (<c>89 02 C3 00</c>). It takes a shorter way with the same
    /// bytes: its property is found once, by comparing one integer per property (<see cref="OidKey"/>),
    /// instead of a search of the table per pass of the general walk (validate, size, write), and the
    /// echoed TLVs are measured once and copied in one piece. Anything else takes the general walk.
    /// </remarks>
    internal sealed class GetPropertyCommand : IOidLeafVisitor
    {
        // Arcs of 5 bits each fit an int up to this depth (see OidKey).
        private const int MaxKeyArcs = 6;
        private const int ArcBits = 5;
        private const int NoKey = -1;

        private readonly PropertyTreeEncoder _encoder;

        // OidKey of every property, by table index; NoKey for one whose OID has no key.
        private readonly int[] _oidKeys;
        private PropertyRequest _request;

        private int _propertyCount;
        private int _firstProperty = -1;

        // The property of a single-leaf request, or -1 for the general walk; its leaf's size; the echo's length.
        private int _singleLeaf = -1;
        private int _leafSize;
        private int _echoedLength;

        /// <summary>Creates the command over the store it reads.</summary>
        public GetPropertyCommand(SettingsStore store)
        {
            _encoder = new PropertyTreeEncoder(store);
            _oidKeys = new int[PropertyTable.Count];
            for (int i = 0; i < _oidKeys.Length; i++)
            {
                PropertyDefinition property = PropertyTable.Get(i);
                int key = 0;
                for (int arc = 0; arc < property.OidLength && key != NoKey; arc++)
                {
                    key = OidKey(key, arc, property.OidArc(arc));
                }

                _oidKeys[i] = key;
            }
        }

        /// <summary>Number of properties the last validated request returns.</summary>
        public int PropertyCount
        {
            get { return _propertyCount; }
        }

        /// <summary>Table index of the first property the last validated request returns.</summary>
        public int FirstProperty
        {
            get { return _firstProperty; }
        }

        /// <summary>Checks the OID remainder of a parsed request and decides the length style.</summary>
        /// <returns>0, or the status detail to answer with.</returns>
        public int Validate(PropertyRequest request)
        {
            _request = request;
            _propertyCount = 0;
            _firstProperty = -1;
            _encoder.FixedStyle = false;
            _singleLeaf = FindSingleLeaf(request);
            if (_singleLeaf >= 0)
            {
                Count(_singleLeaf, 1);
                return 0;
            }

            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            if (start == end)
            {
                // An empty remainder asks for everything below the type and prefix.
                return ValidateBranch(request.BaseDepth);
            }

            return OidTreeWalker.Walk(request, start, end, request.BaseDepth, this);
        }

        /// <summary>Size of the payload value of the response (command ID, echoed TLVs, 89).</summary>
        public int PayloadSize()
        {
            PropertyRequest request = _request;
            int content;
            if (_singleLeaf >= 0)
            {
                _leafSize = _encoder.LeafSize(_singleLeaf);
                content = _leafSize;
            }
            else
            {
                content = ContentSize(request.RemainderOffset, request.RemainderOffset + request.RemainderLength, request.BaseDepth);
            }

            // 89 is the last TLV in every request of the manual: the echoed TLVs are then the bytes
            // between the command ID and 89, in one piece. Otherwise they are gathered one by one.
            _echoedLength = EchoIsOnePiece(request)
                ? request.RemainderTlvOffset - request.PayloadOffset - MmsMessage.CommandIdLength
                : request.CopyEchoedTlvs(null, 0);
            return MmsMessage.CommandIdLength + _echoedLength + 1 + BerTlv.LengthSize(content, _encoder.FixedStyle) + content;
        }

        /// <summary>Writes the payload value of the response, after <see cref="PayloadSize"/> measured it.</summary>
        /// <returns>Offset just past it.</returns>
        public int WritePayload(byte[] destination, int offset)
        {
            PropertyRequest request = _request;
            destination[offset++] = request.Buffer[request.PayloadOffset];
            destination[offset++] = request.Buffer[request.PayloadOffset + 1];
            if (EchoIsOnePiece(request))
            {
                Array.Copy(request.Buffer, request.PayloadOffset + MmsMessage.CommandIdLength, destination, offset, _echoedLength);
                offset += _echoedLength;
            }
            else
            {
                offset += request.CopyEchoedTlvs(destination, offset);
            }

            if (_singleLeaf >= 0)
            {
                destination[offset++] = PropertyTag.OidRemainder;
                offset = BerTlv.WriteMinimalLength(destination, offset, _leafSize);
                return _encoder.WriteLeaf(_singleLeaf, destination, offset);
            }

            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            int content = ContentSize(start, end, request.BaseDepth);
            destination[offset++] = PropertyTag.OidRemainder;
            offset = BerTlv.WriteLength(destination, offset, content, _encoder.FixedStyle);
            return WriteContent(start, end, request.BaseDepth, destination, offset);
        }

        /// <inheritdoc />
        public int VisitLeaf(PropertyRequest request, int pathLength, int valueOffset, int valueLength)
        {
            if (valueLength != 0)
            {
                return request.Fail(MmsStatus.DetailBadParameter, "Get leaf carries a value");
            }

            int index = PropertyTable.IndexOfOid(request.Path, 0, pathLength);
            if (index < 0)
            {
                return ValidateBranch(pathLength);
            }

            Count(index, 1);
            return 0;
        }

        private static bool EchoIsOnePiece(PropertyRequest request)
        {
            return request.RemainderOffset + request.RemainderLength == request.PayloadOffset + request.PayloadLength;
        }

        /// <summary>
        /// The property of a request whose 89 holds exactly one empty primitive node naming a property
        /// of the table; -1 for any other request, which the general walk then validates (and refuses
        /// where it must).
        /// </summary>
        private int FindSingleLeaf(PropertyRequest request)
        {
            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            byte tag;
            int valueOffset;
            int valueLength;
            if (start == end || BerTlv.Read(request.Buffer, start, end, out tag, out valueOffset, out valueLength) != end
                || (tag & BerTlv.ClassMask) != BerTlv.PrivateClass || BerTlv.IsConstructed(tag) || valueLength != 0)
            {
                return -1;
            }

            int depth = request.BaseDepth;
            if (depth >= MaxKeyArcs)
            {
                return -1;
            }

            // OidKey, written out: this runs for every Get.
            byte[] path = request.Path;
            int key = 0;
            for (int i = 0; i < depth; i++)
            {
                int arc = path[i];
                if (arc == 0 || arc > PropertyTable.MaxArc)
                {
                    return -1;
                }

                key = (key << ArcBits) | arc;
            }

            int leaf = tag & BerTlv.TagNumberMask;
            if (leaf == 0)
            {
                return -1;
            }

            key = (key << ArcBits) | leaf;

            for (int i = 0; i < _oidKeys.Length; i++)
            {
                if (_oidKeys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Appends one arc to the key of an OID: 5 bits per arc, so a key stands for one OID of up to
        /// <see cref="MaxKeyArcs"/> arcs. Every arc is 1 to <see cref="PropertyTable.MaxArc"/>, so OIDs of
        /// different lengths never share a key (a longer one always has a bit above the shorter's).
        /// An arc outside that range, or one too many, gives <see cref="NoKey"/>: no property has it.
        /// </summary>
        private static int OidKey(int key, int position, byte arc)
        {
            if (position >= MaxKeyArcs || arc == 0 || arc > PropertyTable.MaxArc)
            {
                return NoKey;
            }

            return (key << ArcBits) | arc;
        }

        private int ValidateBranch(int pathLength)
        {
            int first;
            int count = PropertyTable.FindPrefix(_request.Path, 0, pathLength, out first);
            if (count == 0)
            {
                return _request.Fail(MmsStatus.DetailBadParameter, "unknown OID");
            }

            _encoder.FixedStyle = true;
            Count(first, count);
            return 0;
        }

        private void Count(int first, int count)
        {
            if (_firstProperty < 0)
            {
                _firstProperty = first;
            }

            _propertyCount += count;
        }

        private int ContentSize(int start, int end, int depth)
        {
            byte[] path = _request.Path;
            if (start == end)
            {
                int first;
                int count = PropertyTable.FindPrefix(path, 0, depth, out first);
                return _encoder.SubtreeSize(first, count, depth);
            }

            int size = 0;
            int pos = start;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(_request.Buffer, pos, end, out tag, out valueOffset, out valueLength);
                path[depth] = (byte)(tag & BerTlv.TagNumberMask);
                if (BerTlv.IsConstructed(tag))
                {
                    size += _encoder.NodeSize(ContentSize(valueOffset, next, depth + 1));
                }
                else
                {
                    int index = PropertyTable.IndexOfOid(path, 0, depth + 1);
                    if (index >= 0)
                    {
                        size += _encoder.LeafSize(index);
                    }
                    else
                    {
                        int first;
                        int count = PropertyTable.FindPrefix(path, 0, depth + 1, out first);
                        size += _encoder.NodeSize(_encoder.SubtreeSize(first, count, depth + 1));
                    }
                }

                pos = next;
            }

            return size;
        }

        private int WriteContent(int start, int end, int depth, byte[] destination, int offset)
        {
            byte[] path = _request.Path;
            if (start == end)
            {
                int first;
                int count = PropertyTable.FindPrefix(path, 0, depth, out first);
                return _encoder.WriteSubtree(first, count, depth, destination, offset);
            }

            int pos = start;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(_request.Buffer, pos, end, out tag, out valueOffset, out valueLength);
                byte arc = (byte)(tag & BerTlv.TagNumberMask);
                path[depth] = arc;
                if (BerTlv.IsConstructed(tag))
                {
                    int content = ContentSize(valueOffset, next, depth + 1);
                    path[depth] = arc;
                    offset = _encoder.WriteNodeHeader(arc, content, destination, offset);
                    offset = WriteContent(valueOffset, next, depth + 1, destination, offset);
                }
                else
                {
                    int index = PropertyTable.IndexOfOid(path, 0, depth + 1);
                    if (index >= 0)
                    {
                        offset = _encoder.WriteLeaf(index, destination, offset);
                    }
                    else
                    {
                        // A branch: the request's empty primitive node comes back constructed.
                        int first;
                        int count = PropertyTable.FindPrefix(path, 0, depth + 1, out first);
                        offset = _encoder.WriteNodeHeader(arc, _encoder.SubtreeSize(first, count, depth + 1), destination, offset);
                        offset = _encoder.WriteSubtree(first, count, depth + 1, destination, offset);
                    }
                }

                pos = next;
            }

            return offset;
        }
    }
}
