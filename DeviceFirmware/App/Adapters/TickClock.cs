using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The CLR's millisecond tick counter (<c>Environment.TickCount64</c> from
    /// nanoFramework.Runtime.Native). It starts at boot and is not moved by SNTP or by setting the
    /// real-time clock, unlike <c>DateTime.UtcNow</c>, so timeouts measured with it stay right.
    /// </summary>
    public sealed class TickClock : IClock
    {
        /// <inheritdoc />
        public long UptimeMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
