using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// The nanoFramework.TestFramework allow-list is derived from the host mapping
/// (DeviceFirmware.Tests/Host/TestFramework), whose sources cite the real package files. This keeps
/// the two identical: a member added to the mapping must be added (with its citation) to the list.
/// </summary>
public sealed class TestFrameworkAllowListTests
{
    /// <summary>Public mapping types the shared tests must not name (not part of the cited API).</summary>
    private static readonly string[] MappingOnly = { "nanoFramework.TestFramework.AssertFailedException" };

    [Fact]
    public void TestFrameworkAllowListMatchesMapping()
    {
        AllowListFile file = AllowListFile.Load(ConformanceTargets.AllowListPath(ConformanceTargets.TestFramework));
        var listed = new SortedSet<string>(file.Entries.Select(e => e.Kind.ToString().ToLowerInvariant() + " " + e.Signature), StringComparer.Ordinal);
        SortedSet<string> mapping = PublicApi(ConformanceTargets.TestFrameworkMapping);

        var missing = mapping.Except(listed).ToList();
        var extra = listed.Except(mapping).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"in the mapping but not listed:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", missing)}{Environment.NewLine}"
            + $"listed but not in the mapping:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", extra)}");
    }

    private static SortedSet<string> PublicApi(string path)
    {
        var api = new SortedSet<string>(StringComparer.Ordinal);
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle th in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(th);
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility != TypeAttributes.Public && visibility != TypeAttributes.NestedPublic)
            {
                continue;
            }

            string typeName = MetadataNames.TypeName(md, th);
            if (MappingOnly.Contains(typeName))
            {
                continue;
            }

            api.Add("type " + typeName);
            foreach (MethodDefinitionHandle mh in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(mh);
                MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                if (access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem)
                {
                    MethodSignature<string> signature = method.DecodeSignature(new SignatureText(new SignatureFindings()), null);
                    api.Add("method " + MetadataNames.Method(typeName, md.GetString(method.Name), signature));
                }
            }

            foreach (FieldDefinitionHandle fh in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fh);
                FieldAttributes access = field.Attributes & FieldAttributes.FieldAccessMask;
                if (access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem)
                {
                    string fieldType = field.DecodeSignature(new SignatureText(new SignatureFindings()), null);
                    api.Add("field " + MetadataNames.Field(typeName, md.GetString(field.Name), fieldType));
                }
            }
        }

        return api;
    }
}
