using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Device information (property type 2) on the device's runtime: the manual's serial number and
    /// firmware version frames (Tables 1155/1156, 992/993, 977/978) answered byte for byte when the
    /// identity is the manual's example device, and Sets refused. The other manual frames, branch Gets
    /// over type 2 and MagTek's SDK strings are in the host's MagTek tests (the shared test assembly
    /// must stay inside nanoFramework's string table).
    /// </summary>
    [TestClass]
    public class DeviceInformationTests
    {
        [TestMethod]
        public void ManualIdentityAnswersTables1156993978()
        {
            SettingsDefaults defaults = SettingsDefaults.ForSimulator(new DeviceInformation("test01", 0x0B61378A, "DynaFlex Pro"));
            defaults.WithText(PropertyIndex.MainFirmwareVersion, "1000007183-A1-PCI");
            defaults.WithText(PropertyIndex.BootFirmwareVersion, "1000007536-A0-PCI");
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(defaults, new MemoryFlashStorage(), out store);

            ProtocolFixture.AssertAnswer(
                handler,
                "AA00810401B5D1018418D10181072B06010401F6098501028704020101018902C100",
                "AA00810482B5D1018204000000008482001CD10181072B06010401F6098501028704020101018906C104B61378A0");
            ProtocolFixture.AssertAnswer(
                handler,
                "AA0081040108D101841AD10181072B06010401F609850102890AE108E206E204E202C200",
                "AA0081048208D1018204000000008482002DD10181072B06010401F609850102891DE11BE219E217E215C213313030303030373138332D41312D5043490000");
            ProtocolFixture.AssertAnswer(
                handler,
                "AA0081040105D101841AD10181072B06010401F609850102890AE108E206E104E102C200",
                "AA0081048205D1018204000000008482002DD10181072B06010401F609850102891DE11BE219E117E115C213313030303030373533362D41302D5043490000");
        }

        [TestMethod]
        public void SetsOfDeviceInformationAreRefused()
        {
            MemoryFlashStorage flash = new MemoryFlashStorage();
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(SettingsDefaults.ForSimulator("test01"), flash, out store);
            string before = SettingsFixtures.Fingerprint(store);
            string refused = "AA0081048255D111820480020102";

            // The serial number with its own value, and the model name beside the main firmware version.
            ProtocolFixture.AssertAnswer(handler, "AA0081040155D111841CD11181072B06010401F6098501028704020101018906C104D449EF70", refused);
            ProtocolFixture.AssertAnswer(handler, "AA0081040155D1118416D11185010287020102890BE209E207C10178C2027878", refused);

            string after = SettingsFixtures.Fingerprint(store);
            Assert.AreEqual(before, after);
            Assert.AreEqual(0, flash.WriteCount);
        }
    }
}
