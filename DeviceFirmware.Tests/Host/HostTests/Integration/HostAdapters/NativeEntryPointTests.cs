using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Mqtt.Native;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>
/// Every DllImport in DeviceFirmware.Host and in the test infrastructure resolves: the library loads (by the same probing
/// rules the runtime uses for the import) and exports the entry point. A typo would otherwise only
/// surface as EntryPointNotFoundException on the first call, possibly on a rare path.
/// </summary>
public sealed class NativeEntryPointTests
{
    /// <summary>Every DllImport of DeviceFirmware.Host and DeviceFirmware.Tests.Infrastructure: library, entry point, declaring type.</summary>
    public static IEnumerable<object[]> Imports()
    {
        Assembly[] assemblies = { typeof(PahoMqttTransport).Assembly, typeof(DeviceFirmware.Tests.Infrastructure.Mosquitto.MosquittoProcess).Assembly };
        foreach (Type type in assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                DllImportAttribute import = method.GetCustomAttribute<DllImportAttribute>();
                if (import != null)
                {
                    yield return new object[] { import.Value, import.EntryPoint ?? method.Name, type.FullName };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Imports))]
    public void Entry_point_exists_in_its_library(string library, string entryPoint, string declaredIn)
    {
        Assembly assembly = typeof(PahoMqttTransport).Assembly;
        Assert.True(NativeLibrary.TryLoad(library, assembly, null, out IntPtr handle), $"{library} (used by {declaredIn}) does not load");
        Assert.True(NativeLibrary.TryGetExport(handle, entryPoint, out _), $"{library} has no export {entryPoint} (declared in {declaredIn})");
    }

    [Fact]
    public void Both_Paho_builds_declare_the_same_entry_points_and_each_names_its_own_library()
    {
        string[] Names(Type t) => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<DllImportAttribute>() != null).Select(m => m.Name).Order().ToArray();

        Type plain = PahoLibrary.Plain.ImportsType;
        Type tls = PahoLibrary.Tls.ImportsType;
        Assert.Equal(Names(plain), Names(tls));
        Assert.NotEmpty(Names(plain));
        Assert.All(plain.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly), m => Assert.Equal(PahoLibrary.PlainFileName, m.GetCustomAttribute<DllImportAttribute>()?.Value ?? PahoLibrary.PlainFileName));
        Assert.All(tls.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly), m => Assert.Equal(PahoLibrary.TlsFileName, m.GetCustomAttribute<DllImportAttribute>()?.Value ?? PahoLibrary.TlsFileName));
    }

    [Fact]
    public void Strerror_answers_from_both_builds()
    {
        Assert.False(string.IsNullOrEmpty(PahoLibrary.Plain.StrError(PahoConstants.Disconnected)));
        Assert.False(string.IsNullOrEmpty(PahoLibrary.Tls.StrError(PahoConstants.Disconnected)));
    }
}
