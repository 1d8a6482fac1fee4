using System;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// Where the device information comes from: serial numbers from a MAC address (the ESP32) or a
    /// device ID (the simulator), their wire form (Table 1154), the firmware IDs from the one version
    /// constant, and the defaults and store that serve them.
    /// </summary>
    [TestClass]
    public class IdentityTests
    {
        [TestMethod]
        public void SerialNumberFromAMac()
        {
            // The last seven hex digits of the MAC: 24:0A:C4:12:34:56 is 4123456.
            string[] rows = new string[] { "240AC4123456", "4123456", "FFFFFFFFFFFF", "FFFFFFF", "A4CF10000001", "0000001" };
            for (int i = 0; i < rows.Length; i += 2)
            {
                string serial = DeviceInformation.FormatSerialNumber(DeviceInformation.SerialNumberFromMac(Hex.Parse(rows[i])));
                Assert.AreEqual(rows[i + 1], serial, rows[i]);
            }

        }

        [TestMethod]
        public void SerialNumberFromADeviceId()
        {
            // The top 28 bits of the CRC-32: "123456789" has the check value CBF43926, "test01" D449EF7E (zlib.crc32).
            string check = DeviceInformation.FormatSerialNumber(DeviceInformation.SerialNumberFromText("123456789"));
            string test01 = DeviceInformation.FormatSerialNumber(DeviceInformation.SerialNumberFromText("test01"));
            Assert.AreEqual("CBF4392", check);
            Assert.AreEqual("D449EF7", test01);
        }

        [TestMethod]
        public void WireFormIsTheDigitsAndAZeroNibble()
        {
            // Table 1154: serial number B603226 is reported as 0xB6, 0x03, 0x22, 0x60.
            int[] serials = new int[] { 0x0B603226, DeviceInformation.MaxSerialNumber, 0 };
            string[] wire = new string[] { "B6032260", "FFFFFFF0", "00000000" };
            for (int i = 0; i < serials.Length; i++)
            {
                DeviceInformation device = new DeviceInformation("d", serials[i], "DynaFlex Pro");
                string bytes = Hex.Format(device.SerialNumberBytes());
                Assert.AreEqual(wire[i], bytes, wire[i]);
                Assert.AreEqual(wire[i].Substring(0, 7), device.SerialNumberText, wire[i]);
            }

            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new DeviceInformation("d", 1 << 28, "DynaFlex Pro"));
        }

        [TestMethod]
        public void FirmwareIdsComeFromTheOneVersion()
        {
            string main = FirmwareVersion.MainFirmwareId;
            string boot = FirmwareVersion.BootFirmwareId;
            Assert.AreEqual("DFMAIN-" + FirmwareVersion.Version + "-STD", main);
            Assert.AreEqual("DFBOOT-" + FirmwareVersion.Version + "-STD", boot);

            // Both fit the manual's 19 bytes with at least one zero after them, as its examples have.
            Assert.IsTrue(main.Length < PropertyTable.FirmwareVersionLength);
            Assert.IsTrue(boot.Length < PropertyTable.FirmwareVersionLength);
        }

        [TestMethod]
        public void TheStoreServesTheIdentityWhateverTheFlashHolds()
        {
            // A record (the defaults of another device, D1) never carries device information.
            MemoryFlashStorage flash = new MemoryFlashStorage();
            byte[] record = SettingsFixtures.Record(5, SettingsFixtures.Snapshot(SettingsFixtures.Defaults()));
            flash.Write(0, record, record.Length);
            SettingsStore store = new SettingsStore(flash, SettingsDefaults.ForSimulator("test01"), NullLog.Instance);
            store.Load();
            byte[] serial = new byte[4];
            store.CopyValue(PropertyIndex.SerialNumber, serial, 0);
            byte[] dhcp = new byte[4];
            store.CopyValue(PropertyIndex.WlanDhcp, dhcp, 0);
            string[] served = new string[]
            {
                store.GetText(PropertyIndex.MqttSubscribeTopic), store.GetText(PropertyIndex.ModelName),
                store.GetText(PropertyIndex.MainFirmwareVersion), Hex.Format(serial),
                Hex.Format(dhcp),
            };

            Assert.AreEqual("DeviceFirmware/Device/D1", served[0]);
            Assert.AreEqual("DeviceFirmware Sim", served[1]);
            Assert.AreEqual(FirmwareVersion.MainFirmwareId, served[2]);
            Assert.AreEqual("D449EF70", served[3]);
            Assert.AreEqual("00000001", served[4]);

            // And the store refuses to change one.
            SettingsChange change = new SettingsChange();
            change.Add(PropertyIndex.SerialNumber, serial, 0, serial.Length);
            Assert.ThrowsException(typeof(ArgumentException), () => store.Apply(change));
        }
    }
}
