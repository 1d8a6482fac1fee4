using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// The simplest <see cref="IFlashStorage"/>: slots in RAM, writes always complete. For tests that
    /// need a working <see cref="SettingsStore"/>, not for testing the store's power-cut handling.
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
        public MemoryFlashStorage(int slotCount, int slotCapacity)
        {
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
