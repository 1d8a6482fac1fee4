using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// Proves the checker can fail: it is run on DeviceFirmware.ConformanceFixture, an assembly built
/// like the core that deliberately uses what nanoFramework 1.x lacks, and must report each case
/// at the class that contains it — and nothing at all in the class that uses only allowed API.
/// </summary>
public sealed class CheckerSelfTests
{
    private static readonly Lazy<ConformanceReport> Report = new(() => MetadataConformanceChecker.Check(
        ConformanceTargets.FixtureAssembly,
        ConformanceTargets.AllowListPaths(ConformanceTargets.CoreLibrary)));

    /// <summary>Fixture class, the violation kind expected there, and text its subject must contain.</summary>
    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "GenericList", ViolationKind.GenericInstantiation, "System.Collections.Generic.List`1<System.Int32>" },
        new object[] { "GenericList", ViolationKind.GenericInstantiation, "List`1<System.Int32>::Add(!0)" },
        new object[] { "FieldLikeEvent", ViolationKind.GenericInstantiation, "System.Threading.Interlocked::CompareExchange<System.EventHandler>" },
        new object[] { "MultiDimensionalArray", ViolationKind.MultidimensionalArray, "System.Int32[,]" },
        new object[] { "MultiDimensionalArray", ViolationKind.MultidimensionalArray, "System.Int32[,]::Set(" },
        new object[] { "EnumGetValues", ViolationKind.EnumReflection, "System.Enum::GetValues(System.Type)" },
        new object[] { "EnumIsDefined", ViolationKind.EnumReflection, "System.Enum::IsDefined(System.Type, System.Object)" },
        new object[] { "EnumGetNames", ViolationKind.EnumReflection, "System.Enum::GetNames(System.Type)" },
        new object[] { "StringJoinEnumerable", ViolationKind.GenericInstantiation, "System.Collections.Generic.IEnumerable`1<System.String>" },
        new object[] { "StringJoinArray", ViolationKind.MemberNotAllowed, "System.String::Join(" },
        new object[] { "ParamsWithoutArguments", ViolationKind.GenericInstantiation, "System.Array::Empty<System.Object>" },
        new object[] { "ExplicitSpan", ViolationKind.GenericInstantiation, "System.ReadOnlySpan`1<System.Char>" },
        new object[] { "ExplicitSpan", ViolationKind.GenericInstantiation, "System.ReadOnlySpan`1<System.Char>::get_Length()" },
        new object[] { "SpanArrayInitializer", ViolationKind.GenericInstantiation, "System.ReadOnlySpan`1<System.Byte>" },
        new object[] { "Stackalloc", ViolationKind.Stackalloc, "localloc" },
        new object[] { "Stackalloc", ViolationKind.Unsafe, "System.Byte*" },
        new object[] { "FunctionPointer", ViolationKind.Unsafe, "calli" },
        new object[] { "FunctionPointer", ViolationKind.Unsafe, "method System.Void *(System.Int32)" },
        new object[] { "AsyncMethod", ViolationKind.Async, "AsyncMethod::Later" },
        new object[] { "AsyncMethod", ViolationKind.GenericInstantiation, "System.Threading.Tasks.Task`1<System.Int32>" },
        new object[] { "Iterator", ViolationKind.Iterator, "Iterator::Items" },
        new object[] { "Iterator", ViolationKind.GenericInstantiation, "System.Collections.Generic.IEnumerator`1<System.Object>" },
        new object[] { "GenericBox", ViolationKind.GenericDefinition, "Fixture.Violations.GenericBox`1" },
        new object[] { "GenericMethod", ViolationKind.GenericDefinition, "Fixture.Violations.GenericMethod::Same" },
        new object[] { "NullableInt", ViolationKind.GenericInstantiation, "System.Nullable`1<System.Int32>" },
        new object[] { "UsesStringBuilder", ViolationKind.TypeNotAllowed, "System.Text.StringBuilder" },
        new object[] { "UsesMath", ViolationKind.MemberNotAllowed, "static System.Int32 System.Math::Max(System.Int32, System.Int32)" },
        new object[] { "UsesMath", ViolationKind.TypeNotAllowed, "System.Math" },
        new object[] { "WaitOneWithTimeout", ViolationKind.MemberNotAllowed, "System.Boolean System.Threading.WaitHandle::WaitOne(System.Int32)" },
        new object[] { "PInvoke", ViolationKind.PInvoke, "Fixture.Violations.PInvoke::getpid" },
        new object[] { "CatchOnly", ViolationKind.TypeNotAllowed, "System.IO.FileNotFoundException" },
        new object[] { "Tuple", ViolationKind.GenericInstantiation, "System.ValueTuple`2<System.Int32, System.Int32>" },
        new object[] { "VolatileField", ViolationKind.TypeNotAllowed, "System.Runtime.CompilerServices.IsVolatile" },
        new object[] { "RecordType", ViolationKind.GenericInstantiation, "System.Collections.Generic.EqualityComparer`1<System.Int32>" },
        new object[] { "GenericDelegate", ViolationKind.GenericInstantiation, "System.Func`1<System.Int32>" },
    };

    /// <summary>Each deliberate violation is reported, with a location inside its fixture class.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsViolation(string fixtureClass, ViolationKind kind, string subject)
    {
        string owner = "Fixture.Violations." + fixtureClass;
        List<Violation> matches = Report.Value.Violations
            .Where(v => v.Kind == kind && v.Subject.Contains(subject, StringComparison.Ordinal))
            .ToList();

        Assert.True(matches.Count > 0, $"no {kind} containing '{subject}'.{Environment.NewLine}{Report.Value.Format()}");
        Assert.True(
            matches.Any(v => v.Locations.Any(l => l.Contains(owner, StringComparison.Ordinal))),
            $"{kind} '{subject}' is not located in {owner}: {string.Join(" | ", matches)}");
    }

    /// <summary>Allowed code, including constructs the host compiler lowers differently, gives no violation.</summary>
    [Fact]
    public void CleanCodeHasNoViolations()
    {
        List<Violation> inClean = Report.Value.Violations
            .Where(v => v.Locations.Any(l => l.Contains("Fixture.Clean.", StringComparison.Ordinal)))
            .ToList();

        Assert.True(inClean.Count == 0, string.Join(Environment.NewLine, inClean));
    }

    /// <summary>Messages name the assembly, the full signature and the allow-list, and say where.</summary>
    [Fact]
    public void MessagesAreReadable()
    {
        Violation math = Report.Value.Violations.Single(v => v.Kind == ViolationKind.MemberNotAllowed && v.Subject.Contains("System.Math::Max", StringComparison.Ordinal));

        Assert.Equal(
            "DeviceFirmware.ConformanceFixture: static System.Int32 System.Math::Max(System.Int32, System.Int32) is not on the nanoFramework.CoreLibrary 1.17.11 allow-list"
            + " (System.Math is the separate nanoFramework.System.Math package, not part of CoreLibrary; compute it yourself)"
            + " [used in method Fixture.Violations.UsesMath::Larger]",
            math.ToString());
    }

    /// <summary>References into an assembly named as separately checked are accepted; generics never are.</summary>
    [Fact]
    public void ReferencesIntoCheckedProjectAssembliesAreAccepted()
    {
        string[] lists = ConformanceTargets.AllowListPaths(ConformanceTargets.CoreLibrary);
        ConformanceReport trusted = MetadataConformanceChecker.Check(ConformanceTargets.FixtureAssembly, lists, new[] { "System.Runtime" });

        Assert.Contains(Report.Value.Violations, v => v.Subject.Contains("System.Math::Max", StringComparison.Ordinal));
        Assert.DoesNotContain(trusted.Violations, v => v.Subject.Contains("System.Math::Max", StringComparison.Ordinal));
        Assert.Contains(trusted.Violations, v => v.Subject == "System.Collections.Generic.List`1<System.Int32>");
    }

    /// <summary>Malformed allow-list lines are rejected with their line number.</summary>
    [Theory]
    [InlineData("type System.String", "expected '<entry> | <cited source file>")]
    [InlineData("type System.String |  | a note", "cites its source")]
    [InlineData("method System.String System.String | String.cs", "a method is")]
    [InlineData("alias method System.Void A::B() => method System.Void A::C() | String.cs", "needs a note")]
    [InlineData("hostonly type X | String.cs", "needs a note")]
    [InlineData("class System.String | String.cs", "unknown entry kind")]
    public void RejectsMalformedAllowListLines(string line, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"allowlist-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "package P 1.0\nrepository o/r\n" + line + "\n");
        try
        {
            FormatException ex = Assert.Throws<FormatException>(() => AllowListFile.Load(path));
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains(":3:", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
