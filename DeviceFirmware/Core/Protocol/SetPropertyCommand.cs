using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Command 0xD111 Set Property (Unsecured). Every leaf of the OID remainder is checked and collected
    /// before anything is stored; the store then applies all of them or none. A successful response
    /// repeats the request payload byte for byte (it echoes, it does not read back).
    /// </summary>
    /// <remarks>
    /// Read-only properties (device information) refuse every Set. A fixed setting accepts a Set of
    /// the value the board has, which changes nothing, and refuses any other; both refusals answer like
    /// an invalid value (80 020102), since the manual names no status for them.
    /// </remarks>
    internal sealed class SetPropertyCommand : IOidLeafVisitor
    {
        private readonly SettingsStore _store;
        private readonly SettingsChange _change = new SettingsChange();

        // Fixed properties the request named, one bit per property index (a bool array would be three
        // heap blocks); the constructor checks that the table fits.
        private long _fixedNamed;
        private PropertyRequest _request;

        /// <summary>Creates the command over the store it writes.</summary>
        public SetPropertyCommand(SettingsStore store)
        {
            if (PropertyTable.Count > 64)
            {
                throw new InvalidOperationException("more properties than the fixed-property bit mask holds");
            }

            _store = store;
        }

        /// <summary>Table index of the property the last failure concerns, or -1.</summary>
        public int FailedProperty { get; private set; }

        /// <summary>The values of the last validated request.</summary>
        public SettingsChange Change
        {
            get { return _change; }
        }

        /// <summary>Outcome of the last <see cref="Apply"/>.</summary>
        public SettingsApplyResult LastResult { get; private set; }

        /// <summary>Checks every leaf of a parsed request and gathers the new values.</summary>
        /// <returns>0, or the status detail to answer with.</returns>
        public int Validate(PropertyRequest request)
        {
            _request = request;
            _change.Clear();
            _fixedNamed = 0;
            FailedProperty = -1;
            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            int result = OidTreeWalker.Walk(request, start, end, request.BaseDepth, this);
            if (result != 0)
            {
                return result;
            }

            if (_change.Count == 0 && _fixedNamed == 0)
            {
                return request.Fail(MmsStatus.DetailBadParameter, "Set names no property");
            }

            return 0;
        }

        /// <summary>Stores the validated values, all or nothing, durably.</summary>
        /// <param name="report">Receives what the write changed; may be null.</param>
        /// <returns>True when the values are stored (or were already equal); false when the flash write failed.</returns>
        public bool Apply(SettingsApplyReport report)
        {
            LastResult = _store.Apply(_change, report);
            if (LastResult == SettingsApplyResult.StorageFailed)
            {
                _request.Reason = "flash write failed";
                return false;
            }

            return true;
        }

        /// <inheritdoc />
        public int VisitLeaf(PropertyRequest request, int pathLength, int valueOffset, int valueLength)
        {
            int index = PropertyTable.IndexOfOid(request.Path, 0, pathLength);
            if (index < 0)
            {
                return request.Fail(MmsStatus.DetailBadParameter, "unknown OID");
            }

            FailedProperty = index;
            PropertyDefinition property = PropertyTable.Get(index);
            if (property.Access == PropertyAccess.ReadOnly)
            {
                return request.Fail(MmsStatus.DetailBadParameter, "read-only property");
            }

            PropertyValueError error = property.Validate(request.Buffer, valueOffset, valueLength);
            if (error != PropertyValueError.None)
            {
                return request.Fail(MmsStatus.DetailBadParameter, DescribeError(error));
            }

            if (property.Access == PropertyAccess.Fixed)
            {
                return AcceptFixed(request, index, property, valueOffset, valueLength);
            }

            if (!_change.Add(index, request.Buffer, valueOffset, valueLength))
            {
                return request.Fail(MmsStatus.DetailBadParameter, "property named twice");
            }

            FailedProperty = -1;
            return 0;
        }

        // A fixed setting is never stored: the Set succeeds only when it asks for what the board does.
        private int AcceptFixed(PropertyRequest request, int index, PropertyDefinition property, int valueOffset, int valueLength)
        {
            int canonical = property.CanonicalLength(request.Buffer, valueOffset, valueLength);
            if (!_store.Current.ValueEquals(index, request.Buffer, valueOffset, canonical))
            {
                return request.Fail(MmsStatus.DetailBadParameter, "the board cannot change this setting");
            }

            long bit = 1L << index;
            if ((_fixedNamed & bit) != 0)
            {
                return request.Fail(MmsStatus.DetailBadParameter, "property named twice");
            }

            _fixedNamed |= bit;
            FailedProperty = -1;
            return 0;
        }

        private static string DescribeError(PropertyValueError error)
        {
            switch (error)
            {
                case PropertyValueError.WrongLength: return "wrong value length";
                case PropertyValueError.TooLong: return "value too long";
                case PropertyValueError.TooShort: return "value too short";
                case PropertyValueError.OutOfRange: return "value out of range";
                case PropertyValueError.BadCharacter: return "character not allowed";
                default: return "invalid value";
            }
        }
    }
}
