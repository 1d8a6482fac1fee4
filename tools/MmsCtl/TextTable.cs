using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DeviceFirmware.MmsCtl;

/// <summary>A plain text table: a header row, columns padded to their widest cell and two spaces apart, the last column unpadded.</summary>
public sealed class TextTable
{
    private const string Gap = "  ";

    private readonly List<string[]> _rows = new();
    private readonly int _columns;

    /// <summary>Creates a table with these column headers.</summary>
    public TextTable(params string[] headers)
    {
        _columns = headers.Length;
        _rows.Add(headers);
    }

    /// <summary>Adds a row; missing cells are empty, null cells too.</summary>
    public TextTable Add(params string[] cells)
    {
        string[] row = new string[_columns];
        for (int i = 0; i < _columns; i++)
        {
            row[i] = i < cells.Length ? cells[i] ?? string.Empty : string.Empty;
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>The lines of the table, header first; trailing spaces removed.</summary>
    public List<string> Lines()
    {
        int[] widths = new int[_columns];
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < _columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        List<string> lines = new(_rows.Count);
        StringBuilder line = new();
        foreach (string[] row in _rows)
        {
            line.Clear();
            for (int i = 0; i < _columns; i++)
            {
                line.Append(row[i]);
                if (i < _columns - 1)
                {
                    line.Append(' ', widths[i] - row[i].Length).Append(Gap);
                }
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>Writes the lines.</summary>
    public void Write(TextWriter writer)
    {
        foreach (string line in Lines())
        {
            writer.WriteLine(line);
        }
    }
}
