namespace DeviceFirmware.Settings
{
    /// <summary>What a Get and a Set may do with a property, and whether flash keeps it.</summary>
    public enum PropertyAccess : byte
    {
        /// <summary>A setting: kept in flash, Get returns it, Set stores it.</summary>
        ReadWrite = 0,

        /// <summary>A secret setting: kept in flash, Set stores it, Get returns zeros of its full length.</summary>
        WriteOnly = 1,

        /// <summary>
        /// A setting the board cannot change (it always uses DHCP, PSK, MQTT): not in flash, Get returns
        /// the board's value. A Set of exactly that value succeeds and changes nothing; any other value is
        /// refused like an invalid one.
        /// </summary>
        Fixed = 2,

        /// <summary>
        /// Device information (property type 2): not in flash, derived when the device is composed. Get
        /// returns it; every Set is refused.
        /// </summary>
        ReadOnly = 3,
    }
}
