namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Wire values of the SLIP framing that carries MMS messages over the UART:
    /// <c>End | info(1) | message length(4, big-endian) | message | End</c>, where every byte between
    /// the two delimiters, header included, has <see cref="End"/> replaced by
    /// <see cref="Escape"/> <see cref="EscapedEnd"/> and <see cref="Escape"/> by
    /// <see cref="Escape"/> <see cref="EscapedEscape"/>.
    /// </summary>
    public static class SlipFrame
    {
        /// <summary>Frame delimiter; never appears inside a frame.</summary>
        public const byte End = 0xC0;

        /// <summary>Introduces a two-byte escape sequence.</summary>
        public const byte Escape = 0xDB;

        /// <summary>Follows <see cref="Escape"/> to stand for <see cref="End"/>.</summary>
        public const byte EscapedEnd = 0xDC;

        /// <summary>Follows <see cref="Escape"/> to stand for <see cref="Escape"/>.</summary>
        public const byte EscapedEscape = 0xDD;

        /// <summary>Info byte of a request from the host to the device.</summary>
        public const byte InfoHostToDevice = 0x00;

        /// <summary>Info byte of a response or notification from the device to the host.</summary>
        public const byte InfoDeviceToHost = 0x02;

        /// <summary>
        /// Info byte of the device's answer to a message over its maximum size: the length field then
        /// holds the device's maximum message length and the message is empty.
        /// </summary>
        public const byte InfoOverMaximum = 0x03;

        /// <summary>Bytes in the big-endian message length field.</summary>
        public const int LengthFieldSize = 4;

        /// <summary>Unescaped header bytes before the message: info and length.</summary>
        public const int HeaderSize = 1 + LengthFieldSize;
    }
}
