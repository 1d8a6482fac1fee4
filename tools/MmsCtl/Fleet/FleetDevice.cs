namespace DeviceFirmware.MmsCtl;

/// <summary>One device of an <c>--all</c> run: its ID and its topics.</summary>
/// <param name="Id">Device ID.</param>
/// <param name="CommandTopic">Where its requests go.</param>
/// <param name="ResponseTopic">Where its answers come from.</param>
public sealed record FleetDevice(string Id, string CommandTopic, string ResponseTopic);

/// <summary>How one device of an <c>--all</c> run ended.</summary>
/// <param name="Device">The device ID.</param>
/// <param name="Conversation">Its conversation: exit code, report, lines, error.</param>
/// <param name="Milliseconds">From its first request to its last answer (or to the timeout).</param>
/// <param name="TimedOut">True when a request got no answer within the timeout.</param>
public sealed record FleetResult(string Device, Conversation Conversation, double Milliseconds, bool TimedOut)
{
    /// <summary>The result column: <c>ok</c>, <c>timeout</c>, or the error (such as the device's status in words).</summary>
    public string Result => Conversation.ExitCode == ExitCodes.Success ? "ok" : TimedOut ? "timeout" : Conversation.FirstError ?? "failed";

    /// <summary>The device's exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode => Conversation.ExitCode;
}
