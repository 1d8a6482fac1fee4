namespace DeviceFirmware.MmsCtl;

/// <summary>MQTT topic filters: the checks a broker makes (MQTT 3.1.1, 4.7.1) and matching a topic against one.</summary>
public static class TopicFilter
{
    /// <summary>True when <paramref name="filter"/> is a valid filter: '+' only as a whole level, '#' only as the whole last level.</summary>
    public static bool IsValid(string filter)
    {
        if (string.IsNullOrEmpty(filter) || filter.Contains('\0'))
        {
            return false;
        }

        string[] levels = filter.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            string level = levels[i];
            if ((level.Contains('+') && level != "+") || (level.Contains('#') && (level != "#" || i != levels.Length - 1)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="topic"/> matches <paramref name="filter"/> ('+' one level, '#' the rest, topics starting with '$' only by a filter that names them).</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#'))
        {
            return false;
        }

        string[] f = filter.Split('/');
        string[] t = topic.Split('/');
        for (int i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }
}
