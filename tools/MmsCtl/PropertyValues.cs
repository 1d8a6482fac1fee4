using System;
using System.Globalization;
using System.Linq;
using System.Text;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>A property value as read from the device, ready for printing.</summary>
/// <param name="Raw">The value bytes exactly as the device sent them.</param>
/// <param name="Number">The numeric value, for numeric properties.</param>
/// <param name="Text">The text without its zero padding, for text properties whose bytes are printable.</param>
/// <param name="ValueName">The numeric value's name, such as "at least once", if it has one.</param>
/// <param name="WriteOnly">True for secrets, whose value is never shown.</param>
public sealed record DecodedValue(byte[] Raw, long? Number, string Text, string ValueName, bool WriteOnly)
{
    /// <summary>The value as mmsctl prints it after "name = ".</summary>
    public string Display
    {
        get
        {
            if (WriteOnly)
            {
                return "(write-only)";
            }

            if (Number is long number)
            {
                return ValueName == null ? number.ToString(CultureInfo.InvariantCulture) : $"{number} ({ValueName})";
            }

            if (Text != null)
            {
                return Text.Length == 0 ? "(empty)" : Text;
            }

            return Raw.Length == 0 ? "(empty)" : "0x" + HexText.Format(Raw);
        }
    }
}

/// <summary>Turns command-line values into wire bytes and wire bytes into printable values.</summary>
public static class PropertyValues
{
    private const byte Padding = 0x00;

    /// <summary>
    /// Encodes a value given on the command line and checks it with the property's own
    /// <see cref="PropertyDefinition.Validate"/>, the check the device makes.
    /// </summary>
    /// <param name="property">The property being set.</param>
    /// <param name="text">Decimal number for numeric properties, the text itself for text properties.</param>
    /// <exception cref="MmsCtlException">The value is malformed or invalid (exit code 2); nothing should be sent.</exception>
    public static byte[] Encode(PropertyDefinition property, string text)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(text);
        if (property.Access == PropertyAccess.ReadOnly)
        {
            throw new MmsCtlException($"{property.Name} is read-only (device information); nothing sent", ExitCodes.Error);
        }

        if (property.Kind == PropertyKind.Binary)
        {
            throw new MmsCtlException($"{property.Name}: give the {property.MaxLength} bytes with --hex", ExitCodes.Error);
        }

        byte[] value = property.Kind == PropertyKind.Ascii ? EncodeText(property, text) : EncodeNumber(property, text);
        PropertyValueError error = property.Validate(value, 0, value.Length);
        if (error != PropertyValueError.None)
        {
            throw new MmsCtlException($"{property.Name}: {Explain(property, error, text, value)}; nothing sent", ExitCodes.Error);
        }

        return value;
    }

    /// <summary>Decodes a value the device returned for a property (null: a property this tool does not know).</summary>
    public static DecodedValue Decode(PropertyDefinition property, byte[] raw)
    {
        if (property == null)
        {
            return new DecodedValue(raw, null, null, null, false);
        }

        if (property.WriteOnly)
        {
            return new DecodedValue(raw, null, null, null, true);
        }

        if (property.Kind == PropertyKind.Binary)
        {
            return new DecodedValue(raw, null, SerialNumberText(property, raw), null, false);
        }

        if (property.Kind != PropertyKind.Ascii)
        {
            if (raw.Length != property.MaxLength)
            {
                return new DecodedValue(raw, null, null, null, false);
            }

            int number = property.ReadNumber(raw, 0);
            return new DecodedValue(raw, number, null, property.ValueName(number), false);
        }

        int end = raw.Length;
        while (end > 0 && raw[end - 1] == Padding)
        {
            end--;
        }

        StringBuilder text = new(end);
        for (int i = 0; i < end; i++)
        {
            byte b = raw[i];
            if (b < 0x20 || b > 0x7E)
            {
                return new DecodedValue(raw, null, null, null, false);
            }

            text.Append((char)b);
        }

        return new DecodedValue(raw, null, text.ToString(), null, false);
    }

    /// <summary>
    /// The serial number as MagTek prints it, seven hexadecimal digits (B61378A), from its wire form
    /// (B6 13 78 A0: the digits as nibbles and a zero nibble, Table 1154); null for any other value.
    /// </summary>
    public static string SerialNumberText(PropertyDefinition property, byte[] raw)
    {
        if (!ReferenceEquals(property, PropertyTable.Get(PropertyIndex.SerialNumber))
            || raw.Length != PropertyTable.SerialNumberLength || (raw[^1] & 0x0F) != 0)
        {
            return null;
        }

        return HexText.Format(raw)[..DeviceInformation.SerialNumberDigits];
    }

    private static byte[] EncodeText(PropertyDefinition property, string text)
    {
        byte[] value = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c > 0x7E)
            {
                throw new MmsCtlException($"{property.Name}: only printable ASCII is allowed (character {i + 1} is U+{(int)c:X4}); nothing sent", ExitCodes.Error);
            }

            value[i] = (byte)c;
        }

        return value;
    }

    private static byte[] EncodeNumber(PropertyDefinition property, string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit))
        {
            throw new MmsCtlException($"{property.Name}: '{text}' is not a decimal number (expected {property.MinValue} to {property.MaxValue}); nothing sent", ExitCodes.Error);
        }

        int wireMax = property.Kind == PropertyKind.UInt16 ? 0xFFFF : 0xFF;
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > wireMax)
        {
            throw new MmsCtlException($"{property.Name}: {trimmed} is out of range ({RangeText(property)}); nothing sent", ExitCodes.Error);
        }

        return property.Kind == PropertyKind.UInt16 ? new[] { (byte)(number >> 8), (byte)number } : new[] { (byte)number };
    }

    private static string Explain(PropertyDefinition property, PropertyValueError error, string text, byte[] value)
    {
        return error switch
        {
            PropertyValueError.OutOfRange => $"{property.ReadNumber(value, 0)} is out of range ({RangeText(property)})",
            PropertyValueError.WrongLength => $"needs exactly {property.MaxLength} bytes",
            PropertyValueError.TooLong => $"{value.Length} characters is longer than the maximum of {property.MaxLength}",
            PropertyValueError.TooShort => value.Length == 0 ? "must not be empty" : $"needs at least {property.MinLength} characters",
            PropertyValueError.BadCharacter => $"'{text}' has a character this property does not allow ({RuleText(property.TextRule)})",
            _ => "invalid value",
        };
    }

    private static string RangeText(PropertyDefinition property)
    {
        string range = $"{property.MinValue} to {property.MaxValue}";
        if (property.ValueName(property.MinValue) == null)
        {
            return range;
        }

        StringBuilder names = new();
        for (int v = property.MinValue; v <= property.MaxValue; v++)
        {
            names.Append(names.Length == 0 ? ": " : ", ").Append(v).Append(" = ").Append(property.ValueName(v));
        }

        return range + names;
    }

    private static string RuleText(TextRule rule) => rule switch
    {
        TextRule.NoSpaces => "printable ASCII without spaces",
        TextRule.PublishTopic => "printable ASCII without spaces, '+' or '#'",
        TextRule.Printable => "printable ASCII",
        _ => "none",
    };
}
