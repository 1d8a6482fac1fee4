using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// An <see cref="IFlashStorage"/> in RAM with fault injection, precise enough for power-loss
    /// sweeps: a write can be cut after any number of bytes (three ways a slot can be left, see
    /// <see cref="FlashCutMode"/>), writes and reads can be made to throw, and slots can be arranged
    /// and inspected byte for byte. The content outlives any store, so a test "reboots" by creating
    /// a new store over the same instance.
    /// </summary>
    /// <remarks>
    /// Injected faults throw <see cref="FakeFlashException"/>. Misuse (a slot out of range, a count
    /// larger than the capacity or the buffer) throws <see cref="ArgumentOutOfRangeException"/>, as a
    /// real adapter would, and is counted in <see cref="WriteAttempts"/> but never changes a slot.
    /// Not thread-safe: tests drive it from one thread.
    /// </remarks>
    public sealed class FakeFlashStorage : IFlashStorage
    {
        /// <summary>Slot count of the parameterless constructor: the two slots the settings store uses.</summary>
        public const int DefaultSlotCount = 2;

        /// <summary>Slot capacity of the parameterless constructor; larger than any settings record.</summary>
        public const int DefaultSlotCapacity = 1024;

        /// <summary>Value every byte of erased flash reads as.</summary>
        public const byte ErasedByte = 0xFF;

        private const int NoCut = -1;

        private readonly byte[][] _slots;
        private readonly bool[] _readFails;
        private int _cutAfter = NoCut;
        private FlashCutMode _cutMode;
        private int _failNextWrites;

        /// <summary>Creates two empty slots of <see cref="DefaultSlotCapacity"/> bytes.</summary>
        public FakeFlashStorage()
            : this(DefaultSlotCount, DefaultSlotCapacity)
        {
        }

        /// <summary>Creates empty slots.</summary>
        /// <param name="slotCount">Number of slots, at least 1.</param>
        /// <param name="slotCapacity">Bytes per slot, at least 1.</param>
        public FakeFlashStorage(int slotCount, int slotCapacity)
        {
            if (slotCount < 1)
            {
                throw new ArgumentOutOfRangeException("slotCount");
            }

            if (slotCapacity < 1)
            {
                throw new ArgumentOutOfRangeException("slotCapacity");
            }

            SlotCount = slotCount;
            SlotCapacity = slotCapacity;
            _slots = new byte[slotCount][];
            _readFails = new bool[slotCount];
            for (int i = 0; i < slotCount; i++)
            {
                _slots[i] = new byte[0];
            }

            LastWriteSlot = -1;
        }

        /// <inheritdoc />
        public int SlotCount { get; }

        /// <inheritdoc />
        public int SlotCapacity { get; }

        /// <summary>Number of <see cref="Read"/> calls, failed ones included.</summary>
        public int ReadCount { get; private set; }

        /// <summary>Number of <see cref="Write"/> calls that completed (returned normally).</summary>
        public int WriteCount { get; private set; }

        /// <summary>Number of <see cref="Write"/> calls, failed and cut ones included.</summary>
        public int WriteAttempts { get; private set; }

        /// <summary>Slot of the last <see cref="Write"/> call, whatever its outcome; -1 before the first.</summary>
        public int LastWriteSlot { get; private set; }

        /// <summary>While true every write throws and leaves the slot untouched (a permanently failed flash).</summary>
        public bool WritesFail { get; set; }

        /// <summary>True while a cut or a one-shot write failure is armed and has not happened yet.</summary>
        public bool HasPendingWriteFault
        {
            get { return _cutAfter != NoCut || _failNextWrites > 0; }
        }

        /// <summary>Makes the next write throw without touching the slot (the adapter reported an error).</summary>
        public void FailNextWrite()
        {
            _failNextWrites++;
        }

        /// <summary>
        /// Simulates power loss during the next write: only the first <paramref name="bytesThatArrive"/>
        /// bytes reach the slot (all of them if the write is shorter), the rest of the slot is left as
        /// <paramref name="mode"/> says, and the write throws a <see cref="FakeFlashException"/> with
        /// <see cref="FakeFlashException.PowerLoss"/> set. A cut after every byte still throws: the
        /// power went before the write could report success. One-shot.
        /// </summary>
        /// <param name="bytesThatArrive">0 or more.</param>
        /// <param name="mode">How the storage replaces a slot's content.</param>
        public void CutNextWrite(int bytesThatArrive, FlashCutMode mode)
        {
            if (bytesThatArrive < 0)
            {
                throw new ArgumentOutOfRangeException("bytesThatArrive");
            }

            _cutAfter = bytesThatArrive;
            _cutMode = mode;
        }

        /// <summary>Disarms every injected fault: pending cuts and write failures, <see cref="WritesFail"/>, read failures.</summary>
        public void ClearFaults()
        {
            _cutAfter = NoCut;
            _failNextWrites = 0;
            WritesFail = false;
            for (int i = 0; i < _readFails.Length; i++)
            {
                _readFails[i] = false;
            }
        }

        /// <summary>Makes every read of one slot throw (or stop throwing).</summary>
        public void SetReadFailure(int slot, bool fail)
        {
            CheckSlot(slot);
            _readFails[slot] = fail;
        }

        /// <summary>Returns a copy of a slot's content; an empty array when the slot is empty.</summary>
        public byte[] GetContent(int slot)
        {
            CheckSlot(slot);
            return Copy(_slots[slot], _slots[slot].Length);
        }

        /// <summary>Number of bytes a slot holds.</summary>
        public int GetLength(int slot)
        {
            CheckSlot(slot);
            return _slots[slot].Length;
        }

        /// <summary>Replaces a slot's content directly, without counting a write or applying faults.</summary>
        /// <param name="slot">Slot number.</param>
        /// <param name="content">New content, copied; null or empty empties the slot. At most <see cref="SlotCapacity"/> bytes.</param>
        public void SetContent(int slot, byte[] content)
        {
            CheckSlot(slot);
            int length = content == null ? 0 : content.Length;
            if (length > SlotCapacity)
            {
                throw new ArgumentOutOfRangeException("content");
            }

            _slots[slot] = Copy(content, length);
        }

        /// <summary>Empties a slot (a missing file).</summary>
        public void Clear(int slot)
        {
            SetContent(slot, null);
        }

        /// <summary>XORs one byte of a slot with <paramref name="mask"/>, to corrupt a stored record.</summary>
        public void FlipBits(int slot, int offset, byte mask)
        {
            CheckSlot(slot);
            if (offset < 0 || offset >= _slots[slot].Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            _slots[slot][offset] ^= mask;
        }

        /// <inheritdoc />
        public int Read(int slot, byte[] buffer)
        {
            CheckSlot(slot);
            ReadCount++;
            if (_readFails[slot])
            {
                throw new FakeFlashException("injected read failure", false);
            }

            byte[] content = _slots[slot];
            int count = content.Length < buffer.Length ? content.Length : buffer.Length;
            Array.Copy(content, buffer, count);
            return count;
        }

        /// <inheritdoc />
        public void Write(int slot, byte[] buffer, int count)
        {
            WriteAttempts++;
            CheckSlot(slot);
            LastWriteSlot = slot;
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (count < 0 || count > SlotCapacity || count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (WritesFail)
            {
                throw new FakeFlashException("injected write failure", false);
            }

            if (_failNextWrites > 0)
            {
                _failNextWrites--;
                throw new FakeFlashException("injected write failure", false);
            }

            if (_cutAfter != NoCut)
            {
                int arrived = _cutAfter < count ? _cutAfter : count;
                _cutAfter = NoCut;
                _slots[slot] = CutContent(_slots[slot], buffer, arrived, _cutMode);
                throw new FakeFlashException("power lost during write", true);
            }

            _slots[slot] = Copy(buffer, count);
            WriteCount++;
        }

        private byte[] CutContent(byte[] old, byte[] buffer, int arrived, FlashCutMode mode)
        {
            byte[] result;
            switch (mode)
            {
                case FlashCutMode.InPlace:
                    result = new byte[old.Length > arrived ? old.Length : arrived];
                    Array.Copy(old, result, old.Length);
                    break;
                case FlashCutMode.EraseThenProgram:
                    result = new byte[SlotCapacity];
                    for (int i = 0; i < result.Length; i++)
                    {
                        result[i] = ErasedByte;
                    }

                    break;
                default:
                    result = new byte[arrived];
                    break;
            }

            Array.Copy(buffer, result, arrived);
            return result;
        }

        private void CheckSlot(int slot)
        {
            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentOutOfRangeException("slot");
            }
        }

        private static byte[] Copy(byte[] source, int length)
        {
            byte[] copy = new byte[length];
            if (length > 0)
            {
                Array.Copy(source, copy, length);
            }

            return copy;
        }
    }
}
