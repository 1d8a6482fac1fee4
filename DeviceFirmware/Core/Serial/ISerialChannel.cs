namespace DeviceFirmware.Serial
{
    /// <summary>
    /// A byte stream to the configuring host: the ESP32's COM2 UART, or a pseudo-terminal on the host.
    /// An <see cref="ISerialPortOpener"/> opens it; the <see cref="SerialLink"/> that asked for it
    /// disposes it when it fails or the device stops.
    /// </summary>
    public interface ISerialChannel : System.IDisposable
    {
        /// <summary>
        /// Reads the bytes that are available, waiting at most the channel's read timeout for the first.
        /// </summary>
        /// <param name="buffer">Receives the bytes.</param>
        /// <param name="offset">Where the first byte goes.</param>
        /// <param name="count">Largest number of bytes to read.</param>
        /// <returns>Number of bytes read; 0 when none arrived within the timeout.</returns>
        /// <exception cref="System.Exception">The channel failed or was closed.</exception>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes all <paramref name="count"/> bytes.</summary>
        /// <exception cref="System.Exception">The channel failed or was closed.</exception>
        void Write(byte[] buffer, int offset, int count);
    }
}
