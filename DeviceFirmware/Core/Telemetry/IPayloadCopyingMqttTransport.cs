namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Marks an <see cref="IMqttTransport"/> whose <see cref="IMqttTransport.Publish"/> copies the
    /// payload before it returns and keeps no reference to the array. The telemetry publisher then
    /// builds QoS 0 payloads into a reused array instead of a new one per message (QoS 1 and 2 payloads
    /// stay in the outbox until delivered, so they always get their own array).
    /// </summary>
    /// <remarks>
    /// The host's Paho transport is one (MQTTClient_publish copies the payload). M2Mqtt is not: it
    /// queues the array itself and sends it later from its own thread.
    /// </remarks>
    public interface IPayloadCopyingMqttTransport : IMqttTransport
    {
    }
}
