using System;
using System.Collections.Generic;
using DeviceFirmware.Protocol;

namespace DeviceFirmware.MmsCtl;

/// <summary>One response message from the device, with its envelope read.</summary>
public sealed class MmsReply
{
    // Initial capacity of the OID path while walking a tree (the table's OIDs have six arcs).
    private const int MaxDepth = 16;

    private MmsReply(byte[] message)
    {
        Message = message;
    }

    /// <summary>The whole message, from SOM <c>AA</c>.</summary>
    public byte[] Message { get; }

    /// <summary>Message reference number echoed from the request.</summary>
    public byte Reference { get; private set; }

    /// <summary>Response ID: the request's command ID.</summary>
    public int Command { get; private set; }

    /// <summary>Status summary byte (tag 82), or -1 when the message has no status.</summary>
    public int Summary { get; private set; } = -1;

    /// <summary>Status detail (group, subgroup, code), or -1 when the message has no status.</summary>
    public int Detail { get; private set; } = -1;

    /// <summary>Offset of the payload (84) value in <see cref="Message"/>, or -1 when there is none.</summary>
    public int PayloadOffset { get; private set; } = -1;

    /// <summary>Length of the payload value.</summary>
    public int PayloadLength { get; private set; }

    /// <summary>True for the "OK" summaries (00, 01, 40, 41).</summary>
    public bool IsSuccess => Summary >= 0 && Summary < MmsStatus.SummaryFailedToStart;

    /// <summary>The status as hex: <c>80 020102</c>.</summary>
    public string StatusHex => Summary < 0 ? "(none)" : $"{Summary:X2} {Detail:X6}";

    /// <summary>The status in words: "failed to start the operation: bad parameter (...)".</summary>
    public string StatusText => Summary < 0 ? "no status in the response" : MmsStatus.DescribeSummary(Summary) + ": " + MmsStatus.DescribeDetail(Detail);

    /// <summary>Reads a device-to-host response (type 82); returns null for anything else (notifications, garbage).</summary>
    public static MmsReply TryParse(byte[] message)
    {
        if (message == null || message.Length < MmsMessage.PreambleLength || message[0] != MmsMessage.StartOfMessage)
        {
            return null;
        }

        int end = message.Length;
        int next = BerTlv.Read(message, MmsMessage.PreambleLength, end, out byte tag, out int valueOffset, out int valueLength);
        if (next < 0 || tag != MmsMessage.TagMessageInfo || valueLength < MmsMessage.MessageInfoLength
            || message[valueOffset] != MmsMessage.TypeResponseFromDevice)
        {
            return null;
        }

        MmsReply reply = new(message)
        {
            Reference = message[valueOffset + 1],
            Command = (message[valueOffset + 2] << 8) | message[valueOffset + 3],
        };

        int pos = next;
        while (pos < end)
        {
            next = BerTlv.Read(message, pos, end, out tag, out valueOffset, out valueLength);
            if (next < 0)
            {
                break;
            }

            if (tag == MmsMessage.TagStatus && valueLength == MmsMessage.StatusLength)
            {
                reply.Summary = message[valueOffset];
                reply.Detail = (message[valueOffset + 1] << 16) | (message[valueOffset + 2] << 8) | message[valueOffset + 3];
            }
            else if (tag == MmsMessage.TagPayload)
            {
                reply.PayloadOffset = valueOffset;
                reply.PayloadLength = valueLength;
            }

            pos = next;
        }

        return reply;
    }

    /// <summary>Reads the request envelope of a message mmsctl is about to send: its reference and command, if readable.</summary>
    public static bool TryReadRequestHeader(byte[] message, out byte reference, out int command)
    {
        reference = 0;
        command = 0;
        if (message == null || message.Length < MmsMessage.PreambleLength || message[0] != MmsMessage.StartOfMessage)
        {
            return false;
        }

        int next = BerTlv.Read(message, MmsMessage.PreambleLength, message.Length, out byte tag, out int valueOffset, out int valueLength);
        if (next < 0 || tag != MmsMessage.TagMessageInfo || valueLength < MmsMessage.MessageInfoLength)
        {
            return false;
        }

        reference = message[valueOffset + 1];
        command = (message[valueOffset + 2] << 8) | message[valueOffset + 3];
        return true;
    }

    /// <summary>
    /// Every leaf of the Get/Set payload's property tree (tag 89), with its full OID: the type from 85,
    /// the prefix arcs from 87, then the arcs of the nested private-class nodes down to the leaf.
    /// </summary>
    /// <exception cref="FormatException">The payload is not a well-formed property payload.</exception>
    public List<PropertyLeaf> ReadLeaves()
    {
        if (PayloadOffset < 0 || PayloadLength < MmsMessage.CommandIdLength)
        {
            throw new FormatException("the response has no property payload");
        }

        byte[] m = Message;
        int end = PayloadOffset + PayloadLength;
        int pos = PayloadOffset + MmsMessage.CommandIdLength;
        int type = -1;
        byte[] prefix = Array.Empty<byte>();
        int treeOffset = -1;
        int treeLength = 0;
        while (pos < end)
        {
            int next = BerTlv.Read(m, pos, end, out byte tag, out int valueOffset, out int valueLength);
            if (next < 0)
            {
                throw new FormatException("malformed TLV in the response payload");
            }

            if (tag == PropertyTag.PropertyType && valueLength == PropertyTag.PropertyTypeLength)
            {
                type = m[valueOffset];
            }
            else if (tag == PropertyTag.OidPrefix)
            {
                prefix = m.AsSpan(valueOffset, valueLength).ToArray();
            }
            else if (tag == PropertyTag.OidRemainder)
            {
                treeOffset = valueOffset;
                treeLength = valueLength;
            }

            pos = next;
        }

        if (type < 0 || treeOffset < 0)
        {
            throw new FormatException("the response payload lacks the property type (85) or the OID tree (89)");
        }

        List<byte> path = new(MaxDepth) { (byte)type };
        path.AddRange(prefix);
        List<PropertyLeaf> leaves = new();
        Walk(m, treeOffset, treeOffset + treeLength, path, leaves);
        return leaves;
    }

    private static void Walk(byte[] m, int pos, int end, List<byte> path, List<PropertyLeaf> leaves)
    {
        while (pos < end)
        {
            int next = BerTlv.Read(m, pos, end, out byte tag, out int valueOffset, out int valueLength);
            if (next < 0 || (tag & BerTlv.ClassMask) != BerTlv.PrivateClass)
            {
                throw new FormatException("malformed OID tree (89) in the response");
            }

            path.Add((byte)(tag & BerTlv.TagNumberMask));
            if (BerTlv.IsConstructed(tag))
            {
                Walk(m, valueOffset, valueOffset + valueLength, path, leaves);
            }
            else
            {
                leaves.Add(new PropertyLeaf(path.ToArray(), m.AsSpan(valueOffset, valueLength).ToArray()));
            }

            path.RemoveAt(path.Count - 1);
            pos = next;
        }
    }
}

/// <summary>One leaf of a response's property tree.</summary>
/// <param name="Arcs">The full OID, the property type first.</param>
/// <param name="Value">The leaf's value bytes (empty for a leaf the device has no value for).</param>
public sealed record PropertyLeaf(byte[] Arcs, byte[] Value);
