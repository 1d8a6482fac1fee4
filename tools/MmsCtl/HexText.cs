using System;
using System.Text;

namespace DeviceFirmware.MmsCtl;

/// <summary>Hexadecimal text as the manual writes frames: pairs of digits, spaces anywhere between pairs.</summary>
public static class HexText
{
    /// <summary>Parses hex digits, ignoring spaces (and tabs). Case-insensitive.</summary>
    /// <exception cref="FormatException">A character is not a hex digit, or the digit count is odd.</exception>
    public static byte[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder digits = new(text.Length);
        foreach (char c in text)
        {
            if (c == ' ' || c == '\t')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                throw new FormatException($"'{c}' is not a hexadecimal digit");
            }

            digits.Append(c);
        }

        if (digits.Length % 2 != 0)
        {
            throw new FormatException("odd number of hexadecimal digits");
        }

        return Convert.FromHexString(digits.ToString());
    }

    /// <summary>Formats bytes as uppercase hex without spaces.</summary>
    public static string Format(byte[] data, int offset, int count) => Convert.ToHexString(data, offset, count);

    /// <summary>Formats bytes as uppercase hex without spaces.</summary>
    public static string Format(byte[] data) => Convert.ToHexString(data);
}
