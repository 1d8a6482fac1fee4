namespace DeviceFirmware.Settings
{
    /// <summary>Why a value was refused by <see cref="PropertyDefinition.Validate"/>.</summary>
    public enum PropertyValueError : byte
    {
        /// <summary>The value is acceptable.</summary>
        None = 0,

        /// <summary>A fixed-length property got a different number of bytes.</summary>
        WrongLength = 1,

        /// <summary>A text property got more bytes than its maximum.</summary>
        TooLong = 2,

        /// <summary>A text property got fewer characters than it needs.</summary>
        TooShort = 3,

        /// <summary>A numeric value outside the valid range.</summary>
        OutOfRange = 4,

        /// <summary>A text property holds a character its rule forbids, or bytes after the zero padding.</summary>
        BadCharacter = 5,
    }
}
