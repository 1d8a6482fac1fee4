using System;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The message IDs of QoS 1 and 2 publishes that M2Mqtt holds and has not yet reported on.
    /// A fixed array, because the in-flight window is small and bounded. Not thread-safe: the
    /// transport calls it under its own lock.
    /// </summary>
    internal sealed class InflightTracker
    {
        private readonly int[] _ids;
        private int _count;

        /// <summary>Creates an empty tracker.</summary>
        /// <param name="capacity">Largest number of IDs held at once.</param>
        public InflightTracker(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _ids = new int[capacity];
        }

        /// <summary>Number of IDs held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when no further ID fits.</summary>
        public bool IsFull
        {
            get { return _count == _ids.Length; }
        }

        /// <summary>Adds an ID.</summary>
        /// <returns>False when the tracker is full.</returns>
        public bool Add(int id)
        {
            if (_count == _ids.Length)
            {
                return false;
            }

            _ids[_count] = id;
            _count++;
            return true;
        }

        /// <summary>Removes an ID.</summary>
        /// <returns>False when the ID was not held (already reported, or from an older session).</returns>
        public bool Remove(int id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    // Order does not matter: move the last ID into the gap.
                    _count--;
                    _ids[i] = _ids[_count];
                    return true;
                }
            }

            return false;
        }

        /// <summary>Returns every ID held and empties the tracker.</summary>
        public int[] TakeAll()
        {
            int[] all = new int[_count];
            Array.Copy(_ids, all, _count);
            _count = 0;
            return all;
        }
    }
}
