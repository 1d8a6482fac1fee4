using System.Collections.Generic;
using System.Diagnostics;

namespace DeviceFirmware.Tests.Infrastructure.Processes;

/// <summary>
/// How the tests and the benchmarks start the built tools (simulator, mmsctl) as a user does:
/// <c>dotnet TOOL.dll ARGS</c> from the caller's output folder, every stream redirected
/// (<c>dotnet run</c> would rebuild on every start).
/// </summary>
public static class DotnetTool
{
    /// <summary>The start information for <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c>.</summary>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Quieter, faster start-up; nothing here needs the first-run experience.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
