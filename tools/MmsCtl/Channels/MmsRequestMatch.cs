namespace DeviceFirmware.MmsCtl;

/// <summary>
/// Which response answers a request: the one that echoes the request's reference number and command
/// ID. Every channel waits with this rule, so a stale answer (an earlier request's) or another
/// host's answer is ignored the same way over a serial port and over a broker.
/// </summary>
public sealed class MmsRequestMatch
{
    private readonly bool _matchable;
    private readonly byte _reference;
    private readonly int _command;

    private MmsRequestMatch(bool matchable, byte reference, int command)
    {
        _matchable = matchable;
        _reference = reference;
        _command = command;
    }

    /// <summary>The request's reference number (0 when its header is unreadable).</summary>
    public byte Reference => _reference;

    /// <summary>The rule for <paramref name="request"/>: its reference and command, or "any response" when its header is unreadable (raw experiments).</summary>
    public static MmsRequestMatch For(byte[] request)
    {
        bool matchable = MmsReply.TryReadRequestHeader(request, out byte reference, out int command);
        return new MmsRequestMatch(matchable, reference, command);
    }

    /// <summary>True when <paramref name="reply"/> answers the request.</summary>
    public bool Accepts(MmsReply reply)
        => reply != null && (!_matchable || (reply.Reference == _reference && reply.Command == _command));
}
