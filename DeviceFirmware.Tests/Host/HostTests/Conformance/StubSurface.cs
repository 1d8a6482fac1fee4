using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>A NanoStubs stub assembly and the nanoFramework package and repository it mirrors.</summary>
/// <param name="Assembly">The assembly name (also the stub's folder under NanoStubs).</param>
/// <param name="Package">The NuGet package id that ships the real assembly.</param>
/// <param name="Repository">The nanoframework repository that builds it, <c>owner/name</c>.</param>
/// <param name="CitationRepository">The repository name the stub's citation comments use (<c>// m2mqtt:path</c>).</param>
internal sealed record StubPackage(string Assembly, string Package, string Repository, string CitationRepository);

/// <summary>One accessible type, method or field of a stub assembly and the file its declaration cites.</summary>
internal sealed record StubMember(AllowListEntryKind Kind, string Signature, string Citation, StubDeclaration Declaration, bool Implicit)
{
    /// <summary>The cited path without its <c>Repository:</c> prefix.</summary>
    public string CitedPath => Citation.Substring(Citation.IndexOf(':') + 1);

    public override string ToString() => Kind.ToString().ToLowerInvariant() + " " + Signature;
}

/// <summary>
/// The surface of one NanoStubs stub assembly: every accessible type, method and field its compiled
/// metadata declares, each with the citation of its source declaration. Derived, not written by
/// hand: the metadata says what the firmware can reference, the stub's source files say where each
/// declaration was read. Any metadata member without a cited source declaration, any source
/// declaration without a citation (or citing another repository than the stub's), and any source
/// declaration that is not in the metadata is an <see cref="Errors">error</see>.
/// </summary>
internal sealed class StubSurface
{
    private StubSurface(StubPackage package, string sourceDirectory)
    {
        Package = package;
        SourceDirectory = sourceDirectory;
    }

    public StubPackage Package { get; }

    public string SourceDirectory { get; }

    /// <summary>The compiled stub's assembly version.</summary>
    public Version Version { get; private set; }

    /// <summary>Accessible types, methods (accessors and constructors included) and non-enum fields.</summary>
    public List<StubMember> Members { get; } = new();

    /// <summary>Everything the stub's source files declare, as the scanner read it.</summary>
    public List<StubDeclaration> Declarations { get; } = new();

    /// <summary>Uncited, mis-cited, undeclared or unmatched declarations; empty when the stub is sound.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>"nanoFramework.System.IO.Ports 1.1.139" from the package id and the stub's assembly version.</summary>
    public string PackageVersion => $"{Package.Package} {Version.Major}.{Version.Minor}.{Version.Build}";

    /// <summary>Reads a compiled stub and the C# files of its source folder.</summary>
    public static StubSurface Read(StubPackage package, string assemblyPath, string sourceDirectory)
    {
        var surface = new StubSurface(package, sourceDirectory);
        foreach (string file in SourceFiles(sourceDirectory))
        {
            string display = Path.GetRelativePath(Path.GetDirectoryName(sourceDirectory) ?? sourceDirectory, file).Replace('\\', '/');
            try
            {
                surface.Declarations.AddRange(StubSource.Read(file, display));
            }
            catch (FormatException ex)
            {
                surface.Errors.Add(ex.Message);
            }
        }

        surface.ReadMetadata(assemblyPath);
        surface.CheckDeclarations();
        return surface;
    }

    /// <summary>The C# files of a stub project (not its build output).</summary>
    public static IEnumerable<string> SourceFiles(string sourceDirectory)
    {
        return Directory.GetFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(sourceDirectory, f, "bin") && !IsUnder(sourceDirectory, f, "obj"))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    /// <summary>
    /// The surface as an allow-list file (<c>derived-from</c> the stub folder, scoped to the stub's
    /// assembly), whose entries cite the files the stub's declarations cite.
    /// </summary>
    public AllowListFile ToAllowList()
    {
        string folder = "DeviceFirmware.Tests/Host/NanoStubs/" + Package.Assembly;
        AllowListFile file = AllowListFile.Derived(Package.Assembly + " (NanoStubs stub)", PackageVersion, Package.Repository, folder, new[] { Package.Assembly });
        foreach (StubMember member in Members)
        {
            string note = member.Implicit ? "implicit constructor: the cited type declares none" : null;
            file.Entries.Add(new AllowListEntry(member.Kind, member.Signature, null, member.CitedPath, note, file, member.Declaration.Line));
        }

        return file;
    }

    /// <summary>
    /// Where this stub and an independently researched allow-list disagree: each member must be a plain
    /// entry (type, method, field or delegate; not an alias, hostonly or lowering entry, which name
    /// .NET members) of the lists scoped to the stub's assembly, citing the same file of the same
    /// repository. Used for mscorlib against the CoreLibrary lists.
    /// </summary>
    public List<string> DisagreementsWith(AllowList list)
    {
        var problems = new List<string>();
        AllowList scoped = list.ForAssembly(Package.Assembly);
        foreach (StubMember member in Members)
        {
            string where = $"{member.Declaration.File}:{member.Declaration.Line}: {member}";
            AllowListEntry entry = member.Kind switch
            {
                AllowListEntryKind.Type => scoped.FindType(member.Signature),
                AllowListEntryKind.Method => scoped.FindMethod(member.Signature),
                _ => scoped.FindField(member.Signature),
            };

            if (entry == null)
            {
                problems.Add($"{where} (cited {member.CitedPath}) is not on the {scoped.Description} allow-list");
            }
            else if (entry.Kind is not (AllowListEntryKind.Type or AllowListEntryKind.Method or AllowListEntryKind.Field or AllowListEntryKind.Delegate))
            {
                problems.Add($"{where} matches only the {entry.Kind.ToString().ToLowerInvariant()} entry at {entry.File.Name}:{entry.Line}, which names a .NET member nanoFramework lacks");
            }
            else
            {
                int colon = entry.Citation.IndexOf(':');
                string repository = colon < 0 ? entry.File.Repository : entry.Citation.Substring(0, colon);
                string path = colon < 0 ? entry.Citation : entry.Citation.Substring(colon + 1);
                if (repository != Package.Repository || path != member.CitedPath)
                {
                    problems.Add($"{where}: the stub cites {Package.Repository}:{member.CitedPath}, {entry.File.Name}:{entry.Line} cites {repository}:{path}");
                }
            }
        }

        return problems;
    }

    private readonly HashSet<StubDeclaration> _matched = new();

    private void ReadMetadata(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        AssemblyDefinition assembly = md.GetAssemblyDefinition();
        Version = assembly.Version;
        string assemblyName = md.GetString(assembly.Name);
        if (assemblyName != Package.Assembly)
        {
            Errors.Add($"{assemblyPath} is assembly '{assemblyName}', expected '{Package.Assembly}'");
        }

        foreach (TypeDefinitionHandle th in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(th);
            string typeName = MetadataNames.TypeName(md, th);
            if (typeName == "<Module>")
            {
                continue;
            }

            StubDeclaration typeDeclaration = Find(d => d.Kind is StubDeclarationKind.Type or StubDeclarationKind.Delegate && d.TypeName == typeName);
            if (typeDeclaration == null)
            {
                Errors.Add($"{Package.Assembly}: type {typeName} has no declaration in {Package.Assembly}/*.cs");
                continue;
            }

            bool typeAccessible = IsAccessible(md, th);
            if (typeAccessible)
            {
                AddMember(AllowListEntryKind.Type, typeName, typeDeclaration, false);
            }

            string baseType = BaseTypeName(md, type);
            bool isDelegate = baseType == "System.MulticastDelegate";
            bool isEnum = baseType == "System.Enum";
            Dictionary<MethodDefinitionHandle, (string Name, bool IsEvent)> accessors = Accessors(md, type);

            foreach (MethodDefinitionHandle mh in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(mh);
                string name = md.GetString(method.Name);
                MethodSignature<string> signature = method.DecodeSignature(new SignatureText(new SignatureFindings()), null);
                string text = MetadataNames.Method(typeName, name, signature);
                List<string> parameters = signature.ParameterTypes.Select(StubSource.ShortTypeName).ToList();

                bool isImplicit = false;
                StubDeclaration declaration;
                if (isDelegate)
                {
                    declaration = typeDeclaration;
                }
                else if (accessors.TryGetValue(mh, out var owner))
                {
                    declaration = owner.IsEvent
                        ? Find(d => d.Kind == StubDeclarationKind.Event && d.TypeName == typeName && d.Name == owner.Name)
                        : Find(d => d.Kind == StubDeclarationKind.Property && d.TypeName == typeName && d.Name == owner.Name)
                          ?? Find(d => d.Kind == StubDeclarationKind.Indexer && d.TypeName == typeName && d.Name == owner.Name
                                       && (SameParameters(d.Parameters, parameters) || SameParameters(d.Parameters, parameters.Take(parameters.Count - 1).ToList())));
                }
                else if (name == ".cctor")
                {
                    // Compiler-generated from static field initialisers unless declared.
                    declaration = Find(d => d.Kind == StubDeclarationKind.StaticConstructor && d.TypeName == typeName);
                    if (declaration == null)
                    {
                        continue;
                    }
                }
                else if (name == ".ctor")
                {
                    declaration = Find(d => d.Kind == StubDeclarationKind.Constructor && d.TypeName == typeName && SameParameters(d.Parameters, parameters));
                    if (declaration == null && parameters.Count == 0 && !Declarations.Any(d => d.Kind == StubDeclarationKind.Constructor && d.TypeName == typeName))
                    {
                        // The compiler's default constructor; the real type has it too when the cited
                        // source declares no constructor either (NanoStubs/README.md, step 3).
                        declaration = typeDeclaration;
                        isImplicit = true;
                    }
                }
                else
                {
                    StubDeclarationKind kind = name.StartsWith("op_", StringComparison.Ordinal) ? StubDeclarationKind.Operator : StubDeclarationKind.Method;
                    declaration = Find(d => d.Kind == kind && d.TypeName == typeName && d.Name == name && SameParameters(d.Parameters, parameters));
                }

                if (declaration == null)
                {
                    Errors.Add($"{Package.Assembly}: method {text} has no declaration in {Package.Assembly}/*.cs with that name and those parameter types");
                    continue;
                }

                if (typeAccessible && IsAccessible(method.Attributes))
                {
                    AddMember(AllowListEntryKind.Method, text, declaration, isImplicit);
                }
            }

            foreach (FieldDefinitionHandle fh in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fh);
                string name = md.GetString(field.Name);
                if ((field.Attributes & FieldAttributes.RTSpecialName) != 0)
                {
                    continue; // an enum's value__
                }

                string text = MetadataNames.Field(typeName, name, field.DecodeSignature(new SignatureText(new SignatureFindings()), null));
                if (isEnum)
                {
                    // Enum values are cited once, at their type, unless they carry their own citation.
                    StubDeclaration value = Find(d => d.Kind == StubDeclarationKind.EnumValue && d.TypeName == typeName && d.Name == name);
                    if (value == null)
                    {
                        Errors.Add($"{Package.Assembly}: enum value {text} has no declaration in {Package.Assembly}/*.cs");
                    }

                    continue;
                }

                StubDeclaration declaration = Find(d => d.Kind == StubDeclarationKind.Field && d.TypeName == typeName && d.Name == name);
                if (declaration == null)
                {
                    Errors.Add($"{Package.Assembly}: field {text} has no declaration in {Package.Assembly}/*.cs");
                    continue;
                }

                if (typeAccessible && IsAccessible(field.Attributes))
                {
                    AddMember(AllowListEntryKind.Field, text, declaration, false);
                }
            }
        }
    }

    /// <summary>Every declaration cites a file of the stub's repository and matches a compiled member.</summary>
    private void CheckDeclarations()
    {
        foreach (StubDeclaration declaration in Declarations)
        {
            if (declaration.Kind == StubDeclarationKind.EnumValue)
            {
                // Cited at the enum type; an own citation must still name the right repository.
                if (declaration.Citation != null)
                {
                    CheckRepository(declaration, declaration.Citation);
                }

                continue;
            }

            if (declaration.Citation == null)
            {
                Errors.Add($"{declaration.File}:{declaration.Line}: {Describe(declaration)} has no citation: write '// {Package.CitationRepository}:<path of the file it was read in>' above it");
            }
            else
            {
                CheckRepository(declaration, declaration.Citation);
            }

            if (!_matched.Contains(declaration))
            {
                Errors.Add($"{declaration.File}:{declaration.Line}: {Describe(declaration)} is not in the compiled {Package.Assembly} (the stub scanner misread it)");
            }
        }
    }

    private void CheckRepository(StubDeclaration declaration, string citation)
    {
        string repository = citation.Substring(0, citation.IndexOf(':'));
        if (repository != Package.CitationRepository)
        {
            Errors.Add($"{declaration.File}:{declaration.Line}: {Describe(declaration)} cites '{citation}', but {Package.Assembly} is built from {Package.Repository} ('// {Package.CitationRepository}:<path>')");
        }
    }

    private void AddMember(AllowListEntryKind kind, string signature, StubDeclaration declaration, bool isImplicit)
    {
        _matched.Add(declaration);
        if (declaration.Citation == null)
        {
            return; // reported once, at the declaration
        }

        Members.Add(new StubMember(kind, signature, declaration.Citation, declaration, isImplicit));
    }

    private StubDeclaration Find(Func<StubDeclaration, bool> predicate)
    {
        StubDeclaration found = Declarations.FirstOrDefault(predicate);
        if (found != null)
        {
            _matched.Add(found);
        }

        return found;
    }

    private static string Describe(StubDeclaration declaration)
    {
        string what = declaration.Kind.ToString().ToLowerInvariant();
        string name = declaration.Kind is StubDeclarationKind.Type or StubDeclarationKind.Delegate
            ? declaration.TypeName
            : declaration.TypeName + "::" + declaration.Name;
        string parameters = declaration.Parameters == null ? string.Empty : "(" + string.Join(", ", declaration.Parameters) + ")";
        return what + " " + name + parameters;
    }

    private static bool SameParameters(IReadOnlyList<string> declared, IReadOnlyList<string> compiled)
    {
        return declared != null && declared.SequenceEqual(compiled, StringComparer.Ordinal);
    }

    private static Dictionary<MethodDefinitionHandle, (string Name, bool IsEvent)> Accessors(MetadataReader md, TypeDefinition type)
    {
        var accessors = new Dictionary<MethodDefinitionHandle, (string, bool)>();
        foreach (PropertyDefinitionHandle ph in type.GetProperties())
        {
            PropertyDefinition property = md.GetPropertyDefinition(ph);
            PropertyAccessors pa = property.GetAccessors();
            foreach (MethodDefinitionHandle m in new[] { pa.Getter, pa.Setter }.Where(m => !m.IsNil))
            {
                accessors[m] = (md.GetString(property.Name), false);
            }
        }

        foreach (EventDefinitionHandle eh in type.GetEvents())
        {
            EventDefinition ev = md.GetEventDefinition(eh);
            EventAccessors ea = ev.GetAccessors();
            foreach (MethodDefinitionHandle m in new[] { ea.Adder, ea.Remover, ea.Raiser }.Where(m => !m.IsNil))
            {
                accessors[m] = (md.GetString(ev.Name), true);
            }
        }

        return accessors;
    }

    private static string BaseTypeName(MetadataReader md, TypeDefinition type)
    {
        if (type.BaseType.IsNil)
        {
            return null;
        }

        return type.BaseType.Kind switch
        {
            HandleKind.TypeReference => MetadataNames.TypeName(md, (TypeReferenceHandle)type.BaseType),
            HandleKind.TypeDefinition => MetadataNames.TypeName(md, (TypeDefinitionHandle)type.BaseType),
            _ => null,
        };
    }

    private static bool IsAccessible(MetadataReader md, TypeDefinitionHandle handle)
    {
        for (TypeDefinition type = md.GetTypeDefinition(handle); ; type = md.GetTypeDefinition(type.GetDeclaringType()))
        {
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility is not (TypeAttributes.Public or TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem))
            {
                return false;
            }

            if (type.GetDeclaringType().IsNil)
            {
                return true;
            }
        }
    }

    private static bool IsAccessible(MethodAttributes attributes) =>
        (attributes & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool IsAccessible(FieldAttributes attributes) =>
        (attributes & FieldAttributes.FieldAccessMask) is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;

    private static bool IsUnder(string root, string file, string folder)
    {
        string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative.StartsWith(folder + "/", StringComparison.Ordinal) || relative.Contains("/" + folder + "/", StringComparison.Ordinal);
    }
}
