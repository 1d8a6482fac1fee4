using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace DeviceFirmware.NfProj;

/// <summary>
/// A UTF-8 text file read so that it can be written back byte for byte: the byte-order mark (Visual Studio
/// writes one in some files) and the line ending are kept.
/// </summary>
internal sealed class TextFile
{
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TextFile(bool hasBom, string text)
    {
        HasBom = hasBom;
        Text = text;
    }

    public bool HasBom { get; }

    /// <summary>The text without the byte-order mark.</summary>
    public string Text { get; }

    /// <summary>"\r\n" when the file uses it anywhere, else "\n".</summary>
    public string NewLine => Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    public static TextFile Read(string path) => FromBytes(File.ReadAllBytes(path));

    public static TextFile FromBytes(byte[] bytes)
    {
        bool bom = bytes.AsSpan().StartsWith(Bom);
        return new TextFile(bom, Utf8.GetString(bom ? bytes.AsSpan(Bom.Length) : bytes));
    }

    public static TextFile New(string text) => new(false, text);

    public TextFile With(string text) => new(HasBom, text);

    public byte[] ToBytes()
    {
        byte[] body = Utf8.GetBytes(Text);
        return HasBom ? [.. Bom, .. body] : body;
    }

    /// <summary>
    /// The text with every XML comment blanked out, same length, so that a tag a comment mentions is not
    /// taken for an element and positions in the result are positions in <see cref="Text"/>.
    /// </summary>
    public static string MaskComments(string text) =>
        Regex.Replace(text, "<!--.*?-->", m => new string(' ', m.Length), RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>The whitespace between the start of the line holding <paramref name="position"/> and it.</summary>
    public static string IndentAt(string text, int position)
    {
        int lineStart = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        return text.Substring(lineStart, position - lineStart);
    }
}

/// <summary>A project file that <see cref="ProjectSync"/> cannot rewrite safely; the message says what to change by hand.</summary>
internal sealed class SyncException(string message) : Exception(message);
