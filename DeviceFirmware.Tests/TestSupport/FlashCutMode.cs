namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// What a slot holds after <see cref="FakeFlashStorage.CutNextWrite"/> cut a write after N bytes,
    /// that is, how the storage underneath replaces a slot's content.
    /// </summary>
    public enum FlashCutMode
    {
        /// <summary>
        /// Overwrite in place (a region of a file, or raw flash rewritten byte by byte): the first N
        /// new bytes arrived, every byte after them keeps the old content, and the slot is at least
        /// as long as it was.
        /// </summary>
        InPlace = 0,

        /// <summary>
        /// Truncate, then write (LittleFS <c>FileMode.Create</c>, C <c>fopen("w")</c>): the slot was
        /// emptied first and only the first N new bytes arrived, so it is exactly N bytes long.
        /// </summary>
        Truncate = 1,

        /// <summary>
        /// Erase, then program (raw NOR flash: a sector erase sets every bit, programming clears bits):
        /// the first N new bytes arrived and the rest of the slot, up to its capacity, reads 0xFF.
        /// </summary>
        EraseThenProgram = 2,
    }
}
