namespace nanoFramework.Hardware.Esp32
{
    // nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32/DeviceTypePins.cs
    // Values computed from the source's expression DeviceTypes.SERIAL (3 * 0x10000) + n * 0x100 + offset.
    public enum DeviceFunction
    {
        // nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32/DeviceTypePins.cs
        COM2_TX = 0x30200,

        // nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32/DeviceTypePins.cs
        COM2_RX = 0x30201,
    }

    // nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32/Configuration.cs
    public class Configuration
    {
        // nanoFramework.Hardware.Esp32:nanoFramework.Hardware.Esp32/Configuration.cs
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
    }
}
