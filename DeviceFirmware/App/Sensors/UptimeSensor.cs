using System;
using DeviceFirmware.Runtime;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.App.Sensors
{
    /// <summary>Seconds since boot, from the CLR tick counter.</summary>
    public sealed class UptimeSensor : ISensor
    {
        private const long MillisecondsPerSecond = 1000;

        private readonly IClock _clock;

        /// <summary>Creates the sensor.</summary>
        public UptimeSensor(IClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _clock = clock;
        }

        /// <inheritdoc />
        public string Name
        {
            get { return "uptime_s"; }
        }

        /// <inheritdoc />
        public int Decimals
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public bool TryRead(out long scaledValue)
        {
            scaledValue = _clock.UptimeMilliseconds / MillisecondsPerSecond;
            return true;
        }
    }
}
