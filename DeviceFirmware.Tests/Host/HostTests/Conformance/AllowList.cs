using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>What kind of thing an allow-list entry names.</summary>
internal enum AllowListEntryKind
{
    /// <summary><c>type Namespace.Name</c> (nested: <c>Outer/Inner</c>).</summary>
    Type,

    /// <summary><c>method [static ]Ret Type::Name(P1, P2)</c>.</summary>
    Method,

    /// <summary><c>field FieldType Type::Name</c>.</summary>
    Field,

    /// <summary>
    /// <c>delegate Ret Type(P1, P2)</c>: the type plus the members every C# delegate declaration
    /// gets, <c>.ctor(System.Object, System.IntPtr)</c> and <c>Invoke(P1, P2)</c>.
    /// </summary>
    Delegate,

    /// <summary>
    /// <c>alias &lt;host method&gt; =&gt; &lt;nanoFramework method&gt;</c>: the host compiler binds to a member
    /// nanoFramework lacks, while the nanoFramework build of the same source binds to the listed
    /// member, which must itself be on an allow-list.
    /// </summary>
    Alias,

    /// <summary>
    /// <c>hostonly type|method ...</c>: emitted by the host compiler only; the nanoFramework build does
    /// not emit it at all (the note says why).
    /// </summary>
    HostOnly,

    /// <summary>
    /// <c>lowering type|method ...</c>: a member the host compiler calls when it lowers a construct
    /// (string interpolation, string + char) that nanoFramework's build lowers to listed members
    /// instead. A lowering method is accepted only as a call target, together with the generic
    /// instantiations in its own signature and declaring type; the same types anywhere else (a
    /// field, parameter, local or return type of the checked code) are still violations.
    /// </summary>
    Lowering,
}

/// <summary>One line of an allow-list file.</summary>
internal sealed class AllowListEntry
{
    public AllowListEntry(AllowListEntryKind kind, string signature, string target, string citation, string note, AllowListFile file, int line)
    {
        Kind = kind;
        Signature = signature;
        Target = target;
        Citation = citation;
        Note = note;
        File = file;
        Line = line;
    }

    public AllowListEntryKind Kind { get; }

    /// <summary>The signature text (for an alias: the host side).</summary>
    public string Signature { get; }

    /// <summary>For an alias: the nanoFramework member (a <c>method ...</c> text) it maps to.</summary>
    public string Target { get; }

    /// <summary>Source file the entry was verified in, <c>path</c> or <c>owner/repo:path</c>.</summary>
    public string Citation { get; }

    /// <summary>Reasoning, required for alias and hostonly entries.</summary>
    public string Note { get; }

    public AllowListFile File { get; }

    public int Line { get; }

    public override string ToString() => $"{File.Name}:{Line}: {Kind} {Signature}";
}

/// <summary>
/// One allow-list file: the public surface of one nanoFramework package that firmware code may use.
/// Format: see README.md in this folder.
/// </summary>
internal sealed class AllowListFile
{
    private AllowListFile(string name)
    {
        Name = name;
    }

    /// <summary>File name, for messages.</summary>
    public string Name { get; }

    /// <summary>The <c>package</c> header: NuGet id and version, e.g. <c>nanoFramework.CoreLibrary 1.17.11</c>.</summary>
    public string Package { get; private set; }

    /// <summary>The <c>repository</c> header: where citations without an explicit repository point.</summary>
    public string Repository { get; private set; }

    /// <summary>
    /// The <c>derived-from</c> header: the project file or folder the list was derived from (whose own
    /// sources cite the package files), for lists not read from the package repository directly.
    /// </summary>
    public string DerivedFrom { get; private set; }

    /// <summary>
    /// The <c>assembly</c> headers: the nanoFramework assemblies the package ships (<c>mscorlib</c> for
    /// CoreLibrary). A reference into one of them is judged against the files that name it, and only
    /// those; a reference into an assembly no file names (the .NET assemblies of a host build) is
    /// judged against every file.
    /// </summary>
    public List<string> Assemblies { get; } = new();

    /// <summary>The <c>source</c> headers: cited path to the commit of the version that was read.</summary>
    public Dictionary<string, string> SourceVersions { get; } = new(StringComparer.Ordinal);

    public List<AllowListEntry> Entries { get; } = new();

    /// <summary>
    /// An in-memory list derived from a project that carries the citations itself (a NanoStubs
    /// stub); the caller adds the entries.
    /// </summary>
    public static AllowListFile Derived(string name, string package, string repository, string derivedFrom, IEnumerable<string> assemblies)
    {
        var file = new AllowListFile(name) { Package = package, Repository = repository, DerivedFrom = derivedFrom };
        file.Assemblies.AddRange(assemblies);
        return file;
    }

    /// <summary>Reads and validates a file; throws <see cref="FormatException"/> naming the line on any error.</summary>
    public static AllowListFile Load(string path)
    {
        var file = new AllowListFile(Path.GetFileName(path));
        string[] lines = System.IO.File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            file.ParseLine(lines[i], i + 1);
        }

        if (file.Package == null || file.Repository == null)
        {
            throw new FormatException($"{file.Name}: needs 'package <id> <version>' and 'repository <owner/name>' headers");
        }

        return file;
    }

    private void ParseLine(string raw, int line)
    {
        string text = raw.Trim();
        if (text.Length == 0 || text.StartsWith("#", StringComparison.Ordinal))
        {
            return;
        }

        string Fail(string why) => throw new FormatException($"{Name}:{line}: {why}: {raw}");

        if (text.StartsWith("package ", StringComparison.Ordinal))
        {
            Package = text.Substring("package ".Length).Trim();
            return;
        }

        if (text.StartsWith("repository ", StringComparison.Ordinal))
        {
            Repository = text.Substring("repository ".Length).Trim();
            return;
        }

        if (text.StartsWith("assembly ", StringComparison.Ordinal))
        {
            Assemblies.Add(text.Substring("assembly ".Length).Trim());
            return;
        }

        if (text.StartsWith("derived-from ", StringComparison.Ordinal))
        {
            DerivedFrom = text.Substring("derived-from ".Length).Trim();
            return;
        }

        if (text.StartsWith("source ", StringComparison.Ordinal))
        {
            string[] parts = text.Substring("source ".Length).Split(" @ ", StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length != 40)
            {
                Fail("expected 'source <path> @ <40-hex commit>'");
            }

            SourceVersions[parts[0]] = parts[1];
            return;
        }

        string[] fields = text.Split(" | ", StringSplitOptions.TrimEntries);
        if (fields.Length < 2 || fields.Length > 3)
        {
            Fail("expected '<entry> | <cited source file>[ | <note>]'");
        }

        string entry = fields[0];
        string citation = fields[1];
        string note = fields.Length == 3 ? fields[2] : null;
        if (citation.Length == 0)
        {
            Fail("every entry cites its source file");
        }

        int space = entry.IndexOf(' ');
        if (space < 0)
        {
            Fail("missing entry kind");
        }

        string keyword = entry.Substring(0, space);
        string rest = entry.Substring(space + 1).Trim();
        switch (keyword)
        {
            case "type":
                Entries.Add(new AllowListEntry(AllowListEntryKind.Type, rest, null, citation, note, this, line));
                break;
            case "method":
                if (!rest.Contains("::", StringComparison.Ordinal) || !rest.EndsWith(")", StringComparison.Ordinal))
                {
                    Fail("a method is '[static ]Ret Type::Name(P1, P2)'");
                }

                Entries.Add(new AllowListEntry(AllowListEntryKind.Method, rest, null, citation, note, this, line));
                break;
            case "field":
                if (!rest.Contains("::", StringComparison.Ordinal))
                {
                    Fail("a field is '[static ]FieldType Type::Name'");
                }

                // A field reference carries no static flag, so 'static' is documentation only.
                Entries.Add(new AllowListEntry(AllowListEntryKind.Field, StripStatic(rest), null, citation, note, this, line));
                break;
            case "delegate":
                Entries.Add(new AllowListEntry(AllowListEntryKind.Delegate, rest, null, citation, note, this, line));
                break;
            case "alias":
            {
                string[] sides = rest.Split(" => ", StringSplitOptions.TrimEntries);
                if (sides.Length != 2 || !sides[0].StartsWith("method ", StringComparison.Ordinal) || !sides[1].StartsWith("method ", StringComparison.Ordinal))
                {
                    Fail("an alias is 'alias method <host> => method <nanoFramework>'");
                }

                if (string.IsNullOrEmpty(note))
                {
                    Fail("an alias needs a note saying why the nanoFramework build binds differently");
                }

                Entries.Add(new AllowListEntry(AllowListEntryKind.Alias, sides[0].Substring("method ".Length), sides[1].Substring("method ".Length), citation, note, this, line));
                break;
            }

            case "hostonly":
            case "lowering":
                if (string.IsNullOrEmpty(note))
                {
                    Fail($"a {keyword} entry needs a note saying what the nanoFramework build emits instead");
                }

                if (!rest.StartsWith("type ", StringComparison.Ordinal) && !rest.StartsWith("method ", StringComparison.Ordinal))
                {
                    Fail($"{keyword} takes 'type ...' or 'method ...'");
                }

                Entries.Add(new AllowListEntry(keyword == "hostonly" ? AllowListEntryKind.HostOnly : AllowListEntryKind.Lowering, rest, null, citation, note, this, line));
                break;
            default:
                Fail("unknown entry kind '" + keyword + "'");
                break;
        }
    }

    private static string StripStatic(string text) => text.StartsWith("static ", StringComparison.Ordinal) ? text.Substring("static ".Length) : text;
}

/// <summary>
/// Several allow-list files combined (one per nanoFramework package an assembly references).
/// Answers whether a type, method or field may be referenced, and which entry allows it.
/// </summary>
internal sealed class AllowList
{
    private readonly Dictionary<string, AllowListEntry> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AllowListEntry> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AllowListEntry> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AllowListEntry> _lowerings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AllowList> _scoped = new(StringComparer.Ordinal);

    public AllowList(IEnumerable<AllowListFile> files)
    {
        Files = files.ToList();
        foreach (AllowListEntry entry in Files.SelectMany(f => f.Entries))
        {
            switch (entry.Kind)
            {
                case AllowListEntryKind.Type:
                    _types.TryAdd(entry.Signature, entry);
                    break;
                case AllowListEntryKind.Method:
                    _methods.TryAdd(entry.Signature, entry);
                    break;
                case AllowListEntryKind.Field:
                    _fields.TryAdd(entry.Signature, entry);
                    break;
                case AllowListEntryKind.Delegate:
                    AddDelegate(entry);
                    break;
                case AllowListEntryKind.Alias:
                    _methods.TryAdd(entry.Signature, entry);
                    break;
                case AllowListEntryKind.HostOnly:
                    if (entry.Signature.StartsWith("type ", StringComparison.Ordinal))
                    {
                        _types.TryAdd(entry.Signature.Substring("type ".Length), entry);
                    }
                    else
                    {
                        _methods.TryAdd(entry.Signature.Substring("method ".Length), entry);
                    }

                    break;
                case AllowListEntryKind.Lowering:
                    if (entry.Signature.StartsWith("type ", StringComparison.Ordinal))
                    {
                        _types.TryAdd(entry.Signature.Substring("type ".Length), entry);
                    }
                    else
                    {
                        _lowerings.TryAdd(entry.Signature.Substring("method ".Length), entry);
                    }

                    break;
            }
        }
    }

    public IReadOnlyList<AllowListFile> Files { get; }

    /// <summary>"nanoFramework.CoreLibrary 1.17.11" or "nanoFramework.CoreLibrary 1.17.11 + ..." for messages.</summary>
    public string Description => string.Join(" + ", Files.Select(f => f.Package).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// The lists that judge a reference into <paramref name="assembly"/>: the files whose
    /// <c>assembly</c> headers name it, or all files when none does (a host build's .NET assemblies).
    /// </summary>
    public AllowList ForAssembly(string assembly)
    {
        if (assembly == null)
        {
            return this;
        }

        lock (_scoped)
        {
            if (!_scoped.TryGetValue(assembly, out AllowList scoped))
            {
                List<AllowListFile> files = Files.Where(f => f.Assemblies.Contains(assembly, StringComparer.Ordinal)).ToList();
                scoped = files.Count == 0 || files.Count == Files.Count ? this : new AllowList(files);
                _scoped[assembly] = scoped;
            }

            return scoped;
        }
    }

    /// <summary>True when some file's <c>assembly</c> header names <paramref name="assembly"/>.</summary>
    public bool Covers(string assembly) => Files.Any(f => f.Assemblies.Contains(assembly, StringComparer.Ordinal));

    public AllowListEntry FindType(string fullName) => _types.TryGetValue(fullName, out AllowListEntry e) ? e : null;

    public AllowListEntry FindMethod(string signature) => _methods.TryGetValue(signature, out AllowListEntry e) ? e : null;

    public AllowListEntry FindField(string signature) => _fields.TryGetValue(signature, out AllowListEntry e) ? e : null;

    /// <summary>A compiler-lowering call target (see <see cref="AllowListEntryKind.Lowering"/>).</summary>
    public AllowListEntry FindLowering(string methodSignature) => _lowerings.TryGetValue(methodSignature, out AllowListEntry e) ? e : null;

    /// <summary>
    /// Problems inside the combined lists: aliases whose nanoFramework side is not listed, and
    /// members whose declaring type is not listed.
    /// </summary>
    public IEnumerable<string> ConsistencyErrors()
    {
        foreach (AllowListEntry entry in Files.SelectMany(f => f.Entries))
        {
            if (entry.Kind == AllowListEntryKind.Alias && FindMethod(entry.Target)?.Kind != AllowListEntryKind.Method)
            {
                yield return $"{entry}: alias target '{entry.Target}' is not a listed method";
            }

            if (entry.Kind is AllowListEntryKind.Method or AllowListEntryKind.Field or AllowListEntryKind.Alias)
            {
                string declaring = DeclaringType(entry.Signature);
                if (FindType(declaring) == null)
                {
                    yield return $"{entry}: declaring type '{declaring}' is not listed";
                }
            }
        }
    }

    /// <summary>The declaring type of a method or field text (<c>... Type::Name...</c>).</summary>
    public static string DeclaringType(string memberSignature)
    {
        int colons = memberSignature.IndexOf("::", StringComparison.Ordinal);
        string left = memberSignature.Substring(0, colons);
        int paren = left.LastIndexOf(' ');
        return left.Substring(paren + 1);
    }

    private void AddDelegate(AllowListEntry entry)
    {
        // "Ret Type(P1, P2)" -> type entry, .ctor(Object, IntPtr), Invoke(P1, P2)
        string text = entry.Signature;
        int open = text.IndexOf('(');
        string head = text.Substring(0, open);
        string parameters = text.Substring(open);
        int space = head.LastIndexOf(' ');
        string returnType = head.Substring(0, space);
        string type = head.Substring(space + 1);
        _types.TryAdd(type, entry);
        _methods.TryAdd("System.Void " + type + "::.ctor(System.Object, System.IntPtr)", entry);
        _methods.TryAdd(returnType + " " + type + "::Invoke" + parameters, entry);
    }
}
