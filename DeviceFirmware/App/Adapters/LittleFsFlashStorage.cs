using System;
using System.IO;
using DeviceFirmware.Settings;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The settings store's slots as files on the ESP32's internal LittleFS drive (<c>I:</c>), one
    /// file per slot: <c>settings0.bin</c>, <c>settings1.bin</c>, ... in one folder.
    /// </summary>
    /// <remarks>
    /// A write replaces the whole file: <see cref="FileMode.Create"/>, write, flush, close.
    /// Renaming a temporary file over the slot is not possible from managed code
    /// (<c>File.Move</c> refuses an existing destination), and is not needed: the store keeps two
    /// slots with a checksum and a sequence number, so a slot cut short by power loss is simply
    /// ignored on the next load and the other slot wins (a damaged fallback record in the third slot
    /// reads as none).
    /// </remarks>
    public sealed class LittleFsFlashStorage : IFlashStorage
    {
        private const string SlotFileExtension = ".bin";
        private const string PathSeparator = "\\";

        private readonly string _directory;
        private readonly string[] _paths;
        private readonly int _slotCapacity;

        /// <summary>Creates the storage. Nothing is touched on the drive until the first read or write.</summary>
        /// <param name="directory">Folder of the slot files, for example <c>I:\devicefirmware</c>; created on the first write.</param>
        /// <param name="filePrefix">File name before the slot number, for example <c>settings</c>.</param>
        /// <param name="slotCount">Number of slots, 1 to 10.</param>
        /// <param name="slotCapacity">Largest record a slot accepts, in bytes.</param>
        public LittleFsFlashStorage(string directory, string filePrefix, int slotCount, int slotCapacity)
        {
            if (directory == null || directory.Length == 0)
            {
                throw new ArgumentException("directory must be a path", "directory");
            }

            if (filePrefix == null || filePrefix.Length == 0)
            {
                throw new ArgumentException("file prefix must not be empty", "filePrefix");
            }

            // One decimal digit per slot number keeps the file names fixed.
            if (slotCount < 1 || slotCount > 10)
            {
                throw new ArgumentOutOfRangeException("slotCount");
            }

            if (slotCapacity < 1)
            {
                throw new ArgumentOutOfRangeException("slotCapacity");
            }

            _directory = directory;
            _slotCapacity = slotCapacity;
            _paths = new string[slotCount];
            for (int i = 0; i < slotCount; i++)
            {
                _paths[i] = directory + PathSeparator + filePrefix + i.ToString() + SlotFileExtension;
            }
        }

        /// <inheritdoc />
        public int SlotCount
        {
            get { return _paths.Length; }
        }

        /// <inheritdoc />
        public int SlotCapacity
        {
            get { return _slotCapacity; }
        }

        /// <summary>Full path of a slot's file, for logs.</summary>
        public string PathOf(int slot)
        {
            CheckSlot(slot);
            return _paths[slot];
        }

        /// <inheritdoc />
        public int Read(int slot, byte[] buffer)
        {
            CheckSlot(slot);
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            // A fresh board has neither the folder nor the files, and the fallback slot's file appears
            // only with the first fallback record: that is "empty", not an error.
            if (!Directory.Exists(_directory) || !File.Exists(_paths[slot]))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(_paths[slot], FileMode.Open, FileAccess.Read))
            {
                long length = stream.Length;
                int wanted = _slotCapacity < buffer.Length ? _slotCapacity : buffer.Length;
                if (length < wanted)
                {
                    wanted = (int)length;
                }

                int total = 0;
                while (total < wanted)
                {
                    int read = stream.Read(buffer, total, wanted - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }

        /// <inheritdoc />
        public void Write(int slot, byte[] buffer, int count)
        {
            CheckSlot(slot);
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (count < 0 || count > _slotCapacity || count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (!Directory.Exists(_directory))
            {
                // Not recursive on nanoFramework; the drive root always exists.
                Directory.CreateDirectory(_directory);
            }

            // LittleFS commits the file when it is closed; the using block closes it before returning.
            using (FileStream stream = new FileStream(_paths[slot], FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, 0, count);
                stream.Flush();
            }
        }

        private void CheckSlot(int slot)
        {
            if (slot < 0 || slot >= _paths.Length)
            {
                throw new ArgumentOutOfRangeException("slot");
            }
        }
    }
}
