using DeviceFirmware.Runtime;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;

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

        /// <summary>Sends a request given in hex and returns the response in hex ("(null)" for no answer).</summary>
        public static string Exchange(MmsRequestHandler handler, string requestHex)
        {
            byte[] request = Hex.Parse(requestHex);
            return Hex.Format(handler.Handle(request, 0, request.Length));
        }
    }
}
