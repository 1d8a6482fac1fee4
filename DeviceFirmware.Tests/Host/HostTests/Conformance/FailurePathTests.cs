using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceFirmware.Tests.Host.AppAgainstStubs;
using Xunit;
using Xunit.Sdk;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// Proves that each conformance fact can fail, and says why in one readable line: the core's, the
/// shared tests' and the application's check run on their real assemblies with one allow-list
/// entry they rely on removed (the same as the code starting to use something nanoFramework
/// lacks). For the application the stub side is proven too: an uncited, mis-cited, undeclared or
/// uncompiled stub declaration stops the application's lists from being built, and a reference into
/// mscorlib is not accepted by a list that names another assembly.
/// </summary>
/// <remarks>
/// A fixture compiled against the stubs cannot reference a member the stubs do not declare: the
/// compiler refuses it (CS0117, CS1061, CS0246). Everything a stub declares is on a list, derived
/// from its cited declaration (or, for mscorlib, on the CoreLibrary list, by
/// <see cref="ConformanceTests.MscorlibStubIsOnTheCoreLibraryAllowList"/>). So the way the application
/// could reference something outside the cited declarations is a stub declaration without a
/// citation, or a stub whose sources and compiled metadata differ; those are what the stub cases
/// below introduce.
/// </remarks>
public sealed class FailurePathTests
{
    private const string Ports = "System.IO.Ports";
    private const string OpenCitation = "        // System.IO.Ports:System.IO.Ports/SerialPort.cs\n        public void Open() { throw null; }\n";

    /// <summary>Check, entry removed from its lists, the exact violation line the fact then prints.</summary>
    public static IEnumerable<object[]> Removals() => new[]
    {
        new object[]
        {
            "core", "method System.Void System.Object::.ctor()",
            "DeviceFirmware.Core: System.Void System.Object::.ctor() is not on the nanoFramework.CoreLibrary 1.17.11 allow-list [used in method DeviceFirmware.",
        },
        new object[]
        {
            "shared tests", "method static System.Void nanoFramework.TestFramework.Assert::IsTrue(System.Boolean, System.String)",
            "NFUnitTest: static System.Void nanoFramework.TestFramework.Assert::IsTrue(System.Boolean, System.String) is not on the nanoFramework.CoreLibrary 1.17.11 + nanoFramework.TestFramework 3.0.80 allow-list [used in method DeviceFirmware.",
        },
        new object[]
        {
            "application", "method System.Void System.IO.Ports.SerialPort::Open()",
            "DeviceFirmware.App.HostCheck: System.Void System.IO.Ports.SerialPort::Open() is not on the nanoFramework.System.IO.Ports 1.1.139 allow-list [used in method DeviceFirmware.App.Adapters.Esp32Uart::Open]",
        },
        new object[]
        {
            "application", "method static System.Void System.Console::WriteLine(System.String)",
            "DeviceFirmware.App.HostCheck: static System.Void System.Console::WriteLine(System.String) is not on the nanoFramework.CoreLibrary 1.17.11 allow-list"
                + " (the core logs through ILog, not Console; the application's Console.WriteLine is listed in nanoFramework.CoreLibrary.Application.txt)"
                + " [used in method DeviceFirmware.App.Adapters.ConsoleLog::Write]",
        },
    };

    [Theory]
    [MemberData(nameof(Removals))]
    public void EachFactFailsReadablyWhenItsAssemblyUsesSomethingOffItsLists(string target, string removed, string expected)
    {
        ConformanceReport report = target switch
        {
            "core" => ConformanceTargets.CheckCore(Without(ConformanceTargets.Load(ConformanceTargets.CoreLibrary), removed)),
            "shared tests" => ConformanceTargets.CheckSharedTests(Without(ConformanceTargets.Load(ConformanceTargets.CoreLibrary, ConformanceTargets.TestFramework), removed)),
            _ => ConformanceTargets.CheckApplication(Without(ConformanceTargets.ApplicationAllowList(), removed)),
        };

        XunitException failure = Assert.ThrowsAny<XunitException>(() => ConformanceTargets.AssertConforms(report));
        Assert.Single(report.Violations);
        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in:{Environment.NewLine}{failure.Message}");
    }

    /// <summary>
    /// References are judged by the lists of the assembly they point into: Console listed for another
    /// assembly does not allow the application's mscorlib Console. An assembly no list names (a host
    /// build's System.Runtime) is judged by all of them, as before.
    /// </summary>
    [Fact]
    public void AReferenceIntoMscorlibIsNotAllowedByTheListOfAnotherAssembly()
    {
        AllowList lists = ConformanceTargets.ApplicationAllowList();
        AllowListFile application = lists.Files.Single(f => f.Name == ConformanceTargets.CoreLibraryApplication);
        application.Assemblies.Clear();
        application.Assemblies.Add("nanoFramework.Runtime.Native");
        var moved = new AllowList(lists.Files);

        ConformanceReport report = ConformanceTargets.CheckApplication(moved);

        Assert.Contains(report.Violations, v => v.Kind == ViolationKind.MemberNotAllowed && v.Subject == "static System.Void System.Console::WriteLine(System.String)");
        Assert.Contains(report.Violations, v => v.Kind == ViolationKind.TypeNotAllowed && v.Subject == "System.Console"
            && v.Message.Contains("(assembly mscorlib) is not on the nanoFramework.CoreLibrary 1.17.11 allow-list", StringComparison.Ordinal));
        Assert.NotNull(moved.ForAssembly("nanoFramework.Runtime.Native").FindType("System.Console"));
        Assert.Same(moved, moved.ForAssembly("System.Runtime"));
    }

    /// <summary>The unchanged stub sources, copied elsewhere, derive the same surface without errors (the control case).</summary>
    [Fact]
    public void CopiedStubSourcesDeriveTheSameSurface()
    {
        StubSurface copy = PortsWith(text => text);

        Assert.Empty(copy.Errors);
        Assert.Equal(
            ConformanceTargets.StubFor(Ports).Members.Select(m => m + " | " + m.Citation),
            copy.Members.Select(m => m + " | " + m.Citation));
    }

    /// <summary>Each way a stub can fail to vouch for a member, with the message it gives.</summary>
    public static IEnumerable<object[]> StubDefects() => new[]
    {
        new object[]
        {
            "citation removed",
            OpenCitation, "        public void Open() { throw null; }\n",
            "System.IO.Ports/SerialPort.cs:25: method System.IO.Ports.SerialPort::Open() has no citation: write '// System.IO.Ports:<path of the file it was read in>' above it",
        },
        new object[]
        {
            "citation of another repository",
            OpenCitation, "        // CoreLibrary:nanoFramework.CoreLibrary/System/IO/Ports.cs\n        public void Open() { throw null; }\n",
            "System.IO.Ports/SerialPort.cs:26: method System.IO.Ports.SerialPort::Open() cites 'CoreLibrary:nanoFramework.CoreLibrary/System/IO/Ports.cs', but System.IO.Ports is built from nanoframework/System.IO.Ports ('// System.IO.Ports:<path>')",
        },
        new object[]
        {
            "compiled member without a declaration",
            OpenCitation, string.Empty,
            "System.IO.Ports: method System.Void System.IO.Ports.SerialPort::Open() has no declaration in System.IO.Ports/*.cs",
        },
        new object[]
        {
            "declaration that is not compiled",
            OpenCitation, OpenCitation + "\n        // System.IO.Ports:System.IO.Ports/SerialPort.cs\n        public void Close() { throw null; }\n",
            "System.IO.Ports/SerialPort.cs:29: method System.IO.Ports.SerialPort::Close() is not in the compiled System.IO.Ports",
        },
    };

    [Theory]
    [MemberData(nameof(StubDefects))]
    public void AStubThatCannotVouchForAMemberStopsTheApplicationCheck(string defect, string original, string replacement, string expected)
    {
        StubSurface ports = PortsWith(text =>
        {
            Assert.Contains(original, text, StringComparison.Ordinal);
            return text.Replace(original, replacement, StringComparison.Ordinal);
        });

        Assert.True(
            ports.Errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)),
            $"{defect}: expected '{expected}' in:{Environment.NewLine}{string.Join(Environment.NewLine, ports.Errors)}");

        IEnumerable<StubSurface> surfaces = ConformanceTargets.StubSurfaces.Select(s => s.Package.Assembly == Ports ? ports : s);
        var refused = Assert.Throws<InvalidOperationException>(() => ConformanceTargets.ApplicationAllowList(surfaces));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The cross-check reports a stub member missing from the CoreLibrary lists, a different cited file, and a match with a .NET-side entry only.</summary>
    [Fact]
    public void CrossCheckReportsEachDisagreementWithTheCoreLibraryList()
    {
        AllowList lists = ConformanceTargets.Load(ConformanceTargets.CoreLibrary, ConformanceTargets.CoreLibraryApplication);
        AllowListFile core = lists.Files.Single(f => f.Name == ConformanceTargets.CoreLibrary);
        AllowListFile application = lists.Files.Single(f => f.Name == ConformanceTargets.CoreLibraryApplication);

        application.Entries.RemoveAll(e => e.Signature == "static System.Void System.Console::WriteLine(System.String)");
        Replace(core, "System.AttributeTargets", e => new AllowListEntry(e.Kind, e.Signature, null, "nanoFramework.CoreLibrary/System/AttributeUsageAttribute.cs", e.Note, e.File, e.Line));
        Replace(core, "static System.Boolean System.String::op_Equality(System.String, System.String)", e => new AllowListEntry(
            AllowListEntryKind.Alias, e.Signature, "static System.Boolean System.String::Equals(System.String, System.String)", e.Citation, "test", e.File, e.Line));

        List<string> problems = ConformanceTargets.StubFor(ConformanceTargets.CoreLibraryAssembly).DisagreementsWith(new AllowList(lists.Files));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.EndsWith(
            "method static System.Void System.Console::WriteLine(System.String) (cited nanoFramework.CoreLibrary/System/Console.cs) is not on the nanoFramework.CoreLibrary 1.17.11 allow-list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(
            "type System.AttributeTargets: the stub cites nanoframework/CoreLibrary:nanoFramework.CoreLibrary/System/AttributeTargets.cs, nanoFramework.CoreLibrary.txt:", StringComparison.Ordinal)
            && p.EndsWith(" cites nanoframework/CoreLibrary:nanoFramework.CoreLibrary/System/AttributeUsageAttribute.cs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("String::op_Equality(System.String, System.String) matches only the alias entry", StringComparison.Ordinal));
    }

    /// <summary>The declaration scanner reads every construct the stubs use, with the citation above each.</summary>
    [Fact]
    public void ScannerReadsTheStubStyle()
    {
        const string text = @"using System.Runtime.CompilerServices;
namespace N.M
{
    // R:a/T.cs
    [Flags]
    public enum E
    {
        A = 1,

        // R:a/E.cs
        B = A | 2,
    }

    // R:a/C.cs
    public sealed class C : I, System.IDisposable
    {
        // R:a/C.cs (note ""{ not a brace }"")
        public C(string s, int n = 9600, E e = E.A) { throw null; }

        // R:a/C.cs
        public static bool operator ==(C a, C b) { throw null; }

        // R:a/C.cs
        [IndexerName(""Chars"")]
        public char this[int index] { get { throw null; } }

        // R:a/C.cs
        public event I.D Changed { add { throw null; } remove { throw null; } }

        // R:a/C.cs
        public static readonly C Empty = new C(""x"");

        public const long Min = unchecked((long)0x8000000000000000L);

        // R:a/C.cs
        public abstract long Length { get; }

        // R:a/C.cs
        public bool TryRead(out int value, ref byte[] buffer, params string[] rest) { throw null; }
    }

    // R:a/I.cs
    public interface I
    {
        // R:a/I.cs
        public delegate void D(object sender, System.EventArgs e);
    }
}
[assembly: System.Reflection.AssemblyVersion(""1.0.0.0"")]
";
        List<StubDeclaration> declarations = StubSource.Parse(text, "T.cs");
        string[] read = declarations.Select(d => $"{d.Kind} {d.TypeName} {d.Name} ({(d.Parameters == null ? "-" : string.Join(",", d.Parameters))}) {d.Citation ?? "uncited"}").ToArray();

        Assert.Equal(
            new[]
            {
                "Type N.M.E E (-) R:a/T.cs",
                "EnumValue N.M.E A (-) uncited",
                "EnumValue N.M.E B (-) R:a/E.cs",
                "Type N.M.C C (-) R:a/C.cs",
                "Constructor N.M.C .ctor (String,Int32,E) R:a/C.cs",
                "Operator N.M.C op_Equality (C,C) R:a/C.cs",
                "Indexer N.M.C Chars (Int32) R:a/C.cs",
                "Event N.M.C Changed (-) R:a/C.cs",
                "Field N.M.C Empty (-) R:a/C.cs",
                "Field N.M.C Min (-) uncited",
                "Property N.M.C Length (-) R:a/C.cs",
                "Method N.M.C TryRead (Int32&,Byte[]&,String[]) R:a/C.cs",
                "Type N.M.I I (-) R:a/I.cs",
                "Delegate N.M.I/D D (Object,EventArgs) R:a/I.cs",
            },
            read);
    }

    private static AllowList Without(AllowList lists, string entry)
    {
        int removed = lists.Files.Sum(f => f.Entries.RemoveAll(e => e.Kind.ToString().ToLowerInvariant() + " " + e.Signature == entry));
        Assert.Equal(1, removed);
        return new AllowList(lists.Files);
    }

    private static void Replace(AllowListFile file, string signature, Func<AllowListEntry, AllowListEntry> change)
    {
        int index = file.Entries.FindIndex(e => e.Signature == signature);
        Assert.True(index >= 0, signature);
        file.Entries[index] = change(file.Entries[index]);
    }

    /// <summary>The System.IO.Ports stub's sources, copied to a temporary folder and edited, read against its compiled assembly.</summary>
    private static StubSurface PortsWith(Func<string, string> editSerialPort)
    {
        string source = Path.Combine(NanoStubsBuild.SurfaceDirectory, Ports);
        string root = Path.Combine(Path.GetTempPath(), "stub-" + Guid.NewGuid().ToString("N"));
        string copy = Path.Combine(root, Ports);
        try
        {
            foreach (string file in StubSurface.SourceFiles(source))
            {
                string target = Path.Combine(copy, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                string text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
                File.WriteAllText(target, Path.GetFileName(file) == "SerialPort.cs" ? editSerialPort(text) : text);
            }

            StubPackage package = ConformanceTargets.StubPackages.Single(p => p.Assembly == Ports);
            return StubSurface.Read(package, NanoStubsBuild.OutputOf(Ports), copy);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
