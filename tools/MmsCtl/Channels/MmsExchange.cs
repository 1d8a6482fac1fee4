namespace DeviceFirmware.MmsCtl;

/// <summary>What came back for one request.</summary>
public sealed class MmsExchange
{
    /// <summary>The matching response, or null when the device answered with SLIP info 03.</summary>
    public MmsReply Reply { get; init; }

    /// <summary>True when the device refused the message as too big (SLIP info 03; serial only).</summary>
    public bool TooBig { get; init; }

    /// <summary>The device's maximum message length, from an info 03 frame's length field.</summary>
    public long DeviceMaxLength { get; init; }

    /// <summary>Messages that arrived while waiting but did not match the request (ignored).</summary>
    public int Ignored { get; init; }
}
