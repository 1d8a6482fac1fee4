using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// A WLAN setting the board cannot change, on the device's runtime: Get answers the board's value
    /// (Tables 679/680, Security Mode PSK), a Set of that value succeeds and writes nothing, another
    /// value is refused with 80 020102. The other manual frames (Use DHCP, WLAN Protocol, Device Name)
    /// and the all-or-nothing Set beside a stored setting are in the host's MagTek tests.
    /// </summary>
    [TestClass]
    public class FixedWlanSettingsTests
    {
        [TestMethod]
        public void SecurityModeIsPsk()
        {
            MemoryFlashStorage flash = new MemoryFlashStorage();
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), flash, out store);

            ProtocolFixture.AssertAnswer(
                handler,
                "AA0081040103D101841AD10181072B06010401F609850101890AE208E206E104E102C300",
                "AA0081048203D1018204000000008482001BD10181072B06010401F609850101890BE209E207E105E103C30100");

            // Table 681 asks for EAP-PEAP (01); the same frame asking for PSK (00) gets Table 682's answer with 00.
            ProtocolFixture.AssertAnswer(handler, "AA0081040104D111841BD11181072B06010401F609850101890BE209E207E105E103C30101", "AA0081048204D111820480020102");
            ProtocolFixture.AssertAnswer(
                handler,
                "AA0081040104D111841BD11181072B06010401F609850101890BE209E207E105E103C30100",
                "AA0081048204D1118204000000008482001BD11181072B06010401F609850101890BE209E207E105E103C30100");
            Assert.AreEqual(0, flash.WriteCount);
        }
    }
}
