using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DeviceFirmware.MmsCtl;

/// <summary>How an <c>--all</c> run is printed, and its exit code.</summary>
public static class FleetReport
{
    /// <summary>
    /// The run's exit code: 2 when any device got no answer or hit an I/O error, else 1 when any
    /// device answered with a failure, else 0. A timeout outweighs a failure answer: the one says
    /// nothing about the device's state, the other does.
    /// </summary>
    public static int ExitCode(IEnumerable<FleetResult> results)
    {
        int code = ExitCodes.Success;
        foreach (FleetResult result in results)
        {
            if (result.ExitCode == ExitCodes.Error)
            {
                return ExitCodes.Error;
            }

            if (result.ExitCode == ExitCodes.DeviceFailure)
            {
                code = ExitCodes.DeviceFailure;
            }
        }

        return code;
    }

    /// <summary>
    /// The text form: a table <c>DEVICE RESULT MS DETAIL</c> (detail: the value read or written, or
    /// what the command printed), then <c>N devices: K ok, F failed (T ms)</c>.
    /// </summary>
    public static void PrintText(IReadOnlyList<FleetResult> results, double elapsedMilliseconds, TextWriter output)
    {
        TextTable table = new("DEVICE", "RESULT", "MS", "DETAIL");
        int ok = 0;
        foreach (FleetResult result in results)
        {
            if (result.ExitCode == ExitCodes.Success)
            {
                ok++;
            }

            table.Add(result.Device, result.Result, Milliseconds(result.Milliseconds), result.ExitCode == ExitCodes.Success ? result.Conversation.Summary : string.Empty);
        }

        table.Write(output);
        output.WriteLine($"{results.Count} {(results.Count == 1 ? "device" : "devices")}: {ok} ok, {results.Count - ok} failed ({Milliseconds(elapsedMilliseconds)} ms)");
    }

    /// <summary>
    /// The JSON form: <paramref name="report"/> (command, broker, pattern, property) plus
    /// <c>devices</c>, one object per device (<c>device</c>, <c>result</c>, <c>ms</c>, <c>exitCode</c>,
    /// then what the single-device command reports), <c>count</c>, <c>okCount</c>, <c>elapsedMs</c>,
    /// <c>ok</c> and <c>exitCode</c>.
    /// </summary>
    public static JsonReport Json(JsonReport report, IReadOnlyList<FleetResult> results, double elapsedMilliseconds)
    {
        List<JsonReport> items = new(results.Count);
        int ok = 0;
        foreach (FleetResult result in results)
        {
            if (result.ExitCode == ExitCodes.Success)
            {
                ok++;
            }

            items.Add(new JsonReport()
                .Set("device", result.Device)
                .Set("result", result.Result)
                .Set("ms", result.Milliseconds)
                .Set("exitCode", result.ExitCode)
                .SetAll(result.Conversation.Report));
        }

        int code = ExitCode(results);
        return report.Set("devices", items)
            .Set("count", results.Count)
            .Set("okCount", ok)
            .Set("elapsedMs", elapsedMilliseconds)
            .Set("ok", code == ExitCodes.Success)
            .Set("exitCode", code);
    }

    private static string Milliseconds(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture);
}
