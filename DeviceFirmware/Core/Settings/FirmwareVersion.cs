namespace DeviceFirmware.Settings
{
    /// <summary>
    /// The firmware's release, written once: the assemblies' <c>AssemblyVersion</c> (core and
    /// application) and the firmware IDs the device reports in properties 2.1.2.2.2.2 and 2.1.2.1.1.2
    /// all derive from <see cref="Version"/>.
    /// </summary>
    /// <remarks>
    /// MagTek's manual reports a firmware version as "PartNumber-Version-PCI", zero-padded to 19 bytes
    /// (Main Firmware Version, Tables 991-993: "1000007183-A1-PCI"). This firmware keeps the three
    /// dash-separated fields with its own values: a part number naming the image, the release, and
    /// "STD" where MagTek's PCI-certified builds say PCI. The ESP32 boots the nanoFramework firmware,
    /// which boots this application; there is no bootloader of ours, so the boot ID carries the same
    /// release under its own part number.
    /// </remarks>
    public static class FirmwareVersion
    {
        /// <summary>The release, major.minor.patch.</summary>
        public const string Version = "1.1.0";

        /// <summary>The assemblies' version: the release and a zero revision.</summary>
        public const string AssemblyVersion = Version + ".0";

        /// <summary>Part number of the application image (first field of the main firmware ID).</summary>
        public const string MainPartNumber = "DFMAIN";

        /// <summary>Part number reported for the boot firmware (first field of the boot firmware ID).</summary>
        public const string BootPartNumber = "DFBOOT";

        /// <summary>Third field of both IDs: a standard build, where MagTek's certified firmware says PCI.</summary>
        public const string BuildKind = "STD";

        /// <summary>Main firmware ID, property 2.1.2.2.2.2: <c>DFMAIN-1.1.0-STD</c>.</summary>
        public const string MainFirmwareId = MainPartNumber + "-" + Version + "-" + BuildKind;

        /// <summary>Boot firmware ID, property 2.1.2.1.1.2: <c>DFBOOT-1.1.0-STD</c>.</summary>
        public const string BootFirmwareId = BootPartNumber + "-" + Version + "-" + BuildKind;
    }
}
