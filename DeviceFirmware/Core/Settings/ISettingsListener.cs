namespace DeviceFirmware.Settings
{
    /// <summary>Told about every settings change, after it is durable in flash.</summary>
    public interface ISettingsListener
    {
        /// <summary>Called on the thread that applied the change, after the write completed.</summary>
        /// <param name="store">The store, already holding the new values.</param>
        /// <param name="changed">Which properties changed.</param>
        void OnSettingsChanged(SettingsStore store, ChangedProperties changed);
    }
}
