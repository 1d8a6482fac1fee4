using System;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.App.Sensors
{
    /// <summary>
    /// Free bytes in the managed heap. nanoFramework reports them only as the result of a garbage
    /// collection (<c>nanoFramework.Runtime.Native.GC.Run</c>), so each reading runs one, without
    /// compaction to keep it short. Read it once per telemetry period, not in a tight loop.
    /// </summary>
    public sealed class FreeMemorySensor : ISensor
    {
        /// <summary>No compaction: a plain collection is enough to count free memory.</summary>
        private const bool CompactHeap = false;

        /// <inheritdoc />
        public string Name
        {
            get { return "free_heap_bytes"; }
        }

        /// <inheritdoc />
        public int Decimals
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public bool TryRead(out long scaledValue)
        {
            try
            {
                scaledValue = nanoFramework.Runtime.Native.GC.Run(CompactHeap);
                return true;
            }
            catch (Exception)
            {
                scaledValue = 0;
                return false;
            }
        }
    }
}
