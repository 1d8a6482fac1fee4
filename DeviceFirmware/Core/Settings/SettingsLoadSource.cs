namespace DeviceFirmware.Settings
{
    /// <summary>Where <see cref="SettingsStore.Load"/> found the values it serves.</summary>
    public enum SettingsLoadSource : byte
    {
        /// <summary>No slot held a valid record; the values are the factory defaults.</summary>
        Defaults = 0,

        /// <summary>The newest valid record was in slot 0.</summary>
        Slot0 = 1,

        /// <summary>The newest valid record was in slot 1.</summary>
        Slot1 = 2,
    }
}
