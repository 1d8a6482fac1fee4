using System;
using System.Collections;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Holds the current value of every property and keeps them in flash.
    /// INTERIM: values live in RAM only; the durable two-slot implementation replaces the bodies
    /// below without changing this public surface.
    /// </summary>
    public sealed class SettingsStore
    {
        private readonly IFlashStorage _flash;
        private readonly SettingsDefaults _defaults;
        private readonly ILog _log;
        private readonly ArrayList _listeners = new ArrayList();
        private readonly object _sync = new object();
        private byte[][] _values;

        /// <summary>Creates a store. Call <see cref="Load"/> before reading values.</summary>
        /// <param name="flash">Where records are kept. The store does not own it.</param>
        /// <param name="defaults">Values used when flash holds no valid record.</param>
        /// <param name="log">Where load and write problems are reported.</param>
        public SettingsStore(IFlashStorage flash, SettingsDefaults defaults, ILog log)
        {
            if (flash == null)
            {
                throw new ArgumentNullException("flash");
            }

            if (defaults == null)
            {
                throw new ArgumentNullException("defaults");
            }

            _flash = flash;
            _defaults = defaults;
            _log = log == null ? NullLog.Instance : log;
            _values = CopyDefaults();
        }

        /// <summary>Loads the newest valid record, or the defaults when there is none.</summary>
        public void Load()
        {
            _values = CopyDefaults();
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

        /// <summary>Applies every value of <paramref name="change"/>, or none of them.</summary>
        public SettingsApplyResult Apply(SettingsChange change)
        {
            ChangedProperties changed = new ChangedProperties();
            lock (_sync)
            {
                byte[][] next = new byte[_values.Length][];
                Array.Copy(_values, next, _values.Length);
                bool any = false;
                for (int i = 0; i < change.Count; i++)
                {
                    int index = change.IndexAt(i);
                    byte[] value = change.ValueAt(i);
                    if (!SameBytes(next[index], value))
                    {
                        next[index] = value;
                        changed.Mark(index);
                        any = true;
                    }
                }

                if (!any)
                {
                    return SettingsApplyResult.Unchanged;
                }

                _values = next;
            }

            Notify(changed);
            return SettingsApplyResult.Written;
        }

        /// <summary>Registers a listener told after each durable change.</summary>
        public void AddListener(ISettingsListener listener)
        {
            lock (_sync)
            {
                _listeners.Add(listener);
            }
        }

        /// <summary>Removes a listener.</summary>
        public void RemoveListener(ISettingsListener listener)
        {
            lock (_sync)
            {
                _listeners.Remove(listener);
            }
        }

        private void Notify(ChangedProperties changed)
        {
            object[] listeners;
            lock (_sync)
            {
                listeners = _listeners.ToArray();
            }

            for (int i = 0; i < listeners.Length; i++)
            {
                ((ISettingsListener)listeners[i]).OnSettingsChanged(this, changed);
            }
        }

        private byte[][] CopyDefaults()
        {
            byte[][] values = new byte[PropertyTable.Count][];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = _defaults.Get(i);
            }

            return values;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
