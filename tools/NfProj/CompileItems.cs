using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DeviceFirmware.NfProj;

/// <summary>
/// One Compile item as sync writes it: <c>&lt;Compile Include="Sub\File.cs" /&gt;</c> for a file under the
/// project folder, <c>&lt;Compile Include="..\Sub\File.cs" Link="Sub\File.cs" /&gt;</c> for a file outside it
/// (the Link, the Include without its leading <c>..\</c>, is where Visual Studio shows the file, as in
/// nanoframework/CoreLibrary nanoFramework.CoreLibrary.NoReflection/CoreLibrary.NoReflection.nfproj).
/// </summary>
internal sealed record CompileItem(string Include, string Link)
{
    public string ToXml() => Link == null
        ? $"<Compile Include=\"{Include}\" />"
        : $"<Compile Include=\"{Include}\" Link=\"{Link}\" />";
}

/// <summary>
/// The Compile rule, once. Classic .nfproj files list every source file explicitly (the nanoFramework
/// project system has no globs), so a new .cs file is not built for the device until it is listed. A project
/// compiles every .cs file under its <see cref="ProjectExpectation.SourceFolders"/> (relative to the
/// repository) except those under bin/ or obj/ (at any depth). They are listed with paths relative to the
/// project folder and backslashes as Visual Studio writes them (<see cref="CompileItem"/>), sorted
/// case-insensitively (ordinal on the upper-cased Include, then ordinal), in the one ItemGroup that holds the
/// Compile items and nothing else. <see cref="Rewrite"/> leaves everything outside that ItemGroup byte for
/// byte, and applied to its own output changes nothing.
/// </summary>
internal static class CompileItems
{
    public static readonly string[] AlwaysExcludedFolders = { "bin", "obj" };

    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const string ItemPattern = """<Compile\s+Include="[^"]*"(\s+Link="[^"]*")?\s*/>""";
    private static readonly Regex Compile = new(ItemPattern, Options);
    private static readonly Regex CompileWithBody = new("""<Compile\s+Include="[^"]*"(\s+[\w.:-]+="[^"]*")*\s*>""", Options);
    private static readonly Regex CompileLine = new("[ \t]*" + ItemPattern + "[ \t]*(\r?\n)?", Options);
    private static readonly Regex ItemGroup = new("""<ItemGroup(\s[^>]*)?>(.*?)</ItemGroup>""", Options | RegexOptions.Singleline);
    private static readonly Regex PropsImport = new("""<Import Project="\$\(NanoFrameworkProjectSystemPath\)NFProjectSystem\.props"[^>]*/>""", Options);

    /// <summary>The order the Compile items are written in: ordinal on the upper-cased path, then ordinal.</summary>
    public static readonly Comparer<string> Order = Comparer<string>.Create((a, b) =>
    {
        int byUpper = string.CompareOrdinal(a.ToUpperInvariant(), b.ToUpperInvariant());
        return byUpper != 0 ? byUpper : string.CompareOrdinal(a, b);
    });

    /// <summary>
    /// Every .cs file the project must compile, relative to the repository root <paramref name="root"/>, with
    /// '/', each once (whatever the folders), in the order of their Compile items. A source folder that does
    /// not exist adds nothing (the checker reports it).
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(ProjectExpectation expectation, string root)
    {
        HashSet<string> found = new(StringComparer.Ordinal);
        foreach (string folder in expectation.SourceFolders)
        {
            string full = Path.Combine(root, folder.Replace('/', Path.DirectorySeparatorChar));
            if (Directory.Exists(full))
            {
                Walk(full, folder.TrimEnd('/') + "/", found);
            }
        }
        // Sorted as written, with backslashes: '\' and '/' sort differently against digits and letters.
        return found.OrderBy(f => IncludeOf(expectation, f), Order).ToList();
    }

    /// <summary>Every .cs file under <paramref name="folder"/> (relative to the root, with '/') except under bin/ and obj/.</summary>
    public static IReadOnlyList<string> FilesUnder(string root, string folder, params string[] excludedFolders)
    {
        HashSet<string> found = new(StringComparer.Ordinal);
        string full = Path.Combine(root, folder.Replace('/', Path.DirectorySeparatorChar));
        if (Directory.Exists(full))
        {
            Walk(full, folder.TrimEnd('/') + "/", found, excludedFolders);
        }
        return found.OrderBy(f => f, Order).ToList();
    }

    private static void Walk(string directory, string prefix, HashSet<string> found, string[] excludedFolders = null)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith(".cs", StringComparison.Ordinal))
            {
                found.Add(prefix + name);
            }
        }
        foreach (string sub in Directory.EnumerateDirectories(directory))
        {
            string subName = Path.GetFileName(sub);
            string relative = prefix + subName;
            if (AlwaysExcludedFolders.Contains(subName, StringComparer.Ordinal)
                || (excludedFolders != null && excludedFolders.Contains(relative, StringComparer.Ordinal)))
            {
                continue;
            }
            Walk(sub, relative + "/", found, excludedFolders);
        }
    }

    /// <summary>
    /// The source folder of the project that holds <paramref name="file"/> (relative to the root, with '/'), or
    /// null when the file is in none of them or under a bin/ or obj/ folder below one.
    /// </summary>
    public static string SourceFolderOf(ProjectExpectation expectation, string file)
    {
        foreach (string folder in expectation.SourceFolders)
        {
            string prefix = folder.TrimEnd('/') + "/";
            if (file.StartsWith(prefix, StringComparison.Ordinal))
            {
                string[] below = file.Substring(prefix.Length).Split('/');
                bool generated = below.Take(below.Length - 1).Any(p => AlwaysExcludedFolders.Contains(p, StringComparer.Ordinal));
                return generated ? null : folder;
            }
        }
        return null;
    }

    /// <summary>The Include of <paramref name="file"/> (relative to the root, with '/'): relative to the project folder, with backslashes.</summary>
    public static string IncludeOf(ProjectExpectation expectation, string file)
    {
        string[] from = expectation.Folder.Split('/');
        string[] to = file.Split('/');
        int common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }
        return string.Concat(Enumerable.Repeat("..\\", from.Length - common)) + string.Join("\\", to.Skip(common));
    }

    /// <summary>The Compile item of <paramref name="file"/>: with a Link when the file is outside the project folder.</summary>
    public static CompileItem ItemOf(ProjectExpectation expectation, string file)
    {
        string include = IncludeOf(expectation, file);
        string link = include;
        while (link.StartsWith("..\\", StringComparison.Ordinal))
        {
            link = link.Substring(3);
        }
        return new CompileItem(include, link == include ? null : link);
    }

    /// <summary>The Compile items the project must have, in the order they are written.</summary>
    public static IReadOnlyList<CompileItem> Items(ProjectExpectation expectation, string root) =>
        SourceFiles(expectation, root).Select(f => ItemOf(expectation, f)).ToList();

    /// <summary>
    /// The project text with exactly <paramref name="items"/> as its Compile items, in the ItemGroup that held
    /// them (every Compile item elsewhere moves there). With no Compile items yet, the first empty ItemGroup
    /// takes them, else a new ItemGroup after the NFProjectSystem.props import.
    /// </summary>
    public static string Rewrite(string text, IReadOnlyList<CompileItem> items)
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
                foreach (CompileItem item in items)
                {
                    body.Append(itemIndent).Append(item.ToXml()).Append(newline);
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
