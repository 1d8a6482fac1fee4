namespace DeviceFirmware.RemoteConfig
{
    /// <summary>
    /// MMS messages as ASCII hex, the form MagTek's hosts publish: two digits per byte, upper or
    /// lower case on input, upper case on output, no separators.
    /// </summary>
    public static class HexText
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Outcome of <see cref="TryDecode"/>.</summary>
        public enum DecodeResult
        {
            /// <summary>Decoded.</summary>
            Ok = 0,

            /// <summary>Nothing but white space.</summary>
            Empty = 1,

            /// <summary>An odd number of digits.</summary>
            OddLength = 2,

            /// <summary>A character that is not a hex digit.</summary>
            NotHex = 3,
        }

        /// <summary>
        /// Decodes hex text; white space around it (a trailing newline from a file) is ignored,
        /// white space inside is not.
        /// </summary>
        /// <param name="text">The ASCII bytes.</param>
        /// <param name="bytes">The decoded bytes when the result is <see cref="DecodeResult.Ok"/>; otherwise null.</param>
        public static DecodeResult TryDecode(byte[] text, out byte[] bytes)
        {
            bytes = null;
            int start = 0;
            int end = text.Length;
            while (start < end && IsSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsSpace(text[end - 1]))
            {
                end--;
            }

            int length = end - start;
            if (length == 0)
            {
                return DecodeResult.Empty;
            }

            if ((length & 1) != 0)
            {
                return DecodeResult.OddLength;
            }

            byte[] result = new byte[length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int high = Value(text[start + (2 * i)]);
                int low = Value(text[start + (2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return DecodeResult.NotHex;
                }

                result[i] = (byte)((high << 4) | low);
            }

            bytes = result;
            return DecodeResult.Ok;
        }

        /// <summary>Encodes bytes as upper-case hex text.</summary>
        public static byte[] Encode(byte[] bytes)
        {
            byte[] text = new byte[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                text[2 * i] = (byte)Digits[bytes[i] >> 4];
                text[(2 * i) + 1] = (byte)Digits[bytes[i] & 0x0F];
            }

            return text;
        }

        private static int Value(byte c)
        {
            if (c >= (byte)'0' && c <= (byte)'9')
            {
                return c - (byte)'0';
            }

            if (c >= (byte)'A' && c <= (byte)'F')
            {
                return c - (byte)'A' + 10;
            }

            if (c >= (byte)'a' && c <= (byte)'f')
            {
                return c - (byte)'a' + 10;
            }

            return -1;
        }

        private static bool IsSpace(byte c)
        {
            return c == (byte)' ' || c == (byte)'\t' || c == (byte)'\r' || c == (byte)'\n';
        }
    }
}
