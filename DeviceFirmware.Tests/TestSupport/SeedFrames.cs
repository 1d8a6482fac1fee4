namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// The four seed MMS messages of property 1.2.2.1.2.3 (MQTT QoS), as the manual prints them, and
    /// the same messages in SLIP frames, written out byte for byte: C0 | info | length (BE) | message | C0.
    /// None of these messages holds a C0 or DB, so their frames have no escapes.
    /// </summary>
    public static class SeedFrames
    {
        /// <summary>Get Property request, 25 bytes.</summary>
        public const string GetRequest = "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300";

        /// <summary>Get request host to device: info 00, length 0x19.</summary>
        public const string GetRequestFrame = "C0 00 00000019 AA00 8104 0155D101 840F D101 850101 870402020102 8902 C300 C0";

        /// <summary>Get Property response, 34 bytes.</summary>
        public const string GetResponse = "AA0081048255D10182040000000084820010D1018501018704020201028903C30100";

        /// <summary>Get response device to host: info 02, length 0x22.</summary>
        public const string GetResponseFrame = "C0 02 00000022 AA00 8104 8255D101 8204 00000000 8482 0010 D101 850101 870402020102 8903 C30100 C0";

        /// <summary>Set Property request, 26 bytes.</summary>
        public const string SetRequest = "AA0081040155D1118410D111850101870402020102 8903C30100";

        /// <summary>Set request host to device: info 00, length 0x1A.</summary>
        public const string SetRequestFrame = "C0 00 0000001A AA00 8104 0155D111 8410 D111 850101 870402020102 8903 C30100 C0";

        /// <summary>Set Property response, 34 bytes.</summary>
        public const string SetResponse = "AA0081048255D11182040000000084820010D1118501018704020201028903C30100";

        /// <summary>Set response device to host: info 02, length 0x22.</summary>
        public const string SetResponseFrame = "C0 02 00000022 AA00 8104 8255D111 8204 00000000 8482 0010 D111 850101 870402020102 8903 C30100 C0";
    }
}
