using System;
using System.Buffers.Binary;
using System.IO;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Host.Storage;

/// <summary>
/// <see cref="IFlashStorage"/> in one file (the simulator's <c>--flash FILE</c>): a fixed-size region per
/// slot, each a 4-byte little-endian record length followed by <see cref="SlotCapacity"/> data bytes.
/// <see cref="Write"/> returns only after the region is flushed to the disk (fsync), so a record
/// acknowledged to the caller survives a SIGKILL or power cut right after.
/// </summary>
/// <remarks>
/// The file is opened per call and never held open, so another process (a test, or the next
/// simulator run) sees exactly what is on disk. A region that is missing (short or absent file) or
/// whose length field is out of range reads as empty; the settings store's own checks reject a torn
/// record. Thread-safe within one process.
/// </remarks>
public sealed class FileFlashStorage : IFlashStorage
{
    /// <summary>
    /// Slot count the settings store uses: the two it alternates between and the third, where a
    /// connection trial keeps the last known good values (<see cref="SettingsStore.FallbackSlot"/>).
    /// A file written with two slots reads the same: its missing third region reads as empty.
    /// </summary>
    public const int DefaultSlotCount = SettingsStore.FallbackSlot + 1;

    /// <summary>Record capacity of one slot, as on the device.</summary>
    public const int DefaultSlotCapacity = 1024;

    /// <summary>Size of the length field in front of each slot's data.</summary>
    public const int HeaderSize = 4;

    private readonly object _sync = new();

    /// <summary>Creates the storage for <paramref name="path"/>; the file is created by the first write.</summary>
    /// <param name="path">The flash image file.</param>
    /// <param name="slotCount">Number of slots, at least 1.</param>
    /// <param name="slotCapacity">Bytes one slot can hold, at least 1.</param>
    public FileFlashStorage(string path, int slotCount = DefaultSlotCount, int slotCapacity = DefaultSlotCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCapacity, 1);
        Path = System.IO.Path.GetFullPath(path);
        SlotCount = slotCount;
        SlotCapacity = slotCapacity;
    }

    /// <summary>Full path of the flash image file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public int SlotCount { get; }

    /// <inheritdoc />
    public int SlotCapacity { get; }

    /// <summary>Bytes one slot occupies in the file (length field plus capacity).</summary>
    public int RegionSize => HeaderSize + SlotCapacity;

    /// <inheritdoc />
    public int Read(int slot, byte[] buffer)
    {
        CheckSlot(slot);
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_sync)
        {
            if (!File.Exists(Path))
            {
                return 0;
            }

            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            long start = (long)slot * RegionSize;
            if (file.Length < start + HeaderSize)
            {
                return 0;
            }

            file.Position = start;
            var header = new byte[HeaderSize];
            file.ReadExactly(header);
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (stored == 0 || stored > (uint)SlotCapacity)
            {
                // Zero is an erased or never-written slot; larger is a torn or foreign header.
                return 0;
            }

            int length = (int)stored;
            long available = file.Length - (start + HeaderSize);
            if (available < length)
            {
                return 0;
            }

            int count = Math.Min(length, buffer.Length);
            file.ReadExactly(buffer, 0, count);
            return count;
        }
    }

    /// <inheritdoc />
    public void Write(int slot, byte[] buffer, int count)
    {
        CheckSlot(slot);
        ArgumentNullException.ThrowIfNull(buffer);
        if (count < 0 || count > SlotCapacity || count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"0 to {Math.Min(SlotCapacity, buffer.Length)}");
        }

        // The whole region is rewritten (zero fill after the record) so the file always has its fixed
        // layout and no bytes of an older, longer record linger.
        var region = new byte[RegionSize];
        BinaryPrimitives.WriteUInt32LittleEndian(region, (uint)count);
        Array.Copy(buffer, 0, region, HeaderSize, count);
        lock (_sync)
        {
            string directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            bool created = !File.Exists(Path);
            using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            long start = (long)slot * RegionSize;
            if (file.Length < start)
            {
                // Regions in front of this one that were never written read back as empty.
                file.SetLength(start);
            }

            file.Position = start;
            file.Write(region, 0, region.Length);

            // fsync: Write's promise is durability, not just "handed to the page cache".
            file.Flush(flushToDisk: true);
            if (created)
            {
                // A new file's name lives in the directory: make that durable too, once.
                DirectorySync.Flush(directory);
            }
        }
    }

    /// <summary>
    /// Creates the image file empty when there is none: erased flash, every slot reads as empty, as a
    /// new board's. The name is made durable (directory fsync). A simulator fleet does this at start,
    /// so that its directory lists every device from the beginning, not only those that stored a setting.
    /// </summary>
    /// <returns>True when this call created the file.</returns>
    public bool CreateIfMissing()
    {
        lock (_sync)
        {
            string directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            try
            {
                using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            }
            catch (IOException) when (File.Exists(Path))
            {
                return false;
            }

            DirectorySync.Flush(directory);
            return true;
        }
    }

    private void CheckSlot(int slot)
    {
        if (slot < 0 || slot >= SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"0 to {SlotCount - 1}");
        }
    }
}
