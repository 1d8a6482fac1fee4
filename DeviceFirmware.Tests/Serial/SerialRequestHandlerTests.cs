using DeviceFirmware.Protocol;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Protocol;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>
    /// The serial service in front of the real MMS request handler: the seed frames go in as the host
    /// sends them and come out byte for byte as the manual prints the device's answers.
    /// </summary>
    [TestClass]
    public class SerialRequestHandlerTests
    {
        [TestMethod]
        public void SeedGetRequestFrameGetsTheSeedGetResponseFrame()
        {
            Assert.AreEqual(Norm(SeedFrames.GetResponseFrame), Exchange(SeedFrames.GetRequestFrame));
        }

        [TestMethod]
        public void SeedSetRequestFrameGetsTheSeedSetResponseFrame()
        {
            Assert.AreEqual(Norm(SeedFrames.SetResponseFrame), Exchange(SeedFrames.SetRequestFrame));
        }

        [TestMethod]
        public void FrameOverTheHandlersMaximumGetsTheMaximum()
        {
            Assert.AreEqual(1024, MmsRequestHandler.DefaultMaxMessageLength);
            Assert.AreEqual("C00300000400C0", Exchange("C0 00 00000401 C0"));
        }

        private static string Exchange(string requestFrame)
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            FakeSerialChannel channel = new FakeSerialChannel();
            MmsSerialService service = new MmsSerialService(handler, new FakeClock(0), new RecordingLog(), MmsSerialService.DefaultIdleTimeoutMilliseconds);
            channel.Enqueue(Hex.Parse(requestFrame));
            service.Poll(channel);
            return Hex.Format(channel.Output());
        }

        private static string Norm(string hex)
        {
            return Hex.Format(Hex.Parse(hex));
        }
    }
}
