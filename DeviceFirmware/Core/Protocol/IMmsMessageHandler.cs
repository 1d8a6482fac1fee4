namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Answers one MMS message, whatever transport carried it (the UART's SLIP frames, later MQTT).
    /// </summary>
    public interface IMmsMessageHandler
    {
        /// <summary>Largest request message, in bytes, the handler accepts.</summary>
        int MaxMessageLength { get; }

        /// <summary>Handles one complete request message.</summary>
        /// <param name="buffer">Buffer holding the message (from SOM <c>AA</c>, no transport framing).</param>
        /// <param name="offset">Offset of the SOM byte.</param>
        /// <param name="length">Message length in bytes.</param>
        /// <returns>The response message, or null when the request gets no answer (its header was unreadable). Never throws.</returns>
        byte[] Handle(byte[] buffer, int offset, int length);
    }
}
