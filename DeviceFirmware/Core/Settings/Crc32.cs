namespace DeviceFirmware.Settings
{
    /// <summary>
    /// CRC-32 as IEEE 802.3, zlib and PNG define it: reflected polynomial 0xEDB88320, initial value
    /// and final XOR 0xFFFFFFFF. The check value of the ASCII bytes "123456789" is 0xCBF43926.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from a library so that the core depends on the CoreLibrary
    /// alone and the settings record can be tested byte for byte on the host. It works a nibble at a
    /// time through a 16-entry table: 64 bytes of RAM instead of the 1 KB of the byte-wise table, and
    /// a settings record is only checked at boot and on a write.
    /// </remarks>
    public static class Crc32
    {
        /// <summary>The generator polynomial in reflected (LSB-first) form.</summary>
        public const uint ReflectedPolynomial = 0xEDB88320;

        /// <summary>Register value before the first byte.</summary>
        public const uint InitialValue = 0xFFFFFFFF;

        /// <summary>Value XOR-ed into the register after the last byte.</summary>
        public const uint FinalXor = 0xFFFFFFFF;

        private const int NibbleBits = 4;
        private const int NibbleCount = 16;
        private const uint NibbleMask = 0x0F;

        private static readonly uint[] NibbleTable = BuildNibbleTable();

        /// <summary>Computes the CRC-32 of part of a buffer.</summary>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Offset of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The finished CRC (final XOR applied).</returns>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Update(InitialValue, buffer, offset, count) ^ FinalXor;
        }

        /// <summary>
        /// Feeds bytes into a running CRC register, for data that arrives in pieces. Start with
        /// <see cref="InitialValue"/> and XOR the result with <see cref="FinalXor"/> after the last piece.
        /// </summary>
        /// <param name="register">The register after the previous piece.</param>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Offset of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The register after this piece.</returns>
        public static uint Update(uint register, byte[] buffer, int offset, int count)
        {
            uint crc = register;
            int end = offset + count;

            // The table in a local: a static field is looked up at every use on nanoCLR.
            uint[] table = NibbleTable;
            for (int i = offset; i < end; i++)
            {
                crc ^= buffer[i];

                // Low nibble first: the register is reflected, so the least significant bits leave first.
                crc = (crc >> NibbleBits) ^ table[crc & NibbleMask];
                crc = (crc >> NibbleBits) ^ table[crc & NibbleMask];
            }

            return crc;
        }

        private static uint[] BuildNibbleTable()
        {
            // Entry n is what four shift-and-conditionally-XOR steps do to n, so the polynomial above
            // is the only constant the algorithm rests on.
            uint[] table = new uint[NibbleCount];
            for (uint n = 0; n < NibbleCount; n++)
            {
                uint value = n;
                for (int bit = 0; bit < NibbleBits; bit++)
                {
                    value = (value & 1) != 0 ? (value >> 1) ^ ReflectedPolynomial : value >> 1;
                }

                table[n] = value;
            }

            return table;
        }
    }
}
