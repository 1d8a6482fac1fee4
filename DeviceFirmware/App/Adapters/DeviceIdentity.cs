using System;
using System.Net.NetworkInformation;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// Turns the WLAN MAC address into the device ID that names the MQTT topics and client ID:
    /// twelve upper-case hexadecimal digits, stable for the life of the chip.
    /// </summary>
    public static class DeviceIdentity
    {
        /// <summary>Length of a MAC address in bytes.</summary>
        public const int MacLength = 6;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>The board's device ID from its WLAN MAC address; <see cref="BoardConfiguration.FallbackDeviceId"/> when there is none.</summary>
        public static string Read(ILog log)
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string id = FromMacAddress(interfaces[i].PhysicalAddress);
                        if (id != null)
                        {
                            return id;
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "device ID: " + ex.Message);
            }

            log.Write(LogLevel.Error, "device ID: no MAC address, using \"" + BoardConfiguration.FallbackDeviceId + "\"");
            return BoardConfiguration.FallbackDeviceId;
        }

        /// <summary>Formats a MAC address as hexadecimal digits.</summary>
        /// <param name="mac">The six bytes of a MAC address.</param>
        /// <returns>The ID, or null when <paramref name="mac"/> is not a usable MAC (missing, wrong length, all zeros).</returns>
        public static string FromMacAddress(byte[] mac)
        {
            if (mac == null || mac.Length != MacLength)
            {
                return null;
            }

            bool allZero = true;
            char[] digits = new char[MacLength * 2];
            for (int i = 0; i < MacLength; i++)
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
