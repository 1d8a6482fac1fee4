using System;
using System.Collections.Generic;
using System.Globalization;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// A property or branch named on the command line: a name from the property table (<c>mqtt.qos</c>)
/// or a dotted OID with hexadecimal arcs as the manual writes them (<c>1.2.2.1.2.A</c>).
/// </summary>
public sealed class PropertyAddress
{
    private readonly byte[] _arcs;

    private PropertyAddress(byte[] arcs, int propertyIndex)
    {
        _arcs = arcs;
        PropertyIndex = propertyIndex;
    }

    /// <summary>Table index of the property, or -1 when the OID is not a property this firmware knows.</summary>
    public int PropertyIndex { get; }

    /// <summary>The property's definition, or null.</summary>
    public PropertyDefinition Property => PropertyIndex >= 0 ? PropertyTable.Get(PropertyIndex) : null;

    /// <summary>Number of arcs, the property type included.</summary>
    public int ArcCount => _arcs.Length;

    /// <summary>A copy of the arcs, the property type first.</summary>
    public byte[] CopyArcs() => (byte[])_arcs.Clone();

    /// <summary>The dotted OID with hexadecimal arcs.</summary>
    public string DottedOid => FormatOid(_arcs, _arcs.Length);

    /// <summary>The property name, or the dotted OID when it has none.</summary>
    public string DisplayName => Property?.Name ?? DottedOid;

    /// <summary>Parses a property name or dotted OID.</summary>
    /// <exception cref="MmsCtlException">Neither a known name nor a well-formed OID (exit code 2).</exception>
    public static PropertyAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MmsCtlException("a property name or OID is required", ExitCodes.Error);
        }

        int index = PropertyTable.IndexOfName(text.Trim());
        if (index >= 0)
        {
            return new PropertyAddress(PropertyTable.Get(index).CopyOid(), index);
        }

        if (!TryParseOid(text.Trim(), out byte[] arcs, out string problem))
        {
            throw new MmsCtlException($"unknown property '{text}' ({problem}); names: {string.Join(", ", Names())}", ExitCodes.Error);
        }

        return new PropertyAddress(arcs, PropertyTable.IndexOfOid(arcs, 0, arcs.Length));
    }

    /// <summary>Formats arcs as a dotted OID with hexadecimal arcs.</summary>
    public static string FormatOid(byte[] arcs, int count)
    {
        string[] parts = new string[count];
        for (int i = 0; i < count; i++)
        {
            parts[i] = arcs[i].ToString("X", CultureInfo.InvariantCulture);
        }

        return string.Join('.', parts);
    }

    /// <summary>Every property name, in table order.</summary>
    public static IEnumerable<string> Names()
    {
        for (int i = 0; i < PropertyTable.Count; i++)
        {
            yield return PropertyTable.Get(i).Name;
        }
    }

    private static bool TryParseOid(string text, out byte[] arcs, out string problem)
    {
        arcs = null;
        string[] parts = text.Split('.');
        if (parts.Length > 16)
        {
            problem = "too many arcs";
            return false;
        }

        byte[] parsed = new byte[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out parsed[i]))
            {
                problem = "not a name, and not a dotted OID with hexadecimal arcs such as 1.2.2.1.2.A";
                return false;
            }

            if (i > 0 && (parsed[i] == 0 || parsed[i] > PropertyTable.MaxArc))
            {
                problem = $"arc {parts[i]} is outside 1 to 1E";
                return false;
            }
        }

        arcs = parsed;
        problem = null;
        return true;
    }
}
