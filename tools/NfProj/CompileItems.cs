using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DeviceFirmware.NfProj;

/// <summary>
/// The Compile rule, once. Classic .nfproj files list every source file explicitly (the nanoFramework
/// project system has no globs), so a new .cs file is not built for the device until it is listed. A project
/// compiles every .cs file under its folder except those under bin/, obj/ (at any depth) and the project's
/// <see cref="ProjectExpectation.ExcludedFolders"/> (directly under the project folder). They are listed as
/// <c>&lt;Compile Include="Sub\File.cs" /&gt;</c> with backslashes as Visual Studio writes them, sorted
/// case-insensitively (ordinal on the upper-cased path, then ordinal), in the one ItemGroup that holds the
/// Compile items and nothing else. <see cref="Rewrite"/> leaves everything outside that ItemGroup byte for
/// byte, and applied to its own output changes nothing.
/// </summary>
internal static class CompileItems
{
    public static readonly string[] AlwaysExcludedFolders = { "bin", "obj" };

    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private static readonly Regex Compile = new("""<Compile\s+Include="[^"]*"\s*/>""", Options);
    private static readonly Regex CompileWithBody = new("""<Compile\s+Include="[^"]*"\s*>""", Options);
    private static readonly Regex CompileLine = new("""[ \t]*<Compile\s+Include="[^"]*"\s*/>[ \t]*(\r?\n)?""", Options);
    private static readonly Regex ItemGroup = new("""<ItemGroup(\s[^>]*)?>(.*?)</ItemGroup>""", Options | RegexOptions.Singleline);
    private static readonly Regex PropsImport = new("""<Import Project="\$\(NanoFrameworkProjectSystemPath\)NFProjectSystem\.props"[^>]*/>""", Options);

    /// <summary>The order the Compile items are written in: ordinal on the upper-cased path, then ordinal.</summary>
    public static readonly Comparer<string> Order = Comparer<string>.Create((a, b) =>
    {
        int byUpper = string.CompareOrdinal(a.ToUpperInvariant(), b.ToUpperInvariant());
        return byUpper != 0 ? byUpper : string.CompareOrdinal(a, b);
    });

    /// <summary>
    /// Every .cs file the project must compile, relative to <paramref name="projectDirectory"/>, with '/',
    /// in the order of their Compile items.
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(ProjectExpectation expectation, string projectDirectory)
    {
        List<string> found = new();
        Walk(projectDirectory, string.Empty);
        // Sorted as written, with backslashes: '\' and '/' sort differently against digits and letters.
        return found.OrderBy(f => f.Replace('/', '\\'), Order).ToList();

        void Walk(string folder, string prefix)
        {
            foreach (string file in Directory.EnumerateFiles(folder))
            {
                string name = Path.GetFileName(file);
                if (name.EndsWith(".cs", StringComparison.Ordinal))
                {
                    found.Add(prefix + name);
                }
            }
            foreach (string sub in Directory.EnumerateDirectories(folder))
            {
                string subName = Path.GetFileName(sub);
                if (AlwaysExcludedFolders.Contains(subName, StringComparer.Ordinal)
                    || (prefix.Length == 0 && expectation.ExcludedFolders.Contains(subName, StringComparer.Ordinal)))
                {
                    continue;
                }
                Walk(sub, prefix + subName + "/");
            }
        }
    }

    /// <summary>
    /// The folder (relative to the project folder, with '/') that keeps <paramref name="relative"/> out of the
    /// project, or null when the file belongs to it.
    /// </summary>
    public static string ExcludedFolderOf(ProjectExpectation expectation, string relative)
    {
        string[] parts = relative.Split('/');
        if (parts.Length > 1 && expectation.ExcludedFolders.Contains(parts[0], StringComparer.Ordinal))
        {
            return parts[0];
        }
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (AlwaysExcludedFolders.Contains(parts[i], StringComparer.Ordinal))
            {
                return string.Join("/", parts.Take(i + 1));
            }
        }
        return null;
    }

    /// <summary>The Compile items of <paramref name="files"/> (from <see cref="SourceFiles"/>) as they are written.</summary>
    public static IReadOnlyList<string> Includes(IEnumerable<string> files) => files.Select(f => f.Replace('/', '\\')).ToList();

    /// <summary>
    /// The project text with exactly <paramref name="includes"/> as its Compile items, in the ItemGroup that held
    /// them (every Compile item elsewhere moves there). With no Compile items yet, the first empty ItemGroup
    /// takes them, else a new ItemGroup after the NFProjectSystem.props import.
    /// </summary>
    public static string Rewrite(string text, IReadOnlyList<string> includes)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (CompileWithBody.IsMatch(TextFile.MaskComments(text)))
        {
            throw new SyncException("a <Compile> item with child elements is not supported; write it as <Compile Include=\"...\" />");
        }

        List<Match> groups = ItemGroups(text);
        Match target = groups.FirstOrDefault(g => Compile.IsMatch(g.Groups[2].Value))
            ?? groups.FirstOrDefault(g => g.Groups[2].Value.Trim().Length == 0);
        if (target == null)
        {
            Match anchor = PropsImport.Match(TextFile.MaskComments(text));
            if (!anchor.Success)
            {
                throw new SyncException("there is no ItemGroup for the Compile items and no NFProjectSystem.props import to add one after");
            }
            string anchorIndent = TextFile.IndentAt(text, anchor.Index);
            int end = anchor.Index + anchor.Length;
            text = text.Substring(0, end) + newline + anchorIndent + "<ItemGroup>" + newline + anchorIndent + "</ItemGroup>" + text.Substring(end);
            groups = ItemGroups(text);
            target = groups.First(g => g.Groups[2].Value.Trim().Length == 0);
        }

        if (CompileLine.Replace(target.Groups[2].Value, string.Empty).Trim().Length > 0)
        {
            throw new SyncException("the ItemGroup with the Compile items holds other items too; move those to their own ItemGroup");
        }

        string indent = TextFile.IndentAt(text, target.Index);
        string itemIndent = indent + "  ";
        StringBuilder result = new();
        int last = 0;
        foreach (Match group in groups)
        {
            string open = "<ItemGroup" + group.Groups[1].Value + ">";
            string replacement;
            if (group.Index == target.Index)
            {
                StringBuilder body = new();
                foreach (string include in includes)
                {
                    body.Append(itemIndent).Append("<Compile Include=\"").Append(include).Append("\" />").Append(newline);
                }
                replacement = open + newline + body + indent + "</ItemGroup>";
            }
            else if (Compile.IsMatch(group.Groups[2].Value))
            {
                string inner = text.Substring(group.Groups[2].Index, group.Groups[2].Length);
                replacement = open + CompileLine.Replace(inner, string.Empty) + "</ItemGroup>";
            }
            else
            {
                continue;
            }
            result.Append(text, last, group.Index - last).Append(replacement);
            last = group.Index + group.Length;
        }
        result.Append(text, last, text.Length - last);
        return result.ToString();
    }

    /// <summary>The ItemGroups of the comment-masked text; indices are indices into the text.</summary>
    private static List<Match> ItemGroups(string text) => ItemGroup.Matches(TextFile.MaskComments(text)).ToList();
}
