using System;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// Message reference numbers for one device: a random start, then counting up (wrapping at 256), so
/// two mmsctl runs against the same device rarely reuse a number and a late answer to the previous
/// run is not taken for this run's.
/// </summary>
public sealed class ReferenceSequence
{
    private byte _next;

    /// <summary>Starts at a random number.</summary>
    public ReferenceSequence(Random random = null)
    {
        _next = (byte)(random ?? Random.Shared).Next(256);
    }

    /// <summary>Returns a fresh reference number.</summary>
    public byte Next() => _next++;
}
