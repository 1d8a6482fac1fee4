namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Marks an <see cref="IMqttTransport"/> whose <see cref="IMqttTransportListener"/> calls come from
    /// a thread that holds none of the transport's locks (nor a library's), so a listener may call
    /// <see cref="IMqttTransport.Publish"/> from inside them. While it runs its threads,
    /// <see cref="TelemetryService"/> then sends the next queued message straight from the delivery
    /// report that made room for it, instead of handing that work to its telemetry thread: one thread
    /// hand-off less per QoS 1/2 message.
    /// </summary>
    /// <remarks>
    /// The host's Paho transport is one (its listener thread exists for this). A transport that
    /// reports while holding a lock its own Publish takes must not carry this mark.
    /// </remarks>
    public interface IReentrantMqttTransport : IMqttTransport
    {
    }
}
