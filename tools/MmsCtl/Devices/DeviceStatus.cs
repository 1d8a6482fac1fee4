using System;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.MmsCtl;

/// <summary>One device as its status topic describes it.</summary>
/// <param name="Id">Device ID, read from the topic (<see cref="StatusPattern.DeviceIdOf"/>).</param>
/// <param name="Status">The last status text: <c>connected</c>, <c>disconnected</c>, or a note such as <c>rolled back: ...</c>.</param>
/// <param name="Topic">The status topic.</param>
public sealed record DeviceStatus(string Id, string Status, string Topic)
{
    /// <summary>True when the status reads <c>connected</c> (case-insensitively, as MagTek's hosts compare it).</summary>
    public bool IsConnected => string.Equals(Status?.Trim(), DeviceTopics.Connected, StringComparison.OrdinalIgnoreCase);
}
