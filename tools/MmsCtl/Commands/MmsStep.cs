namespace DeviceFirmware.MmsCtl;

/// <summary>
/// One request a command sends to a device, and the answer once the runner has it. A command's
/// conversation yields steps; whoever drives it (one device over a channel, or a whole fleet over one
/// broker session) sends <see cref="Request"/>, fills in <see cref="Exchange"/> and resumes it.
/// </summary>
public sealed class MmsStep
{
    /// <summary>Creates a step for <paramref name="request"/>.</summary>
    public MmsStep(byte[] request)
    {
        Request = request;
    }

    /// <summary>The whole MMS message to send.</summary>
    public byte[] Request { get; }

    /// <summary>The answer, set by the runner before the conversation resumes.</summary>
    public MmsExchange Exchange { get; set; }
}
