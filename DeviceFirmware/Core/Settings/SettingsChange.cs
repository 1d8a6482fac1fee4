using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// The new values of one Set request, gathered and validated before anything is stored, so that a
    /// multi-leaf Set is applied all or nothing by <see cref="SettingsStore.Apply(SettingsChange)"/>.
    /// </summary>
    public sealed class SettingsChange
    {
        private readonly int[] _indices;
        private readonly byte[][] _values;
        private int _count;

        /// <summary>Creates an empty change with room for every property once.</summary>
        public SettingsChange()
        {
            _indices = new int[PropertyTable.Count];
            _values = new byte[PropertyTable.Count][];
        }

        /// <summary>Number of properties in the change.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Empties the change so it can be reused.</summary>
        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _values[i] = null;
            }

            _count = 0;
        }

        /// <summary>
        /// Adds a new value, copying its canonical bytes (text without zero padding). The caller has
        /// validated it with <see cref="PropertyDefinition.Validate"/>.
        /// </summary>
        /// <returns>False when the property is already in the change (a request that names a leaf twice).</returns>
        public bool Add(int index, byte[] buffer, int offset, int length)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_indices[i] == index)
                {
                    return false;
                }
            }

            int canonical = PropertyTable.Get(index).CanonicalLength(buffer, offset, length);
            byte[] value = new byte[canonical];
            Array.Copy(buffer, offset, value, 0, canonical);
            _indices[_count] = index;
            _values[_count] = value;
            _count++;
            return true;
        }

        /// <summary>Table index of the n-th entry.</summary>
        public int IndexAt(int position)
        {
            return _indices[position];
        }

        /// <summary>Canonical value of the n-th entry. The store copies it; callers must not change it.</summary>
        public byte[] ValueAt(int position)
        {
            return _values[position];
        }
    }
}
