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
            store = new SettingsStore(new RamFlash(), SettingsDefaults.ForSimulator(DeviceId), null);
            store.Load();
            return new MmsRequestHandler(store, null);
        }

        /// <summary>Sends a request given in hex and returns the response in hex ("(null)" for no answer).</summary>
        public static string Exchange(MmsRequestHandler handler, string requestHex)
        {
            byte[] request = Hex.Parse(requestHex);
            return Hex.Format(handler.Handle(request, 0, request.Length));
        }

        /// <summary>Flash held in RAM: enough for protocol tests, which do not test durability.</summary>
        private sealed class RamFlash : IFlashStorage
        {
            private readonly byte[][] _slots = new byte[2][];

            public int SlotCount
            {
                get { return 2; }
            }

            public int SlotCapacity
            {
                get { return 1024; }
            }

            public int Read(int slot, byte[] buffer)
            {
                byte[] data = _slots[slot];
                if (data == null)
                {
                    return 0;
                }

                System.Array.Copy(data, buffer, data.Length);
                return data.Length;
            }

            public void Write(int slot, byte[] buffer, int count)
            {
                byte[] data = new byte[count];
                System.Array.Copy(buffer, data, count);
                _slots[slot] = data;
            }
        }
    }
}
