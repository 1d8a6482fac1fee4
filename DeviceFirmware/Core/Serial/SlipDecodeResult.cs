namespace DeviceFirmware.Serial
{
    /// <summary>What the last <see cref="SlipFrameDecoder.Feed"/> call completed.</summary>
    public enum SlipDecodeResult
    {
        /// <summary>No frame completed; every byte given was consumed.</summary>
        None = 0,

        /// <summary>A valid frame completed; its message is in the decoder's buffer until the next call.</summary>
        Frame = 1,

        /// <summary>
        /// A frame with a valid info byte outgrew the maximum message length. It is discarded up to the
        /// next delimiter; this result is given once per such frame so that the device can answer it.
        /// </summary>
        Oversized = 2,
    }
}
