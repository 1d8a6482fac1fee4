using System;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>Hex helpers so that tests can state frames exactly as the manual prints them.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Parses hex digits; spaces are ignored, so "AA00 8104" works.</summary>
        public static byte[] Parse(string text)
        {
            byte[] scratch = new byte[text.Length / 2 + 1];
            int count = 0;
            int high = -1;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ')
                {
                    continue;
                }

                int nibble = Nibble(c);
                if (high < 0)
                {
                    high = nibble;
                }
                else
                {
                    scratch[count++] = (byte)((high << 4) | nibble);
                    high = -1;
                }
            }

            if (high >= 0)
            {
                throw new ArgumentException("odd number of hex digits");
            }

            byte[] result = new byte[count];
            Array.Copy(scratch, result, count);
            return result;
        }

        /// <summary>Formats bytes as uppercase hex without spaces.</summary>
        public static string Format(byte[] data)
        {
            if (data == null)
            {
                return "(null)";
            }

            return Format(data, 0, data.Length);
        }

        /// <summary>Formats part of a buffer as uppercase hex without spaces.</summary>
        public static string Format(byte[] data, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[2 * i + 1] = Digits[b & 0x0F];
            }

            return new string(chars);
        }

        /// <summary>The hex of <paramref name="count"/> zero bytes, e.g. the unused tail of a fixed-width text property.</summary>
        public static string Zeros(int count)
        {
            if (count <= 0)
            {
                return string.Empty;
            }

            char[] chars = new char[count * 2];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = '0';
            }

            return new string(chars);
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            throw new ArgumentException("not a hex digit: " + c.ToString());
        }
    }
}
