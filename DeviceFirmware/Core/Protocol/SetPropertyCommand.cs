using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Command 0xD111 Set Property (Unsecured). Every leaf of the OID remainder is checked and collected
    /// before anything is stored; the store then applies all of them or none. A successful response
    /// repeats the request payload byte for byte (it echoes, it does not read back).
    /// </summary>
    internal sealed class SetPropertyCommand
    {
        private readonly SettingsStore _store;
        private readonly SettingsChange _change = new SettingsChange();
        private PropertyRequest _request;

        /// <summary>Creates the command over the store it writes.</summary>
        public SetPropertyCommand(SettingsStore store)
        {
            _store = store;
        }

        /// <summary>Why the last request failed, for the log.</summary>
        public string Reason { get; private set; }

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
            Reason = null;
            FailedProperty = -1;
            int start = request.RemainderOffset;
            int end = start + request.RemainderLength;
            int result = ValidateNodes(start, end, request.BaseDepth);
            if (result != 0)
            {
                return result;
            }

            if (_change.Count == 0)
            {
                return Fail(MmsStatus.DetailBadParameter, "Set names no property");
            }

            return 0;
        }

        /// <summary>Stores the validated values, all or nothing, durably.</summary>
        /// <returns>True when the values are stored (or were already equal); false when the flash write failed.</returns>
        public bool Apply()
        {
            LastResult = _store.Apply(_change);
            if (LastResult == SettingsApplyResult.StorageFailed)
            {
                Reason = "flash write failed";
                return false;
            }

            return true;
        }

        private int ValidateNodes(int start, int end, int depth)
        {
            byte[] buffer = _request.Buffer;
            byte[] path = _request.Path;
            int pos = start;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (next < 0)
                {
                    return Fail(MmsStatus.DetailMalformedMessage, "OID remainder TLV overruns or is truncated");
                }

                if ((tag & BerTlv.ClassMask) != BerTlv.PrivateClass)
                {
                    return Fail(MmsStatus.DetailMalformedMessage, "OID node is not a private-class tag");
                }

                if (depth >= PropertyRequest.MaxPathLength)
                {
                    return Fail(MmsStatus.DetailBadParameter, "OID too long");
                }

                path[depth] = (byte)(tag & BerTlv.TagNumberMask);
                int result;
                if (BerTlv.IsConstructed(tag))
                {
                    result = valueLength == 0
                        ? Fail(MmsStatus.DetailBadParameter, "empty constructed OID node")
                        : ValidateNodes(valueOffset, next, depth + 1);
                }
                else
                {
                    result = ValidateLeaf(depth + 1, valueOffset, valueLength);
                }

                if (result != 0)
                {
                    return result;
                }

                pos = next;
            }

            return 0;
        }

        private int ValidateLeaf(int pathLength, int valueOffset, int valueLength)
        {
            int index = PropertyTable.IndexOfOid(_request.Path, 0, pathLength);
            if (index < 0)
            {
                return Fail(MmsStatus.DetailBadParameter, "unknown OID");
            }

            FailedProperty = index;
            PropertyValueError error = PropertyTable.Get(index).Validate(_request.Buffer, valueOffset, valueLength);
            if (error != PropertyValueError.None)
            {
                return Fail(MmsStatus.DetailBadParameter, DescribeError(error));
            }

            if (!_change.Add(index, _request.Buffer, valueOffset, valueLength))
            {
                return Fail(MmsStatus.DetailBadParameter, "property named twice");
            }

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

        private int Fail(int detail, string reason)
        {
            Reason = reason;
            return detail;
        }
    }
}
