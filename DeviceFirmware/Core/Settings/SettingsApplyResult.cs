namespace DeviceFirmware.Settings
{
    /// <summary>Outcome of <see cref="SettingsStore.Apply(SettingsChange)"/>.</summary>
    public enum SettingsApplyResult : byte
    {
        /// <summary>The new values are durable in flash and listeners were told.</summary>
        Written = 0,

        /// <summary>Every value equalled the stored one, so nothing was written (flash wear).</summary>
        Unchanged = 1,

        /// <summary>The flash write failed; the stored values are the old ones.</summary>
        StorageFailed = 2,
    }
}
