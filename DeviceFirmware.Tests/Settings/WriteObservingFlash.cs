using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// Passes everything to a <see cref="FakeFlashStorage"/> and, at the start of each write, notes
    /// what the store serves for one property: the store must still serve the old value while the
    /// write is under way.
    /// </summary>
    public sealed class WriteObservingFlash : IFlashStorage
    {
        private readonly FakeFlashStorage _inner;
        private readonly int _watchedIndex;

        /// <summary>Creates the wrapper.</summary>
        public WriteObservingFlash(FakeFlashStorage inner, int watchedIndex)
        {
            _inner = inner;
            _watchedIndex = watchedIndex;
        }

        /// <summary>The store to observe; set after creating it.</summary>
        public SettingsStore Store { get; set; }

        /// <summary>Hex of the watched value at the start of the last write.</summary>
        public string WatchedDuringWrite { get; private set; }

        /// <inheritdoc />
        public int SlotCount
        {
            get { return _inner.SlotCount; }
        }

        /// <inheritdoc />
        public int SlotCapacity
        {
            get { return _inner.SlotCapacity; }
        }

        /// <inheritdoc />
        public int Read(int slot, byte[] buffer)
        {
            return _inner.Read(slot, buffer);
        }

        /// <inheritdoc />
        public void Write(int slot, byte[] buffer, int count)
        {
            byte[] value = new byte[Store.GetLength(_watchedIndex)];
            Store.CopyValue(_watchedIndex, value, 0);
            WatchedDuringWrite = Hex.Format(value);
            _inner.Write(slot, buffer, count);
        }
    }
}
