namespace DeviceFirmware.Composition
{
    /// <summary>
    /// Restarts the device: a real reboot on the board (nanoFramework's Power.RebootDevice), a fresh
    /// composition of the same parts in the simulator. Called after the answer to a Reset Device
    /// request has left.
    /// </summary>
    public interface IReboot
    {
        /// <summary>Restarts the device. On the board this does not return.</summary>
        void Reboot();
    }
}
