using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace DeviceFirmware.NfProj;

/// <summary>A file <see cref="ProjectSync"/> would write: its bytes before (null when it is new) and after, and what changed.</summary>
internal sealed record FileChange(string Path, byte[] Before, byte[] After, IReadOnlyList<string> What)
{
    public string Describe() => $"{Path} ({string.Join("; ", What)})";
}

/// <summary>
/// Writes the parts of the nanoFramework project files that follow from the files on disk and from
/// <see cref="NanoPackageGraph"/>, so that nobody writes them by hand:
/// <list type="bullet">
/// <item>the Compile items of each .nfproj (<see cref="CompileItems"/>);</item>
/// <item>each packages.config: every package the graph knows at its pinned version, plus every package the
/// project requires (<see cref="ProjectExpectation.RequiredPackages"/>) or that a listed or referenced package
/// depends on, transitively, unless the project may not use it;</item>
/// <item>each .nfproj's References to those packages' assemblies: the Include (assembly version) and the
/// HintPath (<c>…\packages\Id.Version\lib\…</c>) of every Reference to an assembly the graph knows, and a
/// Reference for every assembly of a listed package that has none.</item>
/// </list>
/// Nothing is removed (a package or Reference the project must not have is for a person to remove;
/// <see cref="ProjectChecker"/> says so), everything else is left byte for byte, and a second run changes nothing.
/// </summary>
internal static class ProjectSync
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly Regex ReferenceElement = new(
        """<Reference\s+Include="(?<include>[^"]*)"\s*(?:/>|>(?<body>.*?)</Reference>)""", Options | RegexOptions.Singleline);

    private static readonly Regex HintPathElement = new("""<HintPath>(?<hint>[^<]*)</HintPath>""", Options);

    private static readonly Regex PackageElement = new("""<package\s[^>]*>""", Options);

    private static readonly Regex Attribute = new(@"(?<name>[\w.:-]+)\s*=\s*""(?<value>[^""]*)""", Options);

    private static readonly Regex PackagesEnd = new("""</packages\s*>""", Options);

    private static readonly Regex TargetsImport = new("""<Import Project="\$\(NanoFrameworkProjectSystemPath\)NFProjectSystem\.CSharp\.targets"[^>]*/>""", Options);

    /// <summary>Every file of the checkout at <paramref name="root"/> that sync would change, with its new bytes.</summary>
    public static IReadOnlyList<FileChange> Plan(string root) =>
        ProjectExpectations.All.SelectMany(e => PlanProject(root, e)).ToList();

    /// <summary>Writes <see cref="Plan"/> and returns what it wrote.</summary>
    public static IReadOnlyList<FileChange> Apply(string root)
    {
        // Every project is planned before anything is written: a project sync cannot rewrite leaves all untouched.
        IReadOnlyList<FileChange> changes = Plan(root);
        foreach (FileChange change in changes)
        {
            File.WriteAllBytes(Full(root, change.Path), change.After);
        }
        return changes;
    }

    /// <summary>The changes to one project's .nfproj and packages.config (zero, one or two files).</summary>
    public static IReadOnlyList<FileChange> PlanProject(string root, ProjectExpectation expectation)
    {
        root = Path.GetFullPath(root);
        string projectPath = Full(root, expectation.Path);
        string configPath = Full(root, expectation.PackagesConfig);
        if (!File.Exists(projectPath))
        {
            throw new SyncException($"{expectation.Path} is missing: restore it from git.");
        }
        TextFile project = TextFile.Read(projectPath);
        TextFile config = File.Exists(configPath) ? TextFile.Read(configPath) : null;
        EnsureXml(expectation.Path, project.Text);
        if (config != null)
        {
            EnsureXml(expectation.PackagesConfig, config.Text);
        }

        string projectDirectory = Path.GetDirectoryName(projectPath);
        string packagesPrefix = Path.GetRelativePath(projectDirectory, Full(root, ProjectExpectations.PackagesFolder))
            .Replace(Path.DirectorySeparatorChar, '\\') + "\\";

        List<string> configWhat = new();
        string configText;
        try
        {
            configText = SyncPackages(expectation, config?.Text, ReferencedPackages(project.Text), project.NewLine, configWhat);
        }
        catch (SyncException e)
        {
            throw new SyncException($"{expectation.PackagesConfig}: {e.Message}");
        }
        Dictionary<string, string> listed = ListedPackages(configText);

        List<string> projectWhat = new();
        string projectText;
        try
        {
            projectText = CompileItems.Rewrite(project.Text, CompileItems.Items(expectation, root));
            if (projectText != project.Text)
            {
                projectWhat.Add("Compile items: every .cs file of the source folders on disk, sorted, with backslashes");
            }
            projectText = SyncReferences(expectation, projectText, listed, packagesPrefix, projectWhat);
        }
        catch (SyncException e)
        {
            throw new SyncException($"{expectation.Path}: {e.Message}");
        }

        List<FileChange> changes = new();
        if (projectText != project.Text)
        {
            changes.Add(new FileChange(expectation.Path, project.ToBytes(), project.With(projectText).ToBytes(), projectWhat));
        }
        if (config == null)
        {
            changes.Add(new FileChange(expectation.PackagesConfig, null, TextFile.New(configText).ToBytes(), configWhat));
        }
        else if (configText != config.Text)
        {
            changes.Add(new FileChange(expectation.PackagesConfig, config.ToBytes(), config.With(configText).ToBytes(), configWhat));
        }
        return changes;
    }

    /// <summary>Whether the project may list the package at all (it is neither forbidden nor outside the allowed set).</summary>
    public static bool MayUse(ProjectExpectation expectation, string id) =>
        !expectation.ForbiddenPackages.Contains(id, StringComparer.Ordinal)
        && (expectation.AllowedPackages == null || expectation.AllowedPackages.Contains(id, StringComparer.Ordinal));

    // ---------------------------------------------------------------- packages.config

    private static string SyncPackages(ProjectExpectation expectation, string text, IEnumerable<string> referenced, string newline, List<string> what)
    {
        if (text == null)
        {
            text = $"<?xml version=\"1.0\" encoding=\"utf-8\"?>{newline}<packages>{newline}</packages>{newline}";
        }
        else
        {
            newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        }

        // Versions: every package the graph knows, at its pinned version.
        StringBuilder result = new();
        int last = 0;
        List<string> pinned = new();
        string masked = TextFile.MaskComments(text);
        foreach (Match element in PackageElement.Matches(masked))
        {
            Dictionary<string, Group> attributes = Attributes(element);
            if (!attributes.TryGetValue("id", out Group id) || !attributes.TryGetValue("version", out Group version))
            {
                continue;
            }
            PackageRecord record = NanoPackageGraph.Pinned(id.Value);
            if (record == null || version.Value == record.Version)
            {
                continue;
            }
            int start = element.Index + version.Index;
            result.Append(text, last, start - last).Append(record.Version);
            last = start + version.Length;
            pinned.Add($"{record.Id} {version.Value} -> {record.Version}");
        }
        result.Append(text, last, text.Length - last);
        text = result.ToString();
        if (pinned.Count > 0)
        {
            what.Add("pinned versions: " + string.Join(", ", pinned));
        }

        // Packages: required, listed and referenced ones with everything they depend on, that the project may use.
        Dictionary<string, string> listed = ListedPackages(text);
        IEnumerable<string> roots = expectation.RequiredPackages.Concat(listed.Keys).Concat(referenced)
            .Where(id => NanoPackageGraph.Pinned(id) != null && MayUse(expectation, id));
        List<PackageRecord> missing = Closure(roots)
            .Where(p => MayUse(expectation, p.Id) && !listed.ContainsKey(p.Id))
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (missing.Count == 0)
        {
            return text;
        }
        what.Add("added " + string.Join(", ", missing.Select(p => p.Id + " " + p.Version)));

        masked = TextFile.MaskComments(text);
        List<(string Id, int Start)> entries = PackageElement.Matches(masked)
            .Select(m => (Id: Attributes(m).TryGetValue("id", out Group id) ? id.Value : string.Empty, Start: m.Index))
            .ToList();
        Match end = PackagesEnd.Match(masked);
        if (!end.Success)
        {
            throw new SyncException("there is no </packages> to add packages before; write <packages> and </packages> on lines of their own.");
        }
        string indent = entries.Count > 0 ? TextFile.IndentAt(text, entries[0].Start) : TextFile.IndentAt(text, end.Index) + "  ";
        List<(int Position, string Text)> insertions = new();
        foreach (PackageRecord package in missing)
        {
            string line = $"{indent}<package id=\"{package.Id}\" version=\"{package.Version}\" targetFramework=\"{NanoPackageGraph.TargetFramework}\"{(package.DevelopmentDependency ? " developmentDependency=\"true\"" : string.Empty)} />{newline}";
            (string Id, int Start) before = entries.FirstOrDefault(e => string.Compare(e.Id, package.Id, StringComparison.OrdinalIgnoreCase) > 0);
            int anchor = before.Id != null ? before.Start : end.Index;
            insertions.Add((anchor - TextFile.IndentAt(text, anchor).Length, line));
        }
        return Insert(text, insertions);
    }

    /// <summary>The packages a packages.config lists, by id (ignoring case, as NuGet does) with their versions.</summary>
    private static Dictionary<string, string> ListedPackages(string text)
    {
        Dictionary<string, string> listed = new(StringComparer.OrdinalIgnoreCase);
        foreach (Match element in PackageElement.Matches(TextFile.MaskComments(text)))
        {
            Dictionary<string, Group> attributes = Attributes(element);
            if (attributes.TryGetValue("id", out Group id))
            {
                listed.TryAdd(id.Value, attributes.TryGetValue("version", out Group version) ? version.Value : string.Empty);
            }
        }
        return listed;
    }

    /// <summary>The pinned records of <paramref name="roots"/> and, transitively, of their dependencies.</summary>
    private static List<PackageRecord> Closure(IEnumerable<string> roots)
    {
        List<PackageRecord> found = new();
        Queue<string> pending = new(roots);
        while (pending.Count > 0)
        {
            PackageRecord record = NanoPackageGraph.Pinned(pending.Dequeue());
            if (record == null || found.Contains(record))
            {
                continue;
            }
            found.Add(record);
            foreach (PackageDependency dependency in record.Dependencies)
            {
                pending.Enqueue(dependency.Id);
            }
        }
        return found;
    }

    private static Dictionary<string, Group> Attributes(Match element)
    {
        Dictionary<string, Group> attributes = new(StringComparer.Ordinal);
        foreach (Match attribute in Attribute.Matches(element.Value))
        {
            attributes.TryAdd(attribute.Groups["name"].Value, attribute.Groups["value"]);
        }
        return attributes;
    }

    // ---------------------------------------------------------------- References

    /// <summary>The ids of the packages that ship the assemblies the project references.</summary>
    private static IEnumerable<string> ReferencedPackages(string projectText) =>
        ReferenceElement.Matches(TextFile.MaskComments(projectText))
            .Select(m => NanoPackageGraph.ByAssemblyName(SimpleName(m.Groups["include"].Value))?.Package.Id)
            .Where(id => id != null)
            .ToList();

    private static string SyncReferences(ProjectExpectation expectation, string text, Dictionary<string, string> listed, string prefix, List<string> what)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string masked = TextFile.MaskComments(text);
        List<Match> references = ReferenceElement.Matches(masked).ToList();

        // Every Reference to an assembly the graph knows: the pinned assembly version and package folder.
        StringBuilder result = new();
        int last = 0;
        List<string> fixedNames = new();
        foreach (Match reference in references)
        {
            string include = reference.Groups["include"].Value;
            (PackageRecord Package, PackageAssembly Assembly)? known = NanoPackageGraph.ByAssemblyName(SimpleName(include));
            if (known == null)
            {
                continue;
            }
            string expectedInclude = NanoPackageGraph.FullName(known.Value.Assembly);
            string expectedHint = prefix + known.Value.Package.Folder + "\\" + known.Value.Assembly.LibPath;
            string element = text.Substring(reference.Index, reference.Length);
            string updated;
            if (!reference.Groups["body"].Success)
            {
                updated = ReferenceText(TextFile.IndentAt(text, reference.Index), expectedInclude, expectedHint, newline).TrimStart(' ', '\t').TrimEnd('\r', '\n');
            }
            else
            {
                // Matched in the comment-masked text, edited in the real one (same positions).
                string body = text.Substring(reference.Groups["body"].Index, reference.Groups["body"].Length);
                Match hint = HintPathElement.Match(reference.Groups["body"].Value);
                string newBody = !hint.Success
                    ? newline + TextFile.IndentAt(text, reference.Index) + "  <HintPath>" + expectedHint + "</HintPath>" + body
                    : hint.Groups["hint"].Value.Trim() == expectedHint
                        ? body
                        : body.Substring(0, hint.Groups["hint"].Index) + expectedHint + body.Substring(hint.Groups["hint"].Index + hint.Groups["hint"].Length);
                string newInclude = Normalize(include) == expectedInclude ? include : expectedInclude;
                int includeStart = reference.Groups["include"].Index - reference.Index;
                int bodyStart = reference.Groups["body"].Index - reference.Index;
                updated = element.Substring(0, includeStart) + newInclude
                    + element.Substring(includeStart + include.Length, bodyStart - includeStart - include.Length)
                    + newBody + element.Substring(bodyStart + body.Length);
            }
            if (updated == element)
            {
                continue;
            }
            result.Append(text, last, reference.Index - last).Append(updated);
            last = reference.Index + reference.Length;
            fixedNames.Add(known.Value.Assembly.Name);
        }
        result.Append(text, last, text.Length - last);
        text = result.ToString();
        if (fixedNames.Count > 0)
        {
            what.Add("References at the pinned versions: " + string.Join(", ", fixedNames));
        }

        // A Reference for every assembly of every listed package the project may use.
        masked = TextFile.MaskComments(text);
        references = ReferenceElement.Matches(masked).ToList();
        HashSet<string> names = new(references.Select(r => SimpleName(r.Groups["include"].Value)), StringComparer.OrdinalIgnoreCase);
        List<(PackageRecord Package, PackageAssembly Assembly)> missing = listed.Keys
            .Select(NanoPackageGraph.Pinned)
            .Where(p => p != null && MayUse(expectation, p.Id))
            .SelectMany(p => p.Assemblies.Select(a => (Package: p, Assembly: a)))
            .Where(x => !names.Contains(x.Assembly.Name))
            .OrderBy(x => x.Assembly.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (missing.Count == 0)
        {
            return text;
        }
        what.Add("added References to " + string.Join(", ", missing.Select(x => x.Assembly.Name)));

        List<(int Position, string Text)> insertions = new();
        if (references.Count == 0)
        {
            Match targets = TargetsImport.Match(masked);
            if (!targets.Success)
            {
                throw new SyncException("the project has no Reference and no NFProjectSystem.CSharp.targets import to add an ItemGroup of References before");
            }
            string indent = TextFile.IndentAt(text, targets.Index);
            StringBuilder group = new();
            group.Append(indent).Append("<ItemGroup>").Append(newline);
            foreach ((PackageRecord package, PackageAssembly assembly) in missing)
            {
                group.Append(ReferenceText(indent + "  ", NanoPackageGraph.FullName(assembly), prefix + package.Folder + "\\" + assembly.LibPath, newline));
            }
            group.Append(indent).Append("</ItemGroup>").Append(newline);
            insertions.Add((targets.Index - indent.Length, group.ToString()));
            return Insert(text, insertions);
        }

        // Into the ItemGroup of the first Reference, before the first Reference that sorts after it.
        int groupEnd = masked.IndexOf("</ItemGroup>", references[0].Index, StringComparison.Ordinal);
        List<Match> inGroup = references.Where(r => groupEnd < 0 || r.Index < groupEnd).ToList();
        string referenceIndent = TextFile.IndentAt(text, inGroup[0].Index);
        foreach ((PackageRecord package, PackageAssembly assembly) in missing)
        {
            string element = ReferenceText(referenceIndent, NanoPackageGraph.FullName(assembly), prefix + package.Folder + "\\" + assembly.LibPath, newline);
            Match before = inGroup.FirstOrDefault(r => string.Compare(SimpleName(r.Groups["include"].Value), assembly.Name, StringComparison.OrdinalIgnoreCase) > 0);
            if (before != null)
            {
                insertions.Add((before.Index - TextFile.IndentAt(text, before.Index).Length, element));
            }
            else
            {
                // After the last Reference of the group: on the next line.
                Match after = inGroup[^1];
                insertions.Add((after.Index + after.Length, newline + element.TrimEnd('\r', '\n')));
            }
        }
        return Insert(text, insertions);
    }

    private static string ReferenceText(string indent, string include, string hintPath, string newline) =>
        $"{indent}<Reference Include=\"{include}\">{newline}"
        + $"{indent}  <HintPath>{hintPath}</HintPath>{newline}"
        + $"{indent}  <Private>True</Private>{newline}"
        + $"{indent}</Reference>{newline}";

    private static string SimpleName(string include) => include.Split(',')[0].Trim();

    /// <summary>The Include with the spacing the checker compares by ("Name, Version=…, Culture=…, PublicKeyToken=…").</summary>
    public static string Normalize(string include) => string.Join(", ", include.Split(',').Select(p => p.Trim()));

    // ---------------------------------------------------------------- helpers

    /// <summary>Inserts the texts; several at one position keep their order.</summary>
    private static string Insert(string text, List<(int Position, string Text)> insertions)
    {
        StringBuilder result = new(text);
        foreach (IGrouping<int, (int Position, string Text)> at in insertions.GroupBy(i => i.Position).OrderByDescending(g => g.Key))
        {
            result.Insert(at.Key, string.Concat(at.Select(i => i.Text)));
        }
        return result.ToString();
    }

    private static void EnsureXml(string name, string text)
    {
        try
        {
            XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            throw new SyncException($"{name} is not readable XML ({e.Message}): fix it first.");
        }
    }

    private static string Full(string root, string relative) =>
        Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
}
