using System;
using System.Net.NetworkInformation;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The board's identity from its WLAN MAC address, stable for the life of the chip: the device ID
    /// that names the MQTT topics and client ID (twelve upper-case hexadecimal digits) and the serial
    /// number the device reports in property 2.2.1.1.1.1 (the MAC's last seven hexadecimal digits,
    /// <see cref="DeviceInformation.SerialNumberFromMac"/>).
    /// </summary>
    public static class DeviceIdentity
    {
        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>
        /// The board's identity from its WLAN MAC address. Without one, the device ID is
        /// <see cref="BoardConfiguration.FallbackDeviceId"/> and the serial number is derived from it.
        /// </summary>
        public static DeviceInformation Read(ILog log)
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        byte[] mac = interfaces[i].PhysicalAddress;
                        string id = FromMacAddress(mac);
                        if (id != null)
                        {
                            return new DeviceInformation(id, DeviceInformation.SerialNumberFromMac(mac), DeviceInformation.BoardModelName);
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "device ID: " + ex.Message);
            }

            log.Write(LogLevel.Error, "device ID: no MAC address, using \"" + BoardConfiguration.FallbackDeviceId + "\"");
            return DeviceInformation.FromDeviceId(BoardConfiguration.FallbackDeviceId, DeviceInformation.BoardModelName);
        }

        /// <summary>Formats a MAC address as hexadecimal digits.</summary>
        /// <param name="mac">The six bytes of a MAC address.</param>
        /// <returns>The ID, or null when <paramref name="mac"/> is not a usable MAC (missing, wrong length, all zeros).</returns>
        public static string FromMacAddress(byte[] mac)
        {
            if (mac == null || mac.Length != DeviceInformation.MacLength)
            {
                return null;
            }

            bool allZero = true;
            char[] digits = new char[DeviceInformation.MacLength * 2];
            for (int i = 0; i < DeviceInformation.MacLength; i++)
            {
                byte b = mac[i];
                if (b != 0)
                {
                    allZero = false;
                }

                digits[2 * i] = HexDigits[b >> 4];
                digits[(2 * i) + 1] = HexDigits[b & 0x0F];
            }

            return allZero ? null : new string(digits);
        }
    }
}
