using System;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Host.Storage;

/// <summary>
/// Flash held in RAM, for benchmarks that measure the firmware's work rather than the disk. Not
/// durable: the simulator uses <see cref="FileFlashStorage"/>.
/// </summary>
public sealed class MemoryFlashStorage : IFlashStorage
{
    private readonly byte[][] _slots;
    private readonly int[] _lengths;

    /// <summary>Creates empty slots.</summary>
    public MemoryFlashStorage(int slotCount = 2, int slotCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCapacity, 1);
        _slots = new byte[slotCount][];
        for (int i = 0; i < slotCount; i++)
        {
            _slots[i] = new byte[slotCapacity];
        }

        _lengths = new int[slotCount];
    }

    /// <inheritdoc />
    public int SlotCount => _slots.Length;

    /// <inheritdoc />
    public int SlotCapacity => _slots[0].Length;

    /// <inheritdoc />
    public int Read(int slot, byte[] buffer)
    {
        Array.Copy(_slots[slot], buffer, _lengths[slot]);
        return _lengths[slot];
    }

    /// <inheritdoc />
    public void Write(int slot, byte[] buffer, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SlotCapacity);
        Array.Copy(buffer, _slots[slot], count);
        _lengths[slot] = count;
    }
}
