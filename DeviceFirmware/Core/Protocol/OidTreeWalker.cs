namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Validates the nested OID nodes of tag 89 for Get and Set alike: private-class tags only, no
    /// empty constructed node, bounded depth (so a hostile request cannot recurse deeply), and each
    /// leaf handed to a visitor with its full OID in <see cref="PropertyRequest.Path"/>.
    /// </summary>
    internal static class OidTreeWalker
    {
        /// <summary>Walks the nodes between <paramref name="start"/> and <paramref name="end"/>.</summary>
        /// <param name="request">The parsed request; its path receives the arcs.</param>
        /// <param name="start">Offset of the first node.</param>
        /// <param name="end">Offset just past the last node.</param>
        /// <param name="depth">Number of arcs already in the path.</param>
        /// <param name="visitor">Checks each leaf.</param>
        /// <returns>0, or the status detail of the first problem (with the request's Reason set).</returns>
        public static int Walk(PropertyRequest request, int start, int end, int depth, IOidLeafVisitor visitor)
        {
            byte[] buffer = request.Buffer;
            int pos = start;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (next < 0)
                {
                    return request.Fail(MmsStatus.DetailMalformedMessage, "OID remainder TLV overruns or is truncated");
                }

                if ((tag & BerTlv.ClassMask) != BerTlv.PrivateClass)
                {
                    return request.Fail(MmsStatus.DetailMalformedMessage, "OID node is not a private-class tag");
                }

                if (depth >= PropertyRequest.MaxPathLength)
                {
                    return request.Fail(MmsStatus.DetailBadParameter, "OID too long");
                }

                request.Path[depth] = (byte)(tag & BerTlv.TagNumberMask);
                int result;
                if (!BerTlv.IsConstructed(tag))
                {
                    result = visitor.VisitLeaf(request, depth + 1, valueOffset, valueLength);
                }
                else if (valueLength == 0)
                {
                    result = request.Fail(MmsStatus.DetailBadParameter, "empty constructed OID node");
                }
                else
                {
                    result = Walk(request, valueOffset, next, depth + 1, visitor);
                }

                if (result != 0)
                {
                    return result;
                }

                pos = next;
            }

            return 0;
        }
    }
}
