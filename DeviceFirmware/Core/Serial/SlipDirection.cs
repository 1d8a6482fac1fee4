namespace DeviceFirmware.Serial
{
    /// <summary>Which way the frames a <see cref="SlipFrameDecoder"/> reads travel.</summary>
    public enum SlipDirection
    {
        /// <summary>
        /// Host to device: the device's side. Only <see cref="SlipFrame.InfoHostToDevice"/> frames are valid.
        /// </summary>
        HostToDevice = 0,

        /// <summary>
        /// Device to host: the host tools' side. <see cref="SlipFrame.InfoDeviceToHost"/> and
        /// <see cref="SlipFrame.InfoOverMaximum"/> frames are valid.
        /// </summary>
        DeviceToHost = 1,
    }
}
