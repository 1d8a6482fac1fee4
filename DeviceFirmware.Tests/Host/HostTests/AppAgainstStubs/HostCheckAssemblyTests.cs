using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace DeviceFirmware.Tests.Host.AppAgainstStubs;

/// <summary>
/// Checks what DeviceFirmware.App.HostCheck proves: the firmware (DeviceFirmware/Core and
/// DeviceFirmware/App) compiled against the signature-only nanoFramework stubs and nothing else,
/// and uses no generics. A full allow-list of members lives in the Conformance tests.
/// </summary>
public sealed class HostCheckAssemblyTests
{
    /// <summary>Assemblies that would mean the build reached .NET instead of the stubs.</summary>
    private static readonly string[] DotNetAssemblies = { "System.Runtime", "netstandard", "System.Private.CoreLib", "System.Console", "System.Collections" };

    [Fact]
    public void HostCheckReferencesExactlyTheStubAssemblies()
    {
        string[] stubs = NanoStubsBuild.StubNames();
        string[] references = ReferencesOf(NanoStubsBuild.OutputOf(NanoStubsBuild.HostCheckName)).Keys
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        Assert.DoesNotContain(references, name => DotNetAssemblies.Contains(name));

        // Every reference is a stub, and every stub is used: a stub nothing needs any more goes.
        Assert.Equal(stubs, references);
    }

    [Fact]
    public void HostCheckReferencesTheStubVersions()
    {
        Dictionary<string, Version> references = ReferencesOf(NanoStubsBuild.OutputOf(NanoStubsBuild.HostCheckName));

        foreach (KeyValuePair<string, Version> reference in references)
        {
            Assert.Equal(VersionOf(NanoStubsBuild.OutputOf(reference.Key)), reference.Value);
        }
    }

    [Fact]
    public void HostCheckContainsCoreAndApplicationTypes()
    {
        using FileStream file = File.OpenRead(NanoStubsBuild.OutputOf(NanoStubsBuild.HostCheckName));
        using PEReader pe = new PEReader(file);
        MetadataReader reader = pe.GetMetadataReader();
        string[] types = reader.TypeDefinitions
            .Select(handle => reader.GetTypeDefinition(handle))
            .Select(type => reader.GetString(type.Namespace) + "." + reader.GetString(type.Name))
            .ToArray();

        // One type from each side, so an empty glob cannot pass unnoticed.
        Assert.Contains("DeviceFirmware.Settings.SettingsStore", types);
        Assert.Contains("DeviceFirmware.App.Program", types);
    }

    [Fact]
    public void HostCheckUsesNoGenerics()
    {
        using FileStream file = File.OpenRead(NanoStubsBuild.OutputOf(NanoStubsBuild.HostCheckName));
        using PEReader pe = new PEReader(file);

        Assert.Empty(GenericUseFinder.Find(pe.GetMetadataReader()));
    }

    [Fact]
    public void StubsReferenceOnlyOtherStubsAndDeclareNoGenerics()
    {
        string[] stubs = NanoStubsBuild.StubNames();
        foreach (string stub in stubs)
        {
            string path = NanoStubsBuild.OutputOf(stub);
            string[] references = ReferencesOf(path).Keys.ToArray();
            Assert.All(references, name => Assert.Contains(name, stubs));

            using FileStream file = File.OpenRead(path);
            using PEReader pe = new PEReader(file);
            Assert.Empty(GenericUseFinder.Find(pe.GetMetadataReader()));
        }

        // mscorlib is the root: it references nothing.
        Assert.Empty(ReferencesOf(NanoStubsBuild.OutputOf("mscorlib")));
    }

    private static Dictionary<string, Version> ReferencesOf(string path)
    {
        using FileStream file = File.OpenRead(path);
        using PEReader pe = new PEReader(file);
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .ToDictionary(reference => reader.GetString(reference.Name), reference => reference.Version);
    }

    private static Version VersionOf(string path)
    {
        using FileStream file = File.OpenRead(path);
        using PEReader pe = new PEReader(file);
        MetadataReader reader = pe.GetMetadataReader();
        return reader.GetAssemblyDefinition().Version;
    }
}
