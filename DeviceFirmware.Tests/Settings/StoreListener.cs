using System;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// An <see cref="ISettingsListener"/> that records what it was told and what the store and the
    /// flash looked like at that moment, to prove listeners run only after the write is durable.
    /// </summary>
    public sealed class StoreListener : ISettingsListener
    {
        private readonly FakeFlashStorage _flash;
        private readonly int _watchedIndex;

        /// <summary>Creates a listener.</summary>
        /// <param name="flash">The flash under the store; its completed write count is noted on each call. May be null.</param>
        /// <param name="watchedIndex">Property whose stored length is noted on each call.</param>
        public StoreListener(FakeFlashStorage flash, int watchedIndex)
        {
            _flash = flash;
            _watchedIndex = watchedIndex;
        }

        /// <summary>When true, every call throws after recording.</summary>
        public bool Throws { get; set; }

        /// <summary>Number of calls.</summary>
        public int Calls { get; private set; }

        /// <summary>Set of the last call.</summary>
        public ChangedProperties LastChanged { get; private set; }

        /// <summary>Store passed in the last call.</summary>
        public SettingsStore LastStore { get; private set; }

        /// <summary>Completed flash writes at the last call.</summary>
        public int WritesAtLastCall { get; private set; }

        /// <summary>Value of the watched property, as hex, at the last call.</summary>
        public string WatchedAtLastCall { get; private set; }

        /// <inheritdoc />
        public void OnSettingsChanged(SettingsStore store, ChangedProperties changed)
        {
            Calls++;
            LastChanged = changed;
            LastStore = store;
            WritesAtLastCall = _flash == null ? -1 : _flash.WriteCount;
            byte[] value = new byte[store.GetLength(_watchedIndex)];
            store.CopyValue(_watchedIndex, value, 0);
            WatchedAtLastCall = Hex.Format(value);
            if (Throws)
            {
                throw new InvalidOperationException("listener failure on purpose");
            }
        }
    }
}
