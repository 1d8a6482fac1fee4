using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Command 0x1F01 Reset Device (Tables 152-155): the answer, then a reset scheduled once; power off
    /// (81 01 01) and a device that cannot restart answer "feature not available" (80 010113), a bad
    /// option 80 020102, and nothing is scheduled for any failure.
    /// </summary>
    [TestClass]
    public class ResetDeviceTests
    {
        /// <summary>Table 154.</summary>
        private const string Table154 = "AA0081040112 1F01 84021F01";

        [TestMethod]
        public void Table154GetsTable155AndOneReset()
        {
            FakeReboot reset = new FakeReboot(null);
            MmsRequestHandler handler = NewHandler(reset);

            ProtocolFixture.AssertAnswer(handler, Table154, "AA00810482121F01820400000000");
            ProtocolFixture.AssertAnswer(handler, "AA00810401131F01 84051F01810100", "AA00810482131F01820400000000");
            Assert.AreEqual(2, reset.Requests);
        }

        [TestMethod]
        public void WhatTheBoardCannotDoIsNotAvailable()
        {
            FakeReboot reset = new FakeReboot(null);
            MmsRequestHandler handler = NewHandler(reset);

            // Power off needs a battery; option 02 does not exist; another tag is not a Reset parameter.
            ProtocolFixture.AssertAnswer(handler, "AA00810401141F01 84051F01810101", "AA00810482141F01820480010113");
            ProtocolFixture.AssertAnswer(handler, "AA00810401151F01 84051F01810102", "AA00810482151F01820480020102");
            ProtocolFixture.AssertAnswer(handler, "AA00810401161F01 84051F01820100", "AA00810482161F01820480020102");
            ProtocolFixture.AssertAnswer(handler, "AA00810401171F01", "AA00810482171F01820480010102");
            Assert.AreEqual(0, reset.Requests);

            reset.Accepts = false;
            ProtocolFixture.AssertAnswer(handler, Table154, "AA00810482121F01820480010113");
            ProtocolFixture.AssertAnswer(NewHandler(null), Table154, "AA00810482121F01820480010113");
        }

        private static MmsRequestHandler NewHandler(IResetScheduler reset)
        {
            SettingsStore store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), NullLog.Instance);
            store.Load();
            return new MmsRequestHandler(store, reset, NullLog.Instance);
        }
    }
}
