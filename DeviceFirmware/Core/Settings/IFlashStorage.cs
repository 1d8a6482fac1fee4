namespace DeviceFirmware.Settings
{
    /// <summary>
    /// The flash the settings store writes to: a fixed number of slots, each holding one record.
    /// On the device each slot is a file on the LittleFS <c>I:</c> drive; on the host each slot is a
    /// region of one file. A write may be cut short by power loss at any byte; the store copes.
    /// </summary>
    public interface IFlashStorage
    {
        /// <summary>Number of slots (the store uses two and alternates between them).</summary>
        int SlotCount { get; }

        /// <summary>Largest record, in bytes, that one slot can hold.</summary>
        int SlotCapacity { get; }

        /// <summary>Reads a slot's content into <paramref name="buffer"/>.</summary>
        /// <param name="slot">Slot number, 0 to <see cref="SlotCount"/> - 1.</param>
        /// <param name="buffer">Receives up to <see cref="SlotCapacity"/> bytes.</param>
        /// <returns>Number of bytes read; 0 when the slot is empty or missing.</returns>
        /// <exception cref="System.Exception">The storage could not be read.</exception>
        int Read(int slot, byte[] buffer);

        /// <summary>Replaces a slot's content. Returns only once the data is durable.</summary>
        /// <param name="slot">Slot number.</param>
        /// <param name="buffer">Record bytes.</param>
        /// <param name="count">Number of bytes to write, at most <see cref="SlotCapacity"/>.</param>
        /// <exception cref="System.Exception">The write failed; the slot's content is undefined.</exception>
        void Write(int slot, byte[] buffer, int count);
    }
}
