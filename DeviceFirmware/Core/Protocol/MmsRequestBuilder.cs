using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Builds Get and Set Property requests in the manual's "simple form": type in 85, the middle arcs
    /// in 87, the last arc as the only node of 89, and Reset Device. Used by the host CLI and by tests;
    /// the device itself only answers.
    /// </summary>
    public static class MmsRequestBuilder
    {
        /// <summary>Builds a Get of one property: <c>89 02 Cx 00</c>.</summary>
        /// <param name="reference">Message reference number the response will echo.</param>
        /// <param name="propertyIndex">Table index of the property.</param>
        public static byte[] Get(byte reference, int propertyIndex)
        {
            PropertyDefinition property = PropertyTable.Get(propertyIndex);
            return Build(reference, CommandId.GetProperty, property.CopyOid(), property.OidLength, null, 0, 0);
        }

        /// <summary>Builds a Set of one property, with the value as given (text need not be padded).</summary>
        public static byte[] Set(byte reference, int propertyIndex, byte[] value, int offset, int length)
        {
            PropertyDefinition property = PropertyTable.Get(propertyIndex);
            return Build(reference, CommandId.SetProperty, property.CopyOid(), property.OidLength, value, offset, length);
        }

        /// <summary>
        /// Builds a branch Get: every property whose OID starts with <paramref name="arcs"/>. The last arc
        /// goes into 89 as an empty primitive node; a one-arc OID (a bare property type) sends an empty 89.
        /// </summary>
        /// <param name="reference">Message reference number.</param>
        /// <param name="arcs">The OID prefix, property type first; arcs after the first must be 1 to 0x1E.</param>
        /// <param name="count">Number of arcs.</param>
        public static byte[] GetBranch(byte reference, byte[] arcs, int count)
        {
            if (count < 1)
            {
                throw new ArgumentException("an OID needs at least the property type", "count");
            }

            return Build(reference, CommandId.GetProperty, arcs, count, null, 0, 0);
        }

        /// <summary>Builds Reset Device (0x1F01) without the power-off option, as Table 154: <c>AA00 8104 01rr 1F01 8402 1F01</c>.</summary>
        /// <param name="reference">Message reference number the response will echo.</param>
        public static byte[] ResetDevice(byte reference)
        {
            const byte high = CommandId.ResetDevice >> 8;
            const byte low = CommandId.ResetDevice & 0xFF;
            return new byte[]
            {
                MmsMessage.StartOfMessage, MmsMessage.Version0,
                MmsMessage.TagMessageInfo, MmsMessage.MessageInfoLength, MmsMessage.TypeRequestToDevice, reference, high, low,
                MmsMessage.TagPayload, MmsMessage.CommandIdLength, high, low,
            };
        }

        private static byte[] Build(byte reference, int command, byte[] arcs, int count, byte[] value, int valueOffset, int valueLength)
        {
            for (int i = 1; i < count; i++)
            {
                if (arcs[i] == 0 || arcs[i] > PropertyTable.MaxArc)
                {
                    throw new ArgumentException("OID arcs after the type must be 1 to 0x1E", "arcs");
                }
            }

            int prefixCount = count > 2 ? count - 2 : 0;
            bool hasLeaf = count > 1;
            int leafLength = hasLeaf ? 1 + BerTlv.MinimalLengthSize(valueLength) + valueLength : 0;
            int payloadLength = MmsMessage.CommandIdLength + 3 + (prefixCount > 0 ? 2 + prefixCount : 0)
                + 1 + BerTlv.MinimalLengthSize(leafLength) + leafLength;
            int messageLength = MmsMessage.PreambleLength + 2 + MmsMessage.MessageInfoLength + 1 + BerTlv.MinimalLengthSize(payloadLength) + payloadLength;

            byte[] message = new byte[messageLength];
            int pos = 0;
            message[pos++] = MmsMessage.StartOfMessage;
            message[pos++] = MmsMessage.Version0;
            message[pos++] = MmsMessage.TagMessageInfo;
            message[pos++] = MmsMessage.MessageInfoLength;
            message[pos++] = MmsMessage.TypeRequestToDevice;
            message[pos++] = reference;
            message[pos++] = (byte)(command >> 8);
            message[pos++] = (byte)command;
            message[pos++] = MmsMessage.TagPayload;
            pos = BerTlv.WriteMinimalLength(message, pos, payloadLength);
            message[pos++] = (byte)(command >> 8);
            message[pos++] = (byte)command;
            message[pos++] = PropertyTag.PropertyType;
            message[pos++] = PropertyTag.PropertyTypeLength;
            message[pos++] = arcs[0];
            if (prefixCount > 0)
            {
                message[pos++] = PropertyTag.OidPrefix;
                message[pos++] = (byte)prefixCount;
                Array.Copy(arcs, 1, message, pos, prefixCount);
                pos += prefixCount;
            }

            message[pos++] = PropertyTag.OidRemainder;
            pos = BerTlv.WriteMinimalLength(message, pos, leafLength);
            if (hasLeaf)
            {
                message[pos++] = (byte)(BerTlv.PrivateClass | arcs[count - 1]);
                pos = BerTlv.WriteMinimalLength(message, pos, valueLength);
                if (valueLength > 0)
                {
                    Array.Copy(value, valueOffset, message, pos, valueLength);
                }
            }

            return message;
        }
    }
}
