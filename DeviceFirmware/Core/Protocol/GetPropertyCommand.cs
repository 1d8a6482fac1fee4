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
    /// The common request, one leaf in the manual's shape, is answered before this command by
    /// <see cref="SingleLeafGet"/> with the same bytes; every other Get comes here.
    /// </remarks>
    internal sealed class GetPropertyCommand : PropertyTreeEncoder, IOidLeafVisitor
    {
        private PropertyRequest _request;

        private int _propertyCount;
        private int _firstProperty = -1;

        // The echoed TLVs' length and the 89 value's, measured by PayloadSize for WritePayload.
        private int _echoedLength;
        private int _contentSize;

        /// <summary>Creates the command over the store it reads.</summary>
        public GetPropertyCommand(SettingsStore store)
            : base(store)
        {
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
            FixedStyle = false;
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
            int content = ContentSize(request.RemainderOffset, request.RemainderOffset + request.RemainderLength, request.BaseDepth);
            _contentSize = content;

            // 89 is the last TLV in every request of the manual: the echoed TLVs are then the bytes
            // between the command ID and 89, in one piece. Otherwise they are gathered one by one.
            _echoedLength = EchoIsOnePiece(request)
                ? request.RemainderTlvOffset - request.PayloadOffset - MmsMessage.CommandIdLength
                : request.CopyEchoedTlvs(null, 0);
            return MmsMessage.CommandIdLength + _echoedLength + 1 + BerTlv.LengthSize(content, FixedStyle) + content;
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

            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            destination[offset++] = PropertyTag.OidRemainder;
            offset = BerTlv.WriteLength(destination, offset, _contentSize, FixedStyle);
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

        private int ValidateBranch(int pathLength)
        {
            int first;
            int count = PropertyTable.FindPrefix(_request.Path, 0, pathLength, out first);
            if (count == 0)
            {
                return _request.Fail(MmsStatus.DetailBadParameter, "unknown OID");
            }

            FixedStyle = true;
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
                return SubtreeSize(first, count, depth);
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
                    size += NodeSize(ContentSize(valueOffset, next, depth + 1));
                }
                else
                {
                    int index = PropertyTable.IndexOfOid(path, 0, depth + 1);
                    if (index >= 0)
                    {
                        size += LeafSize(index);
                    }
                    else
                    {
                        int first;
                        int count = PropertyTable.FindPrefix(path, 0, depth + 1, out first);
                        size += NodeSize(SubtreeSize(first, count, depth + 1));
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
                return WriteSubtree(first, count, depth, destination, offset);
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
                    offset = WriteNodeHeader(arc, content, destination, offset);
                    offset = WriteContent(valueOffset, next, depth + 1, destination, offset);
                }
                else
                {
                    int index = PropertyTable.IndexOfOid(path, 0, depth + 1);
                    if (index >= 0)
                    {
                        offset = WriteLeaf(index, destination, offset);
                    }
                    else
                    {
                        // A branch: the request's empty primitive node comes back constructed.
                        int first;
                        int count = PropertyTable.FindPrefix(path, 0, depth + 1, out first);
                        offset = WriteNodeHeader(arc, SubtreeSize(first, count, depth + 1), destination, offset);
                        offset = WriteSubtree(first, count, depth + 1, destination, offset);
                    }
                }

                pos = next;
            }

            return offset;
        }
    }
}
