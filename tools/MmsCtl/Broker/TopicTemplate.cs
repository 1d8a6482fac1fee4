using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// A topic with an optional <c>{id}</c> placeholder for the device ID: <c>--command-topic</c> and
/// <c>--response-topic</c>. The defaults follow the device's own default topics; MagTek's schemes
/// are templates too (<c>MagTek/Device/DynaFlex/{id}</c> and <c>MagTek/Server/DynaFlex/{id}/MMSMessage</c>,
/// or <c>{id}/SendCommand</c> and <c>{id}/MMSMessage</c> with the device's topic path as its ID).
/// </summary>
public sealed class TopicTemplate
{
    /// <summary>The placeholder replaced by the device ID.</summary>
    public const string Placeholder = "{id}";

    /// <summary>Where the device takes requests by default: its default subscribe topic (1.2.2.1.2.4).</summary>
    public static readonly TopicTemplate DefaultCommand = new(SettingsDefaults.TopicRoot + "/Device/" + Placeholder);

    /// <summary>Where the device answers by default: its default publish topic (1.2.2.1.2.5) plus <c>/MMSMessage</c>.</summary>
    public static readonly TopicTemplate DefaultResponse = new(SettingsDefaults.TopicRoot + "/Server/" + Placeholder + DeviceTopics.MmsResponseSuffix);

    private TopicTemplate(string text)
    {
        Text = text;
    }

    /// <summary>The template as given.</summary>
    public string Text { get; }

    /// <summary>True when the template holds <c>{id}</c> (so it names a different topic for every device).</summary>
    public bool HasId => Text.Contains(Placeholder, StringComparison.Ordinal);

    /// <summary>
    /// The template with <c>+</c> for the ID, when every <c>{id}</c> is a whole topic level: one
    /// subscription then covers every device's topic (for IDs without '/'). Null otherwise.
    /// </summary>
    public string WildcardFilter
    {
        get
        {
            if (!HasId)
            {
                return null;
            }

            foreach (string level in Text.Split('/'))
            {
                if (level.Contains(Placeholder, StringComparison.Ordinal) && level != Placeholder)
                {
                    return null;
                }
            }

            return Text.Replace(Placeholder, "+", StringComparison.Ordinal);
        }
    }

    /// <summary>Checks and creates a template.</summary>
    /// <returns>False with a reason for an empty topic, or one with a wildcard or NUL.</returns>
    public static bool TryParse(string text, string option, out TopicTemplate template, out string problem)
    {
        template = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = option + " needs a topic";
            return false;
        }

        if (text.IndexOfAny(new[] { '+', '#', '\0' }) >= 0)
        {
            problem = $"{option}: '{text}' holds a wildcard ('+' or '#'); give the topic itself, with {Placeholder} for the device ID";
            return false;
        }

        problem = null;
        template = new TopicTemplate(text);
        return true;
    }

    /// <summary>The topic of one device.</summary>
    public string For(string deviceId) => HasId ? Text.Replace(Placeholder, deviceId, StringComparison.Ordinal) : Text;

    /// <inheritdoc />
    public override string ToString() => Text;
}
