using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>The log parser against literal mosquitto 2.0.11 lines (captured from a real broker).</summary>
public sealed class MosquittoLogTests
{
    private static readonly string[] Lines =
    {
        "1795305761: New client connected from 127.0.0.1:38252 as pub1 (p2, c1, k60).",
        "1795305761: Sending CONNACK to pub1 (0, 0)",
        "1795305761: Received PUBLISH from pub1 (d0, q1, r0, m1, 't/a', ... (6 bytes))",
        "1795305761: Sending PUBLISH to sub1 (d0, q1, r0, m1, 't/a', ... (6 bytes))",
        "1795305761: Sending PUBACK to pub1 (m1, rc0)",
        "1795305761: Received PUBACK from sub1 (Mid: 1, RC:0)",
        "1795305761: Received PUBLISH from pub2 (d1, q2, r1, m7, 'a b/c', ... (0 bytes))",
        "1795305761: Sending PUBREC to pub2 (m7, rc0)",
        "1795305761: Received PUBREL from pub2 (Mid: 7)",
        "1795305761: Sending PUBCOMP to pub2 (m7)",
        "1795305761: Received PUBREC from sub1 (Mid: 2)",
        "1795305761: Sending PUBREL to sub1 (m2)",
        "1795305761: Received PUBCOMP from sub1 (Mid: 2, RC:0)",
        "1795305761: Received DISCONNECT from pub2",
        "1795305761: \tt/# (QoS 2)",
    };

    [Fact]
    public void Publish_lines_carry_flags_qos_id_topic_and_length()
    {
        MosquittoPacket p = MosquittoLog.ParseLine(Lines[6]);
        Assert.Equal(new MosquittoPacket(PacketDirection.Received, "PUBLISH", "pub2", 7, 2, true, true, "a b/c", 0, Lines[6]), p);
    }

    [Theory]
    [InlineData(4, PacketDirection.Sent, "PUBACK", "pub1", 1)]
    [InlineData(5, PacketDirection.Received, "PUBACK", "sub1", 1)]
    [InlineData(7, PacketDirection.Sent, "PUBREC", "pub2", 7)]
    [InlineData(8, PacketDirection.Received, "PUBREL", "pub2", 7)]
    [InlineData(9, PacketDirection.Sent, "PUBCOMP", "pub2", 7)]
    [InlineData(12, PacketDirection.Received, "PUBCOMP", "sub1", 2)]
    public void Ack_lines_carry_direction_type_client_and_id(int line, PacketDirection direction, string type, string client, int id)
    {
        MosquittoPacket p = MosquittoLog.ParseLine(Lines[line]);
        Assert.Equal((direction, type, client, (int?)id), (p.Direction, p.Type, p.ClientId, p.MessageId));
        Assert.Null(p.Qos);
    }

    [Fact]
    public void Other_lines_are_skipped_and_flows_are_grouped_per_client_and_id()
    {
        MosquittoLog log = MosquittoLog.Parse(Lines);
        Assert.Equal(13, log.Packets.Count);
        Assert.Equal(new[] { "PUBLISH", "PUBREC", "PUBREL", "PUBCOMP" }, log.PublishFlow("pub2", 7).Select(p => p.Type));
        Assert.Equal(new[] { "PUBLISH", "PUBACK" }, log.PublishFlow("pub1").Select(p => p.Type));
        Assert.Equal(1, log.Count("pub2", PacketDirection.Received, "DISCONNECT"));
        Assert.Equal(1, log.Count("pub1", PacketDirection.Sent, "CONNACK"));
        Assert.Null(MosquittoLog.ParseLine(Lines[0]));
    }
}
