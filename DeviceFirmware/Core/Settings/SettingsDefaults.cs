using System;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Factory values of every property, used when flash holds no valid record, and the only values of
    /// the properties flash never holds: the settings the board cannot change (PSK, DHCP, MQTT) and the
    /// device information (firmware IDs from <see cref="FirmwareVersion"/>, serial number and model
    /// from the <see cref="DeviceInformation"/>). They depend on the profile (a real board or the host
    /// simulator) and on the device's identity, whose device ID names the topics.
    /// </summary>
    public sealed class SettingsDefaults
    {
        /// <summary>Plain MQTT port; 8883 (TLS) is the MagTek default, but a fresh board has no CA certificate.</summary>
        public const int DefaultPort = 1883;

        /// <summary>Keep-alive in seconds: short enough to notice a dead broker within two minutes.</summary>
        public const int DefaultKeepAliveSeconds = 60;

        /// <summary>QoS 0, at most once, as the property table specifies.</summary>
        public const int DefaultQos = 0;

        /// <summary>Broker of the simulator profile: a mosquitto on this machine.</summary>
        public const string SimulatorBroker = "127.0.0.1";

        /// <summary>Topic root of the device's subscribe and publish topics.</summary>
        public const string TopicRoot = "DeviceFirmware";

        /// <summary>Longest device ID, so that the derived client ID fits its 32 bytes.</summary>
        public const int MaxDeviceIdLength = 16;

        /// <summary>1.2.2.1.1.3 Security Mode 0x00, PSK (Personal): the only mode the board joins with (Table 678).</summary>
        public const int SecurityModePsk = 0x00;

        /// <summary>1.2.2.1.1.11 WLAN Protocol 0x00, MQTT: the only protocol the board speaks (Table 747).</summary>
        public const int WlanProtocolMqtt = 0x00;

        private const string ClientIdPrefix = "DeviceFirmware-";

        /// <summary>1.2.2.1.1.5 Use DHCP: any value but zero means DHCP; the manual's own value 00000001 (Tables 688-692).</summary>
        private static readonly byte[] DhcpOn = new byte[] { 0x00, 0x00, 0x00, 0x01 };

        // The defaults, packed once the constructor has set them all; replaced as a whole by a later
        // WithText or WithNumber, never changed in place (a store may serve this very snapshot).
        private SettingsSnapshot _values;

        // One array per property while the constructor sets them; null afterwards.
        private byte[][] _building;

        private SettingsDefaults(DeviceInformation device)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            string deviceId = device.DeviceId;
            if (deviceId.Length == 0 || deviceId.Length > MaxDeviceIdLength)
            {
                throw new ArgumentException("device ID must be 1 to 16 characters", "device");
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
                if (!ok)
                {
                    throw new ArgumentException("device ID may hold only letters, digits, '-' and '_'", "device");
                }
            }

            _building = new byte[PropertyTable.Count][];
            Device = device;
            WithText(PropertyIndex.WlanSsid, string.Empty);
            WithText(PropertyIndex.WlanPassword, string.Empty);
            WithNumber(PropertyIndex.WlanSecurityMode, SecurityModePsk);
            Set(PropertyIndex.WlanDhcp, DhcpOn);
            WithNumber(PropertyIndex.WlanProtocol, WlanProtocolMqtt);
            WithText(PropertyIndex.MqttBroker, string.Empty);
            WithNumber(PropertyIndex.MqttPort, DefaultPort);
            WithNumber(PropertyIndex.MqttQos, DefaultQos);
            WithText(PropertyIndex.MqttSubscribeTopic, TopicRoot + "/Device/" + deviceId);
            WithText(PropertyIndex.MqttPublishTopic, TopicRoot + "/Server/" + deviceId);
            WithText(PropertyIndex.MqttClientId, ClientIdPrefix + deviceId);
            WithText(PropertyIndex.MqttUsername, string.Empty);
            WithText(PropertyIndex.MqttPassword, string.Empty);
            WithText(PropertyIndex.MqttPeerName, string.Empty);
            WithNumber(PropertyIndex.MqttKeepAlive, DefaultKeepAliveSeconds);
            WithText(PropertyIndex.BootFirmwareVersion, FirmwareVersion.BootFirmwareId);
            WithText(PropertyIndex.ModelName, device.ModelName);
            WithText(PropertyIndex.MainFirmwareVersion, FirmwareVersion.MainFirmwareId);
            Set(PropertyIndex.SerialNumber, device.SerialNumberBytes());
            _values = new SettingsSnapshot(_building);
            _building = null;
        }

        /// <summary>The identity the topics, client ID, serial number and model name were derived from.</summary>
        public DeviceInformation Device { get; }

        /// <summary>The device ID the topics and client ID were derived from.</summary>
        public string DeviceId
        {
            get { return Device.DeviceId; }
        }

        /// <summary>
        /// Defaults of a real board: no WLAN and no broker, so the board only answers on its serial
        /// port until someone configures it.
        /// </summary>
        /// <param name="device">The board's identity (the ESP32 derives it from its MAC address).</param>
        public static SettingsDefaults ForDevice(DeviceInformation device)
        {
            return new SettingsDefaults(device);
        }

        /// <summary>Board defaults for a device known only by its ID (test rigs): see <see cref="DeviceInformation.FromDeviceId"/>.</summary>
        /// <param name="deviceId">Letters, digits, '-' or '_', at most 16.</param>
        public static SettingsDefaults ForDevice(string deviceId)
        {
            return new SettingsDefaults(DeviceInformation.FromDeviceId(deviceId, DeviceInformation.BoardModelName));
        }

        /// <summary>Defaults of the host simulator: like a board, but with a broker on 127.0.0.1:1883.</summary>
        /// <param name="device">The simulated device's identity.</param>
        public static SettingsDefaults ForSimulator(DeviceInformation device)
        {
            SettingsDefaults defaults = new SettingsDefaults(device);
            defaults.WithText(PropertyIndex.MqttBroker, SimulatorBroker);
            return defaults;
        }

        /// <summary>Simulator defaults for a device ID, with the simulator's model name (see <see cref="DeviceInformation.FromDeviceId"/>).</summary>
        /// <param name="deviceId">Letters, digits, '-' or '_', at most 16.</param>
        public static SettingsDefaults ForSimulator(string deviceId)
        {
            return ForSimulator(DeviceInformation.FromDeviceId(deviceId, DeviceInformation.SimulatorModelName));
        }

        /// <summary>Replaces a text default. The value must pass the property's own validation.</summary>
        /// <returns>This instance, for chaining.</returns>
        public SettingsDefaults WithText(int index, string text)
        {
            byte[] value = text.Length == 0 ? SettingsSnapshot.EmptyValue : new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > (char)0x7E)
                {
                    throw new ArgumentException("default must be ASCII", "text");
                }

                value[i] = (byte)c;
            }

            return Set(index, value);
        }

        /// <summary>Replaces a numeric default (one or two bytes). The value must pass the property's own validation.</summary>
        /// <returns>This instance, for chaining.</returns>
        public SettingsDefaults WithNumber(int index, int number)
        {
            PropertyDefinition property = PropertyTable.Get(index);
            if (property.Kind != PropertyKind.Byte && property.Kind != PropertyKind.UInt16)
            {
                throw new ArgumentException(property.Name + " is not numeric", "index");
            }

            byte[] value = new byte[property.MaxLength];
            if (property.Kind == PropertyKind.UInt16)
            {
                if (number < 0 || number > 0xFFFF)
                {
                    throw new ArgumentOutOfRangeException("number");
                }

                value[0] = (byte)(number >> 8);
                value[1] = (byte)(number & 0xFF);
            }
            else
            {
                if (number < 0 || number > 0xFF)
                {
                    throw new ArgumentOutOfRangeException("number");
                }

                value[0] = (byte)number;
            }

            return Set(index, value);
        }

        /// <summary>Returns the canonical default of one property, in an array of its own.</summary>
        public byte[] Get(int index)
        {
            return _values.CopyOf(index);
        }

        /// <summary>All defaults as one snapshot, which a store serves as it is until the first change.</summary>
        internal SettingsSnapshot Snapshot
        {
            get { return _values; }
        }

        private SettingsDefaults Set(int index, byte[] value)
        {
            // A stored default must be canonical too (text without zero padding), as every value the
            // store takes in must be: the store writes its records without checking them again.
            PropertyDefinition property = PropertyTable.Get(index);
            if (property.Validate(value, 0, value.Length) != PropertyValueError.None
                || (property.IsStored && property.CanonicalLength(value, 0, value.Length) != value.Length))
            {
                throw new ArgumentException("default of " + property.Name + " is not a valid value");
            }

            if (_building != null)
            {
                _building[index] = value;
            }
            else
            {
                byte[][] replaced = new byte[PropertyTable.Count][];
                replaced[index] = value;
                _values = _values.With(replaced);
            }

            return this;
        }
    }
}
