using DeviceFirmware.Composition;
using nanoFramework.Runtime.Native;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// Restarts the ESP32 for Reset Device (0x1F01): a real reboot, from which the board boots the
    /// application again. The core's <see cref="ResetScheduler"/> calls it once the answer has left.
    /// </summary>
    public sealed class Esp32Reboot : IReboot
    {
        /// <inheritdoc />
        public void Reboot()
        {
            // static void Power.RebootDevice(): nanoFramework.Runtime.Native
            // nanoFramework.Runtime.Native/Power.cs. It raises Power.OnRebootEvent (nothing here
            // subscribes) and reboots; it does not return. Settings need no flush: every Set was
            // durable before it was answered.
            Power.RebootDevice();
        }
    }
}
