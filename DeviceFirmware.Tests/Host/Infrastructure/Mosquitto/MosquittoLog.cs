using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeviceFirmware.Tests.Infrastructure.Mosquitto;

/// <summary>Which way a logged packet went, seen from the broker.</summary>
public enum PacketDirection
{
    /// <summary>"Received X from client": the client sent it.</summary>
    Received,

    /// <summary>"Sending X to client": the broker sent it.</summary>
    Sent,
}

/// <summary>One MQTT packet line of a mosquitto 2.0 log (<c>log_type all</c>).</summary>
/// <param name="Direction">Received from, or sent to, <paramref name="ClientId"/>.</param>
/// <param name="Type">Packet type as logged: PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNACK, ...</param>
/// <param name="ClientId">The client on the other end.</param>
/// <param name="MessageId">Packet identifier (PUBLISH "m", acks "m" or "Mid:"), when logged.</param>
/// <param name="Qos">PUBLISH only: the QoS of this packet.</param>
/// <param name="Dup">PUBLISH only: the DUP flag.</param>
/// <param name="Retain">PUBLISH only: the RETAIN flag.</param>
/// <param name="Topic">PUBLISH only: the topic.</param>
/// <param name="PayloadLength">PUBLISH only: payload bytes.</param>
/// <param name="Line">The log line it was parsed from.</param>
public sealed record MosquittoPacket(
    PacketDirection Direction,
    string Type,
    string ClientId,
    int? MessageId,
    int? Qos,
    bool? Dup,
    bool? Retain,
    string Topic,
    int? PayloadLength,
    string Line);

/// <summary>
/// The packet lines of a mosquitto log, for counting the QoS handshake per client. Formats (mosquitto
/// 2.0.11): <c>Received PUBLISH from c (d0, q1, r0, m1, 't', ... (5 bytes))</c>,
/// <c>Sending PUBACK to c (m1, rc0)</c>, <c>Received PUBREL from c (Mid: 1)</c>,
/// <c>Sending PUBCOMP to c (m1)</c>, <c>Received PUBACK from c (Mid: 1, RC:0)</c>.
/// </summary>
public sealed class MosquittoLog
{
    private static readonly Regex PacketLine = new(
        @"^(?:\d+: )?(?<dir>Received|Sending) (?<type>[A-Z]+) (?:from|to) (?<client>\S+)(?: \((?<args>.*)\))?\s*$",
        RegexOptions.CultureInvariant);

    private static readonly Regex PublishArgs = new(
        @"^d(?<d>[01]), q(?<q>[0-2]), r(?<r>[01]), m(?<m>\d+), '(?<topic>.*)', \.\.\. \((?<len>\d+) bytes\)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex AckArgs = new(@"^(?:m|Mid: )(?<m>\d+)", RegexOptions.CultureInvariant);

    private MosquittoLog(IReadOnlyList<MosquittoPacket> packets)
    {
        Packets = packets;
    }

    /// <summary>Every packet line, in log order.</summary>
    public IReadOnlyList<MosquittoPacket> Packets { get; }

    /// <summary>Parses log lines; lines that are not packet lines are skipped.</summary>
    public static MosquittoLog Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var packets = new List<MosquittoPacket>();
        foreach (string line in lines)
        {
            MosquittoPacket packet = ParseLine(line);
            if (packet != null)
            {
                packets.Add(packet);
            }
        }

        return new MosquittoLog(packets);
    }

    /// <summary>Parses one line, or returns null when it is not a packet line.</summary>
    public static MosquittoPacket ParseLine(string line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return null;
        }

        Match m = PacketLine.Match(line);
        if (!m.Success)
        {
            return null;
        }

        var direction = m.Groups["dir"].Value == "Received" ? PacketDirection.Received : PacketDirection.Sent;
        string type = m.Groups["type"].Value;
        string client = m.Groups["client"].Value;
        string args = m.Groups["args"].Success ? m.Groups["args"].Value : string.Empty;
        if (type == "PUBLISH")
        {
            Match p = PublishArgs.Match(args);
            if (p.Success)
            {
                return new MosquittoPacket(
                    direction,
                    type,
                    client,
                    Int(p.Groups["m"].Value),
                    Int(p.Groups["q"].Value),
                    p.Groups["d"].Value == "1",
                    p.Groups["r"].Value == "1",
                    p.Groups["topic"].Value,
                    Int(p.Groups["len"].Value),
                    line);
            }
        }

        Match a = AckArgs.Match(args);
        int? id = a.Success ? Int(a.Groups["m"].Value) : null;
        return new MosquittoPacket(direction, type, client, id, null, null, null, null, null, line);
    }

    /// <summary>Packets exchanged with one client.</summary>
    public IEnumerable<MosquittoPacket> For(string clientId) => Packets.Where(p => p.ClientId == clientId);

    /// <summary>Counts packets of <paramref name="type"/> going <paramref name="direction"/> for a client.</summary>
    public int Count(string clientId, PacketDirection direction, string type)
        => Packets.Count(p => p.ClientId == clientId && p.Direction == direction && p.Type == type);

    /// <summary>
    /// The QoS flow packets (PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, both directions) exchanged with
    /// <paramref name="clientId"/>, optionally only those carrying <paramref name="messageId"/>.
    /// </summary>
    public IReadOnlyList<MosquittoPacket> PublishFlow(string clientId, int? messageId = null)
        => For(clientId)
            .Where(p => IsFlowType(p.Type) && (messageId == null || p.MessageId == messageId))
            .ToList();

    private static bool IsFlowType(string type)
        => type is "PUBLISH" or "PUBACK" or "PUBREC" or "PUBREL" or "PUBCOMP";

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
