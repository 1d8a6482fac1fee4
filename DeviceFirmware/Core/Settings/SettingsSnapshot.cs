using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// One generation of settings: every property value as one durable record held them. It never
    /// changes, so a thread that needs several properties that belong together (a topic and its QoS,
    /// a broker and its port) reads them from one snapshot, <see cref="SettingsStore.Current"/>, and
    /// cannot see half of a later change.
    /// </summary>
    public sealed class SettingsSnapshot
    {
        // Neither the outer array nor any value array is written after construction.
        private readonly byte[][] _values;

        /// <summary>The one zero-length value: every empty text shares it, since an empty array cannot change.</summary>
        internal static readonly byte[] EmptyValue = new byte[0];

        internal SettingsSnapshot(byte[][] values)
        {
            _values = values;
        }

        /// <summary>Number of bytes stored for a property (text without its zero padding).</summary>
        public int GetLength(int index)
        {
            return _values[index].Length;
        }

        /// <summary>Copies a property's stored bytes into <paramref name="destination"/>.</summary>
        /// <returns>Number of bytes copied.</returns>
        public int CopyValue(int index, byte[] destination, int offset)
        {
            byte[] value = _values[index];
            Array.Copy(value, 0, destination, offset, value.Length);
            return value.Length;
        }

        /// <summary>Returns a one-byte property, such as the QoS.</summary>
        public byte GetByte(int index)
        {
            return _values[index][0];
        }

        /// <summary>Returns a two-byte big-endian property, such as the port.</summary>
        public int GetUInt16(int index)
        {
            byte[] value = _values[index];
            return (value[0] << 8) | value[1];
        }

        /// <summary>Returns a text property as a string (allocates; not for the request path).</summary>
        public string GetText(int index)
        {
            byte[] value = _values[index];
            char[] chars = new char[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                chars[i] = (char)value[i];
            }

            return new string(chars);
        }

        /// <summary>True when the property holds exactly these bytes.</summary>
        public bool ValueEquals(int index, byte[] buffer, int offset, int length)
        {
            byte[] value = _values[index];
            if (value.Length != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (value[i] != buffer[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Copies a value for keeping: a new array, or for an empty value the one shared empty array
        /// (each empty array would cost a heap block header for nothing).
        /// </summary>
        internal static byte[] KeepCopy(byte[] buffer, int offset, int length)
        {
            if (length == 0)
            {
                return EmptyValue;
            }

            byte[] value = new byte[length];
            Array.Copy(buffer, offset, value, 0, length);
            return value;
        }

        /// <summary>The values themselves, for the store; never handed out.</summary>
        internal byte[][] Values
        {
            get { return _values; }
        }
    }
}
