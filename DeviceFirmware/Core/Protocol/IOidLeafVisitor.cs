namespace DeviceFirmware.Protocol
{
    /// <summary>Told about each primitive (leaf) node while <see cref="OidTreeWalker"/> validates an OID remainder.</summary>
    internal interface IOidLeafVisitor
    {
        /// <summary>Checks one leaf. The request's <see cref="PropertyRequest.Path"/> holds its OID.</summary>
        /// <param name="request">The request being validated; set its <see cref="PropertyRequest.Reason"/> on failure.</param>
        /// <param name="pathLength">Number of arcs of the leaf's OID in the path.</param>
        /// <param name="valueOffset">Offset of the leaf's value in the request buffer.</param>
        /// <param name="valueLength">Length of the leaf's value.</param>
        /// <returns>0, or the status detail to answer with.</returns>
        int VisitLeaf(PropertyRequest request, int pathLength, int valueOffset, int valueLength);
    }
}
