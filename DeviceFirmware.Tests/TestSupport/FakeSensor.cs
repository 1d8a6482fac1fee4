using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>An <see cref="ISensor"/> whose reading the test sets.</summary>
    public sealed class FakeSensor : ISensor
    {
        /// <summary>Creates a sensor that has a reading.</summary>
        public FakeSensor(string name, int decimals, long scaledValue)
        {
            Name = name;
            Decimals = decimals;
            Value = scaledValue;
            Available = true;
        }

        /// <inheritdoc />
        public string Name { get; }

        /// <inheritdoc />
        public int Decimals { get; }

        /// <summary>The scaled value <see cref="TryRead"/> returns.</summary>
        public long Value { get; set; }

        /// <summary>False to make <see cref="TryRead"/> report no reading.</summary>
        public bool Available { get; set; }

        /// <summary>True to make <see cref="TryRead"/> throw, breaking its contract.</summary>
        public bool Throws { get; set; }

        /// <summary>Number of <see cref="TryRead"/> calls.</summary>
        public int Reads { get; private set; }

        /// <inheritdoc />
        public bool TryRead(out long scaledValue)
        {
            Reads++;
            if (Throws)
            {
                throw new System.InvalidOperationException("sensor fault");
            }

            scaledValue = Value;
            return Available;
        }
    }
}
