using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Who the device is: the device ID that names its MQTT topics, the serial number and model name
    /// it reports as device information (property type 2). Derived when the device is composed, from
    /// the board's stable identity (the WLAN MAC on the ESP32, the device ID in the simulator); never
    /// stored in flash.
    /// </summary>
    public sealed class DeviceInformation
    {
        /// <summary>Number of hexadecimal digits in a serial number.</summary>
        public const int SerialNumberDigits = 7;

        /// <summary>Largest serial number: seven hexadecimal digits, FFFFFFF.</summary>
        public const int MaxSerialNumber = 0x0FFFFFFF;

        /// <summary>Model name of a real board (2.1.2.2.2.1; 10 to 20 characters).</summary>
        public const string BoardModelName = "DeviceFirmware";

        /// <summary>Model name of the host simulator, so that a host can tell it from a board.</summary>
        public const string SimulatorModelName = "DeviceFirmware Sim";

        /// <summary>Length of a MAC address in bytes.</summary>
        public const int MacLength = 6;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>Creates the device's identity.</summary>
        /// <param name="deviceId">Names the default topics and client ID (see <see cref="SettingsDefaults"/>).</param>
        /// <param name="serialNumber">0 to <see cref="MaxSerialNumber"/>: seven hexadecimal digits.</param>
        /// <param name="modelName">Printable ASCII, 10 to 20 characters.</param>
        public DeviceInformation(string deviceId, int serialNumber, string modelName)
        {
            if (deviceId == null)
            {
                throw new ArgumentNullException("deviceId");
            }

            if (serialNumber < 0 || serialNumber > MaxSerialNumber)
            {
                throw new ArgumentOutOfRangeException("serialNumber");
            }

            if (modelName == null || modelName.Length < PropertyTable.ModelNameMinLength || modelName.Length > PropertyTable.ModelNameMaxLength)
            {
                throw new ArgumentException("model name must be 10 to 20 characters", "modelName");
            }

            DeviceId = deviceId;
            SerialNumber = serialNumber;
            ModelName = modelName;
        }

        /// <summary>Names the default topics and the client ID.</summary>
        public string DeviceId { get; }

        /// <summary>The serial number, 0 to <see cref="MaxSerialNumber"/>.</summary>
        public int SerialNumber { get; }

        /// <summary>The model name the device reports.</summary>
        public string ModelName { get; }

        /// <summary>The serial number as seven upper-case hexadecimal digits, as MagTek prints it ("B61378A").</summary>
        public string SerialNumberText
        {
            get { return FormatSerialNumber(SerialNumber); }
        }

        /// <summary>
        /// The identity of a device known only by its device ID (the simulator, test rigs): the serial
        /// number is <see cref="SerialNumberFromText"/> of the ID.
        /// </summary>
        public static DeviceInformation FromDeviceId(string deviceId, string modelName)
        {
            if (deviceId == null)
            {
                throw new ArgumentNullException("deviceId");
            }

            return new DeviceInformation(deviceId, SerialNumberFromText(deviceId), modelName);
        }

        /// <summary>
        /// The serial number of an ESP32: the last seven hexadecimal digits of its WLAN MAC address
        /// (the low nibble of the fourth byte and the three bytes after it), so that the label on the
        /// module tells it. MAC 24:0A:C4:12:34:56 gives serial number 4123456.
        /// </summary>
        /// <param name="mac">The six bytes of the MAC address.</param>
        public static int SerialNumberFromMac(byte[] mac)
        {
            if (mac == null || mac.Length != MacLength)
            {
                throw new ArgumentException("a MAC address has six bytes", "mac");
            }

            return ((mac[2] & 0x0F) << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5];
        }

        /// <summary>
        /// The serial number of a device known by a text ID: the first seven hexadecimal digits of the
        /// CRC-32 (IEEE) of the ID's ASCII bytes. "123456789" (CRC-32 CBF43926) gives CBF4392.
        /// </summary>
        public static int SerialNumberFromText(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return (int)(Crc32.Compute(bytes, 0, bytes.Length) >> 4);
        }

        /// <summary>Formats a serial number as seven upper-case hexadecimal digits.</summary>
        public static string FormatSerialNumber(int serialNumber)
        {
            if (serialNumber < 0 || serialNumber > MaxSerialNumber)
            {
                throw new ArgumentOutOfRangeException("serialNumber");
            }

            char[] digits = new char[SerialNumberDigits];
            for (int i = SerialNumberDigits - 1; i >= 0; i--)
            {
                digits[i] = HexDigits[serialNumber & 0x0F];
                serialNumber >>= 4;
            }

            return new string(digits);
        }

        /// <summary>
        /// The wire form of property 2.2.1.1.1.1 (Table 1154): the seven digits as nibbles, left to
        /// right, then a zero nibble. Serial number B603226 is 0xB6 0x03 0x22 0x60.
        /// </summary>
        public byte[] SerialNumberBytes()
        {
            int value = SerialNumber << 4;
            return new byte[] { (byte)((value >> 24) & 0xFF), (byte)((value >> 16) & 0xFF), (byte)((value >> 8) & 0xFF), (byte)(value & 0xFF) };
        }
    }
}
