using System;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// Explanations appended to a violation when its subject shows a known cause, mostly constructs the
/// host compiler emits behind the source's back.
/// </summary>
internal static class Hints
{
    private static readonly (string Needle, string Hint)[] Table =
    {
        ("System.Threading.Interlocked::CompareExchange<", "a field-like event compiles to Interlocked.CompareExchange<T> on .NET; use a listener interface"),
        ("System.Array::Empty", "the host compiler passes Array.Empty<T>() to a params parameter called with no arguments; pass an explicit array"),
        ("System.ReadOnlySpan`1", "spans exist only on .NET; the compiler's own string + char lowering is accepted, spans in the code (locals, parameters, constant array data, span overloads) are not"),
        ("System.Span`1", "span overloads exist only on .NET; use arrays with offset and count"),
        ("System.Collections.Generic.IEnumerable`1", "generic enumerables (iterators, string.Join over IEnumerable, LINQ) do not exist; use arrays"),
        ("System.Collections.Generic.EqualityComparer`1", "the compiler used a generic equality comparer (records, tuples, anonymous types); compare explicitly"),
        ("System.Collections.Generic.", "generic collections do not exist; use arrays or System.Collections.ArrayList"),
        ("System.Nullable`1", "nullable value types (int?) are generic; use a flag or a sentinel value"),
        ("System.ValueTuple", "tuples are generic; use a small class or struct"),
        ("System.Func`", "generic delegates are not usable on nanoFramework 1.x; declare a non-generic delegate or an interface"),
        ("System.Action`", "generic delegates are not usable on nanoFramework 1.x; declare a non-generic delegate or an interface"),
        ("System.Math", "System.Math is the separate nanoFramework.System.Math package, not part of CoreLibrary; compute it yourself"),
        ("System.Text.StringBuilder", "StringBuilder is in nanoFramework.System.Text, not CoreLibrary"),
        ("System.Text.Encoding", "Encoding is in nanoFramework.System.Text, not CoreLibrary; convert bytes yourself"),
        ("System.Runtime.CompilerServices.IsVolatile", "volatile fields need IsVolatile, which nanoFramework's mscorlib lacks; use lock or Interlocked"),
        ("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", "an interpolated-string handler member that is not part of the recognised $\"...\" lowering (nanoFramework formats with string.Format)"),
        ("System.Runtime.CompilerServices.IsReadOnlyAttribute", "in / ref readonly / readonly struct make the compiler synthesise IsReadOnlyAttribute; avoid them in firmware code"),
        ("System.Threading.Tasks", "no Task or async/await on nanoFramework 1.x"),
        ("System.Linq", "no LINQ on nanoFramework"),
        ("System.Console", "the core logs through ILog, not Console; the application's Console.WriteLine is listed in nanoFramework.CoreLibrary.Application.txt"),
        ("System.Diagnostics.Debug", "the core logs through ILog, not Debug"),
        ("System.Environment", "Environment is in nanoFramework.Runtime.Native; the core takes time from IClock"),
        ("System.Threading.Monitor::Enter", "nanoFramework's Monitor has only Enter(object) and Exit(object)"),
        ("System.Threading.WaitHandle::WaitOne(System.Int32)", "nanoFramework's WaitHandle has WaitOne() and WaitOne(int millisecondsTimeout, bool exitContext)"),
    };

    /// <summary>" (hint)" for the first matching known cause, or an empty string.</summary>
    public static string For(string subject)
    {
        foreach ((string needle, string hint) in Table)
        {
            if (subject.Contains(needle, StringComparison.Ordinal))
            {
                return " (" + hint + ")";
            }
        }

        return string.Empty;
    }
}
