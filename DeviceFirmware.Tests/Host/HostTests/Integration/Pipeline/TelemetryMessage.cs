using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// One telemetry message as a subscriber got it: what the MQTT packet said (QoS, DUP) next to what
/// the JSON payload says (seq, boot, qos, outbox and remote configuration counters).
/// </summary>
/// <param name="Seq">Payload "seq".</param>
/// <param name="Boot">Payload "boot".</param>
/// <param name="PayloadQos">Payload "qos": the QoS the device published with.</param>
/// <param name="PacketQos">QoS of the PUBLISH packet the subscriber received.</param>
/// <param name="Dup">DUP flag of that packet.</param>
/// <param name="Queued">Payload outbox.queued.</param>
/// <param name="DroppedOffline">Payload outbox.dropped_offline.</param>
/// <param name="DroppedFull">Payload outbox.dropped_full.</param>
/// <param name="PayloadLength">Payload bytes.</param>
/// <param name="RemoteRequests">Payload remote.requests: MMS requests answered over MQTT since boot.</param>
/// <param name="RemoteDropped">Payload remote.dropped: messages on the subscribe topic dropped unanswered.</param>
/// <param name="RemoteRollbacks">Payload remote.rollbacks: remote connection changes rolled back.</param>
/// <param name="ArrivedAt">When the subscriber got it (<see cref="ReceivedMessage.ArrivedAt"/>).</param>
public sealed record TelemetryMessage(long Seq, string Boot, int PayloadQos, int PacketQos, bool Dup, long Queued, long DroppedOffline, long DroppedFull, int PayloadLength, long RemoteRequests, long RemoteDropped, long RemoteRollbacks, long ArrivedAt)
{
    /// <summary>Parses the payload of <paramref name="received"/>.</summary>
    public static TelemetryMessage From(ReceivedMessage received)
    {
        using JsonDocument doc = JsonDocument.Parse(received.Payload);
        JsonElement root = doc.RootElement;
        JsonElement outbox = root.GetProperty("outbox");
        JsonElement remote = root.GetProperty("remote");
        return new TelemetryMessage(
            root.GetProperty("seq").GetInt64(),
            root.GetProperty("boot").GetString(),
            root.GetProperty("qos").GetInt32(),
            received.Qos,
            received.Dup,
            outbox.GetProperty("queued").GetInt64(),
            outbox.GetProperty("dropped_offline").GetInt64(),
            outbox.GetProperty("dropped_full").GetInt64(),
            received.Payload.Length,
            remote.GetProperty("requests").GetInt64(),
            remote.GetProperty("dropped").GetInt64(),
            remote.GetProperty("rollbacks").GetInt64(),
            received.ArrivedAt);
    }

    /// <summary>Parses every message a subscriber received on <paramref name="topic"/>, in arrival order.</summary>
    public static List<TelemetryMessage> All(IEnumerable<ReceivedMessage> received, string topic)
        => received.Where(m => m.Topic == topic).Select(From).ToList();
}
