using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// The new values of one Set request, gathered and validated before anything is stored, so that a
    /// multi-leaf Set is applied all or nothing by <see cref="SettingsStore.Apply(SettingsChange)"/>.
    /// </summary>
    public sealed class SettingsChange
    {
        // Made by the first Add and grown as entries come (most Sets name one property), up to one
        // entry per property.
        private int[] _indices;
        private byte[][] _values;
        private int _count;

        /// <summary>Creates an empty change; it grows to hold at most every property once.</summary>
        public SettingsChange()
        {
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
            if (_indices == null || _count == _indices.Length)
            {
                Grow();
            }

            _indices[_count] = index;
            _values[_count] = SettingsSnapshot.KeepCopy(buffer, offset, canonical);
            _count++;
            return true;
        }

        private void Grow()
        {
            int capacity = _count == 0 ? 1 : 2 * _count;
            if (capacity > PropertyTable.Count)
            {
                capacity = PropertyTable.Count;
            }

            int[] indices = new int[capacity];
            byte[][] values = new byte[capacity][];
            if (_count > 0)
            {
                Array.Copy(_indices, indices, _count);
                Array.Copy(_values, values, _count);
            }

            _indices = indices;
            _values = values;
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
