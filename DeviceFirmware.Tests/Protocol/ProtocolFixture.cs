using DeviceFirmware.Runtime;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>Builds a request handler over a fresh store with simulator defaults and RAM-backed flash.</summary>
    internal static class ProtocolFixture
    {
        /// <summary>Device ID of the fixture; names the default topics.</summary>
        public const string DeviceId = "test01";

        /// <summary>Creates a handler and the store it uses.</summary>
        public static MmsRequestHandler NewHandler(out SettingsStore store)
        {
            store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator(DeviceId), NullLog.Instance);
            store.Load();
            return new MmsRequestHandler(store, NullLog.Instance);
        }

        /// <summary>Creates a handler over a store with the given defaults (another identity, say) and RAM flash the test can watch.</summary>
        public static MmsRequestHandler NewHandler(SettingsDefaults defaults, MemoryFlashStorage flash, out SettingsStore store)
        {
            store = new SettingsStore(flash, defaults, NullLog.Instance);
            store.Load();
            return new MmsRequestHandler(store, NullLog.Instance);
        }

        /// <summary>
        /// Sends a request given in hex and checks the whole response. The request is the assertion's
        /// message, so a frame is stated once: the test assembly stays inside nanoFramework's 64 KB
        /// string table, which every literal and every asserted expression's text counts against.
        /// </summary>
        public static void AssertAnswer(MmsRequestHandler handler, string request, string expectedResponse)
        {
            string actual = Exchange(handler, request);
            Assert.AreEqual(expectedResponse, actual, request);
        }

        /// <summary>Sends a request given in hex and returns the response in hex ("(null)" for no answer).</summary>
        public static string Exchange(MmsRequestHandler handler, string requestHex)
        {
            byte[] request = Hex.Parse(requestHex);
            return Hex.Format(handler.Handle(request, 0, request.Length));
        }
    }
}
