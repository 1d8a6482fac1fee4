using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DeviceFirmware.Host.Storage;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>FileFlashStorage against the real file system: layout, empty and torn regions, persistence across instances.</summary>
public sealed class FileFlashStorageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flash-").FullName;

    private string FlashPath => Path.Combine(_directory, "sub", "flash.bin");

    /// <summary>Removes the test directory.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_missing_file_reads_as_three_empty_slots_of_1024_bytes()
    {
        var flash = new FileFlashStorage(FlashPath);
        Assert.Equal(3, flash.SlotCount);
        Assert.Equal(1024, flash.SlotCapacity);
        var buffer = new byte[flash.SlotCapacity];
        Assert.Equal(0, flash.Read(0, buffer));
        Assert.Equal(0, flash.Read(1, buffer));
        Assert.Equal(0, flash.Read(2, buffer));
        Assert.False(File.Exists(FlashPath));
    }

    /// <summary>
    /// Proves a file written before the third slot existed (two regions, 2056 bytes) still loads, and
    /// that its third region reads as empty until the first fallback write extends the file. Does not
    /// prove anything about the settings store's use of the slot (SettingsFallbackSlotTests does).
    /// </summary>
    [Fact]
    public void A_two_slot_file_reads_the_same_and_gains_its_third_region_on_the_first_write_there()
    {
        var flash = new FileFlashStorage(FlashPath);
        flash.Write(1, new byte[] { 1, 2, 3 }, 3);
        Assert.Equal(2 * (FileFlashStorage.HeaderSize + 1024), new FileInfo(FlashPath).Length);
        var buffer = new byte[1024];
        Assert.Equal(0, flash.Read(2, buffer));

        flash.Write(2, new byte[] { 9 }, 1);

        Assert.Equal(3 * (FileFlashStorage.HeaderSize + 1024), new FileInfo(FlashPath).Length);
        Assert.Equal(1, flash.Read(2, buffer));
        Assert.Equal(9, buffer[0]);
        Assert.Equal(3, flash.Read(1, buffer));
    }

    [Fact]
    public void A_written_record_reads_back_from_a_new_instance_and_the_other_slot_stays_empty()
    {
        byte[] record = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        new FileFlashStorage(FlashPath).Write(0, record, record.Length);

        var reopened = new FileFlashStorage(FlashPath);
        var buffer = new byte[reopened.SlotCapacity];
        Assert.Equal(record.Length, reopened.Read(0, buffer));
        Assert.Equal(record, buffer.Take(record.Length));
        Assert.Equal(0, reopened.Read(1, buffer));
    }

    [Fact]
    public void Writing_only_the_second_slot_leaves_the_first_empty_and_the_file_at_its_fixed_size()
    {
        var flash = new FileFlashStorage(FlashPath);
        flash.Write(1, new byte[] { 1, 2, 3 }, 3);
        var buffer = new byte[flash.SlotCapacity];
        Assert.Equal(0, flash.Read(0, buffer));
        Assert.Equal(3, flash.Read(1, buffer));
        Assert.Equal(2 * (FileFlashStorage.HeaderSize + 1024), new FileInfo(FlashPath).Length);
    }

    [Fact]
    public void A_shorter_record_replaces_a_longer_one_without_leftover_bytes()
    {
        var flash = new FileFlashStorage(FlashPath);
        byte[] full = Enumerable.Repeat((byte)0xAB, 1024).ToArray();
        flash.Write(0, full, full.Length);
        flash.Write(0, new byte[] { 9, 8 }, 2);

        var buffer = new byte[1024];
        Assert.Equal(2, flash.Read(0, buffer));
        byte[] image = File.ReadAllBytes(FlashPath);
        Assert.All(image.Skip(FileFlashStorage.HeaderSize + 2).Take(1022), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Exactly_capacity_fits_and_more_is_refused()
    {
        var flash = new FileFlashStorage(FlashPath);
        byte[] max = Enumerable.Range(0, 1025).Select(i => (byte)i).ToArray();
        flash.Write(1, max, 1024);
        var buffer = new byte[1024];
        Assert.Equal(1024, flash.Read(1, buffer));
        Assert.Equal(max.Take(1024), buffer);
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Write(1, max, 1025));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Write(0, new byte[3], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Write(3, new byte[1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Read(-1, buffer));
    }

    [Fact]
    public void A_zero_length_write_empties_the_slot()
    {
        var flash = new FileFlashStorage(FlashPath);
        flash.Write(0, new byte[] { 5 }, 1);
        flash.Write(0, Array.Empty<byte>(), 0);
        Assert.Equal(0, flash.Read(0, new byte[1024]));
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(1025u)]
    public void An_impossible_length_field_reads_as_empty(uint length)
    {
        var flash = new FileFlashStorage(FlashPath);
        flash.Write(0, new byte[] { 1, 2, 3 }, 3);
        using (var file = new FileStream(FlashPath, FileMode.Open, FileAccess.Write))
        {
            file.Write(BitConverter.GetBytes(length));
        }

        Assert.Equal(0, flash.Read(0, new byte[1024]));
    }

    [Fact]
    public void A_file_cut_short_inside_a_record_reads_that_slot_as_empty()
    {
        var flash = new FileFlashStorage(FlashPath);
        flash.Write(1, Enumerable.Repeat((byte)7, 500).ToArray(), 500);
        using (var file = new FileStream(FlashPath, FileMode.Open, FileAccess.Write))
        {
            // As if power failed while the file was being extended: header present, data not.
            file.SetLength(1028 + FileFlashStorage.HeaderSize + 100);
        }

        Assert.Equal(0, flash.Read(1, new byte[1024]));
    }

    [Fact]
    public void Concurrent_writes_to_both_slots_from_two_instances_keep_both_records_whole()
    {
        var a = new FileFlashStorage(FlashPath);
        var b = new FileFlashStorage(FlashPath);
        Parallel.For(0, 40, i =>
        {
            byte[] record = Enumerable.Repeat((byte)i, 100 + i).ToArray();
            (i % 2 == 0 ? a : b).Write(i % 2, record, record.Length);
        });

        var buffer = new byte[1024];
        for (int slot = 0; slot < 2; slot++)
        {
            int n = a.Read(slot, buffer);
            Assert.InRange(n, 100, 139);
            Assert.All(buffer.Take(n), x => Assert.Equal(buffer[0], x));
            Assert.Equal(n - 100, buffer[0]);
        }
    }
}
