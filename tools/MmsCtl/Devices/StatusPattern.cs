using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// <c>--pattern</c>: the topic filter of the devices' retained status messages, and how a device ID
/// is read from a status topic. With exactly one <c>+</c> (and no <c>#</c>) the ID is the level the
/// <c>+</c> matched (<c>DeviceFirmware/Server/+/Status</c>, <c>MagTek/Server/DynaFlex/+/Status</c>);
/// otherwise it is the topic without the pattern's literal ending after its last wildcard, such as
/// <c>/Status</c> (<c>MagTek/+/+/Status</c> gives <c>MagTek/Server/SN</c>, for <c>{id}/SendCommand</c>).
/// </summary>
public sealed class StatusPattern
{
    /// <summary>The device's own status topics: publish topic (default <c>DeviceFirmware/Server/ID</c>) plus <c>/Status</c>.</summary>
    public static readonly StatusPattern Default = new(SettingsDefaults.TopicRoot + "/Server/+" + DeviceTopics.StatusSuffix);

    private readonly int _plusLevel;
    private readonly string _ending;

    private StatusPattern(string filter)
    {
        Filter = filter;
        string[] levels = filter.Split('/');
        int lastWildcard = -1;
        int plusCount = 0;
        bool hash = false;
        _plusLevel = -1;
        for (int i = 0; i < levels.Length; i++)
        {
            if (levels[i] == "+")
            {
                plusCount++;
                _plusLevel = i;
                lastWildcard = i;
            }
            else if (levels[i] == "#")
            {
                hash = true;
                lastWildcard = i;
            }
        }

        if (plusCount != 1 || hash)
        {
            _plusLevel = -1;
        }

        if (lastWildcard >= 0)
        {
            _ending = string.Concat(Array.ConvertAll(levels[(lastWildcard + 1)..], level => "/" + level));
        }
        else
        {
            _ending = filter.EndsWith(DeviceTopics.StatusSuffix, StringComparison.Ordinal) ? DeviceTopics.StatusSuffix : string.Empty;
        }
    }

    /// <summary>The topic filter.</summary>
    public string Filter { get; }

    /// <summary>Checks and creates a pattern.</summary>
    /// <returns>False with a reason when it is not a valid MQTT topic filter.</returns>
    public static bool TryParse(string text, out StatusPattern pattern, out string problem)
    {
        pattern = null;
        if (!TopicFilter.IsValid(text))
        {
            problem = $"--pattern: '{text}' is not an MQTT topic filter ('+' and '#' only as whole levels, '#' last)";
            return false;
        }

        problem = null;
        pattern = new StatusPattern(text);
        return true;
    }

    /// <summary>True when <paramref name="topic"/> is one of the status topics.</summary>
    public bool Matches(string topic) => TopicFilter.Matches(Filter, topic);

    /// <summary>The device ID of a status topic (see the class summary).</summary>
    public string DeviceIdOf(string topic)
    {
        if (_plusLevel >= 0)
        {
            return topic.Split('/')[_plusLevel];
        }

        return _ending.Length > 0 && topic.EndsWith(_ending, StringComparison.Ordinal) && topic.Length > _ending.Length
            ? topic[..^_ending.Length]
            : topic;
    }

    /// <inheritdoc />
    public override string ToString() => Filter;
}
