namespace DeviceFirmware.MmsCtl;

/// <summary>A message from the broker, or the news that the connection was lost.</summary>
/// <param name="Topic">The topic it was published to; null for a loss.</param>
/// <param name="Payload">Its payload.</param>
/// <param name="Retained">True when the broker sent it from its retained store (a new subscription).</param>
/// <param name="Timestamp">When it arrived, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="LostReason">Why the connection ended; null for a message.</param>
public sealed record BrokerArrival(string Topic, byte[] Payload, bool Retained, long Timestamp, string LostReason)
{
    /// <summary>True when this is the news of a lost connection.</summary>
    public bool IsLoss => LostReason != null;
}
