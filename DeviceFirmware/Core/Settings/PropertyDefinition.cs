using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// One device property: its OID, name, wire type, limits and access rule. Instances are created
    /// once, in <see cref="PropertyTable"/>, and never change.
    /// </summary>
    /// <remarks>
    /// Its data are public read-only fields rather than properties: on nanoCLR, the interpreter the
    /// board runs, every property read is a call, and the request path and every settings write
    /// read them many times (a write checks every stored value again).
    /// </remarks>
    public sealed class PropertyDefinition
    {
        /// <summary>The <see cref="Key"/> of a property that flash never holds (fixed settings and device information).</summary>
        public const byte NoKey = 0x00;

        private const byte FirstPrintable = 0x20;
        private const byte Space = 0x20;
        private const byte LastPrintable = 0x7E;
        private const byte Plus = (byte)'+';
        private const byte Hash = (byte)'#';
        private const byte Padding = 0x00;

        private readonly byte[] _oid;
        private readonly string[] _valueNames;

        /// <summary>Creates a property definition. Only <see cref="PropertyTable"/> calls this.</summary>
        /// <param name="oid">All arcs of the OID, the property type (first arc) included.</param>
        /// <param name="key">Stable key used by the settings record; never reuse one. <see cref="NoKey"/> for a property flash does not hold.</param>
        /// <param name="name">Command-line name such as <c>mqtt.qos</c>.</param>
        /// <param name="title">Name as the reference table gives it.</param>
        /// <param name="kind">Wire type.</param>
        /// <param name="maxLength">Maximum length in bytes (fixed length for numeric kinds).</param>
        /// <param name="minLength">Minimum length of a non-empty text value in bytes.</param>
        /// <param name="allowEmpty">True when an empty text is valid regardless of <paramref name="minLength"/>.</param>
        /// <param name="minValue">Smallest numeric value.</param>
        /// <param name="maxValue">Largest numeric value.</param>
        /// <param name="textRule">Characters a text value may hold.</param>
        /// <param name="access">Read-write, write-only (secrets: Get returns zeros), fixed or read-only.</param>
        /// <param name="valueNames">Optional names of numeric values, indexed by value.</param>
        internal PropertyDefinition(
            byte[] oid,
            byte key,
            string name,
            string title,
            PropertyKind kind,
            int maxLength,
            int minLength,
            bool allowEmpty,
            int minValue,
            int maxValue,
            TextRule textRule,
            PropertyAccess access,
            string[] valueNames)
        {
            _oid = oid;
            Key = key;
            Name = name;
            Title = title;
            Kind = kind;
            MaxLength = maxLength;
            MinLength = minLength;
            AllowEmpty = allowEmpty;
            MinValue = minValue;
            MaxValue = maxValue;
            TextRule = textRule;
            Access = access;
            _valueNames = valueNames;
        }

        /// <summary>Stable key that identifies this property inside a settings record.</summary>
        public readonly byte Key;

        /// <summary>Command-line name, for example <c>mqtt.qos</c>.</summary>
        public readonly string Name;

        /// <summary>Name as the reference table gives it, for example "MQTT QoS".</summary>
        public readonly string Title;

        /// <summary>Wire type.</summary>
        public readonly PropertyKind Kind;

        /// <summary>Maximum length in bytes. For numeric kinds this is also the exact length.</summary>
        public readonly int MaxLength;

        /// <summary>Minimum length of a non-empty text value. Fixed lengths use <see cref="MaxLength"/>.</summary>
        public readonly int MinLength;

        /// <summary>True when an empty text value is valid (an unset broker, an open WLAN).</summary>
        public readonly bool AllowEmpty;

        /// <summary>Smallest valid numeric value.</summary>
        public readonly int MinValue;

        /// <summary>Largest valid numeric value.</summary>
        public readonly int MaxValue;

        /// <summary>Characters a text value may hold.</summary>
        public readonly TextRule TextRule;

        /// <summary>What Get and Set may do with the property, and whether flash keeps it.</summary>
        public readonly PropertyAccess Access;

        /// <summary>True for secrets. Get returns a zero-filled field of <see cref="MaxLength"/> bytes.</summary>
        public bool WriteOnly
        {
            get { return Access == PropertyAccess.WriteOnly; }
        }

        /// <summary>
        /// True when the settings record keeps the property (read-write and write-only ones). Fixed
        /// settings and device information take their value from the composition on every boot.
        /// </summary>
        public bool IsStored
        {
            get { return Access == PropertyAccess.ReadWrite || Access == PropertyAccess.WriteOnly; }
        }

        /// <summary>Number of arcs in the OID, the property type included.</summary>
        public int OidLength
        {
            get { return _oid.Length; }
        }

        /// <summary>Number of bytes a Get returns: the fixed length, or the padded maximum for text.</summary>
        public int WireLength
        {
            get { return MaxLength; }
        }

        /// <summary>Returns one arc of the OID.</summary>
        /// <param name="index">0 is the property type.</param>
        public byte OidArc(int index)
        {
            return _oid[index];
        }

        /// <summary>Returns the OID in dotted form with hexadecimal arcs, as the manual writes it: <c>1.2.2.1.2.A</c>.</summary>
        public string DottedOid()
        {
            string text = string.Empty;
            for (int i = 0; i < _oid.Length; i++)
            {
                if (i > 0)
                {
                    text += ".";
                }

                text += _oid[i].ToString("X");
            }

            return text;
        }

        /// <summary>Returns the name of a numeric value (such as "at least once"), or null if it has none.</summary>
        public string ValueName(int value)
        {
            if (_valueNames == null || value < 0 || value >= _valueNames.Length)
            {
                return null;
            }

            return _valueNames[value];
        }

        /// <summary>
        /// Checks a value received in a Set request. Text may carry trailing zero padding, as the
        /// manual's examples do; nothing but padding may follow the first zero. Padding may even run past
        /// the maximum length (MagTek's configuration app sends topics zero-padded to 224 bytes): bytes
        /// past the maximum are accepted when every one of them is zero, and refused as too long otherwise.
        /// </summary>
        /// <param name="buffer">Buffer holding the value.</param>
        /// <param name="offset">Offset of the first value byte.</param>
        /// <param name="length">Number of value bytes.</param>
        /// <returns><see cref="PropertyValueError.None"/> when the value is acceptable.</returns>
        public PropertyValueError Validate(byte[] buffer, int offset, int length)
        {
            if (Kind == PropertyKind.Ascii)
            {
                return ValidateText(buffer, offset, length);
            }

            if (length != MaxLength)
            {
                return PropertyValueError.WrongLength;
            }

            if (Kind == PropertyKind.Binary)
            {
                return PropertyValueError.None;
            }

            int value = ReadNumber(buffer, offset);
            if (value < MinValue || value > MaxValue)
            {
                return PropertyValueError.OutOfRange;
            }

            return PropertyValueError.None;
        }

        /// <summary>
        /// Returns the number of meaningful bytes of an already validated value: text loses its zero
        /// padding, numbers keep their fixed length. This is the form the settings store keeps.
        /// </summary>
        public int CanonicalLength(byte[] buffer, int offset, int length)
        {
            if (Kind != PropertyKind.Ascii)
            {
                return length;
            }

            int end = length;
            while (end > 0 && buffer[offset + end - 1] == Padding)
            {
                end--;
            }

            return end;
        }

        /// <summary>Reads a numeric value (one byte, or two bytes big-endian) from a buffer. Not for text or binary kinds.</summary>
        public int ReadNumber(byte[] buffer, int offset)
        {
            if (Kind == PropertyKind.UInt16)
            {
                return (buffer[offset] << 8) | buffer[offset + 1];
            }

            return buffer[offset];
        }

        private PropertyValueError ValidateText(byte[] buffer, int offset, int length)
        {
            int checkedLength = length;
            if (length > MaxLength)
            {
                for (int i = MaxLength; i < length; i++)
                {
                    if (buffer[offset + i] != Padding)
                    {
                        return PropertyValueError.TooLong;
                    }
                }

                checkedLength = MaxLength;
            }

            // The rule as bounds, worked out once: a call per character costs on nanoCLR, and every
            // text of the store is checked again each time a record is written.
            int lowest;
            bool topic = false;
            switch (TextRule)
            {
                case TextRule.Printable:
                    lowest = FirstPrintable;
                    break;
                case TextRule.NoSpaces:
                    lowest = Space + 1;
                    break;
                case TextRule.PublishTopic:
                    lowest = Space + 1;
                    topic = true;
                    break;
                default:
                    // No character is allowed.
                    lowest = LastPrintable + 1;
                    break;
            }

            int textLength = 0;
            bool inPadding = false;
            for (int i = 0; i < checkedLength; i++)
            {
                byte b = buffer[offset + i];
                if (inPadding)
                {
                    if (b != Padding)
                    {
                        return PropertyValueError.BadCharacter;
                    }

                    continue;
                }

                if (b == Padding)
                {
                    inPadding = true;
                    continue;
                }

                if (b < lowest || b > LastPrintable || (topic && (b == Plus || b == Hash)))
                {
                    return PropertyValueError.BadCharacter;
                }

                textLength++;
            }

            if (textLength == 0)
            {
                return AllowEmpty ? PropertyValueError.None : PropertyValueError.TooShort;
            }

            if (textLength < MinLength)
            {
                return PropertyValueError.TooShort;
            }

            return PropertyValueError.None;
        }

        /// <summary>Compares this property's OID with arcs taken from a buffer.</summary>
        /// <param name="arcs">Buffer holding the arcs, one byte each.</param>
        /// <param name="offset">Offset of the first arc (the property type).</param>
        /// <param name="count">Number of arcs.</param>
        /// <returns>True when <paramref name="count"/> arcs match this OID's first arcs.</returns>
        public bool OidStartsWith(byte[] arcs, int offset, int count)
        {
            if (count > _oid.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (_oid[i] != arcs[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Copies the OID arcs into a new array (for host tools; the device path never calls it).</summary>
        public byte[] CopyOid()
        {
            byte[] copy = new byte[_oid.Length];
            Array.Copy(_oid, copy, _oid.Length);
            return copy;
        }
    }
}
