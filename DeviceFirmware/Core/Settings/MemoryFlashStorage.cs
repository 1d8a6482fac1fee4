using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Flash held in RAM: slots in arrays, writes always complete, nothing survives a restart of the
    /// process. For compositions without durable storage: unit tests and benchmarks (host and
    /// nanoCLR), which measure the firmware's work rather than a disk. The simulator and the board use
    /// real storage; tests of the store's power-cut handling use the fault-injecting fake.
    /// </summary>
    public sealed class MemoryFlashStorage : IFlashStorage
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly int _capacity;

        /// <summary>Creates two empty slots of 1 KB.</summary>
        public MemoryFlashStorage()
            : this(2, 1024)
        {
        }

        /// <summary>Creates empty slots.</summary>
        /// <param name="slotCount">Number of slots, at least 1.</param>
        /// <param name="slotCapacity">Bytes per slot, at least 1.</param>
        public MemoryFlashStorage(int slotCount, int slotCapacity)
        {
            if (slotCount < 1)
            {
                throw new ArgumentOutOfRangeException("slotCount");
            }

            if (slotCapacity < 1)
            {
                throw new ArgumentOutOfRangeException("slotCapacity");
            }

            _slots = new byte[slotCount][];
            _lengths = new int[slotCount];
            _capacity = slotCapacity;
            for (int i = 0; i < slotCount; i++)
            {
                _slots[i] = new byte[slotCapacity];
            }
        }

        /// <inheritdoc />
        public int SlotCount
        {
            get { return _slots.Length; }
        }

        /// <inheritdoc />
        public int SlotCapacity
        {
            get { return _capacity; }
        }

        /// <summary>Number of completed writes.</summary>
        public int WriteCount { get; private set; }

        /// <inheritdoc />
        public int Read(int slot, byte[] buffer)
        {
            Array.Copy(_slots[slot], buffer, _lengths[slot]);
            return _lengths[slot];
        }

        /// <inheritdoc />
        public void Write(int slot, byte[] buffer, int count)
        {
            if (count > _capacity)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Array.Copy(buffer, _slots[slot], count);
            _lengths[slot] = count;
            WriteCount++;
        }
    }
}
