namespace DeviceFirmware.Serial
{
    /// <summary>
    /// The configuration UART as the platform wires it: the ESP32's COM2 on its pins, or the
    /// simulator's pseudo-terminal. The <see cref="SerialLink"/> opens it through this and owns what
    /// it gets.
    /// </summary>
    public interface ISerialPortOpener
    {
        /// <summary>Names the port in log lines ("COM2 (RX GPIO16, TX GPIO17)", a pty path).</summary>
        string Name { get; }

        /// <summary>Opens the port with its baud rate and read timeout set.</summary>
        /// <returns>The open channel; the caller disposes it.</returns>
        /// <exception cref="System.Exception">The port could not be opened; the caller retries later.</exception>
        ISerialChannel Open();
    }
}
