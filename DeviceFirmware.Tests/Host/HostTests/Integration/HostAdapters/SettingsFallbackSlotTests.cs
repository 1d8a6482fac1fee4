using System;
using System.IO;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>The settings store's fallback slot (the connection trial's last known good) in the simulator's flash file.</summary>
public sealed class SettingsFallbackSlotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fallback-").FullName;

    private string FlashPath => Path.Combine(_directory, "flash.bin");

    /// <summary>Removes the test directory.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Proves that a store over a <see cref="FileFlashStorage"/> with its default slots has the fallback
    /// slot, that values saved there are read back by a store over a new instance on the same file (as
    /// after a restart) while the served values stay the newer ones, and that clearing empties it. It
    /// does not prove the trial that uses it (SimulatorRollbackTests does, end to end).
    /// </summary>
    [Fact]
    public void TheFallbackRecord_SurvivesAReopen_AndClears()
    {
        SettingsStore store = Open();
        SettingsSnapshot before = store.Current;
        Assert.True(store.HasFallbackSlot);
        SettingsChange change = new();
        change.Add(PropertyIndex.MqttPort, new byte[] { 0x07, 0x5C }, 0, 2);
        Assert.Equal(SettingsApplyResult.Written, store.Apply(change));

        Assert.True(store.SaveFallback(before));

        SettingsStore reopened = Open();
        reopened.Load();
        Assert.Equal(1884, reopened.GetUInt16(PropertyIndex.MqttPort));
        SettingsSnapshot fallback = reopened.LoadFallback();
        Assert.NotNull(fallback);
        Assert.Equal(1883, fallback.GetUInt16(PropertyIndex.MqttPort));

        reopened.ClearFallback();
        Assert.Null(Open().LoadFallback());
    }

    private SettingsStore Open() => new(new FileFlashStorage(FlashPath), SettingsDefaults.ForSimulator("fallback-1"), NullLog.Instance);
}
