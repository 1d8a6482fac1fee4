using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// <c>mmsctl --broker ... --all COMMAND</c>: lists the devices from their status topics
/// (<see cref="DeviceDirectory"/>), keeps those whose status reads <c>connected</c> (all of them with
/// <c>--include-disconnected</c>), subscribes to their answers, sends the command to every one at once
/// over one session (<see cref="FleetRunner"/>) and prints one row per device.
/// </summary>
public sealed class FleetCommand
{
    private readonly BrokerSettings _settings;
    private readonly bool _json;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <summary>Creates the command.</summary>
    public FleetCommand(BrokerSettings settings, bool json, TextWriter output, TextWriter error)
    {
        _settings = settings;
        _json = json;
        _output = output;
        _error = error;
    }

    /// <summary>The devices of a listing that <c>--all</c> addresses, with their topics; the first of two with one ID wins.</summary>
    public static List<FleetDevice> Select(IEnumerable<DeviceStatus> listed, BrokerSettings settings)
    {
        List<FleetDevice> devices = new();
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (DeviceStatus status in listed)
        {
            if ((settings.IncludeDisconnected || status.IsConnected) && seen.Add(status.Id))
            {
                devices.Add(new FleetDevice(status.Id, settings.CommandTopic.For(status.Id), settings.ResponseTopic.For(status.Id)));
            }
        }

        return devices;
    }

    /// <summary>
    /// The subscriptions that cover every device's answers: the response template with <c>+</c> for
    /// the ID when that is one filter for all of them (IDs without '/'), else each response topic.
    /// </summary>
    public static List<string> ResponseFilters(IReadOnlyList<FleetDevice> devices, BrokerSettings settings)
    {
        string wildcard = settings.ResponseTopic.WildcardFilter;
        bool oneLevelIds = wildcard != null;
        foreach (FleetDevice device in devices)
        {
            oneLevelIds &= !device.Id.Contains('/');
        }

        if (oneLevelIds)
        {
            return new List<string> { wildcard };
        }

        List<string> filters = new(devices.Count);
        foreach (FleetDevice device in devices)
        {
            filters.Add(device.ResponseTopic);
        }

        return filters;
    }

    /// <summary>Runs the command against the fleet; returns the aggregated exit code (<see cref="FleetReport.ExitCode"/>).</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="prepare">Checks the arguments once, before anything is sent.</param>
    public int Run(string command, Func<JsonReport, PreparedCommand> prepare)
    {
        JsonReport report = new JsonReport().Set("command", command).Set("broker", _settings.Address.ToString()).Set("pattern", _settings.StatusPattern.Filter);
        try
        {
            PreparedCommand prepared = prepare(report);
            using BrokerConnection connection = BrokerConnection.Open(_settings);
            Stopwatch watch = Stopwatch.StartNew();
            List<DeviceStatus> listed = DeviceDirectory.Collect(connection, _settings.StatusPattern, DeviceDirectory.SettleMilliseconds(_settings.TimeoutMilliseconds));
            List<FleetDevice> devices = Select(listed, _settings);
            if (devices.Count == 0)
            {
                string none = listed.Count == 0
                    ? $"no device status on {_settings.StatusPattern.Filter}"
                    : $"none of the {listed.Count} devices on {_settings.StatusPattern.Filter} is connected (--include-disconnected sends to them anyway)";
                throw new MmsCtlException(none, ExitCodes.Error);
            }

            // The status messages are not needed any more; the answers are subscribed before any request goes out.
            connection.Unsubscribe(_settings.StatusPattern.Filter);
            foreach (string filter in ResponseFilters(devices, _settings))
            {
                connection.Subscribe(filter, _settings.Qos);
            }

            List<FleetResult> results = new FleetRunner(connection, _settings).Run(
                prepared, devices, device => new Conversation(new JsonReport(), json: true));
            watch.Stop();
            if (_json)
            {
                _output.WriteLine(FleetReport.Json(report, results, watch.Elapsed.TotalMilliseconds).ToJson());
            }
            else
            {
                FleetReport.PrintText(results, watch.Elapsed.TotalMilliseconds, _output);
            }

            return FleetReport.ExitCode(results);
        }
        catch (MmsCtlException ex)
        {
            _error.WriteLine("mmsctl: " + ex.Message);
            if (_json)
            {
                _output.WriteLine(report.Set("error", ex.Message).Set("ok", false).Set("exitCode", ex.ExitCode).ToJson());
            }

            return ex.ExitCode;
        }
        finally
        {
            _output.Flush();
            _error.Flush();
        }
    }
}
