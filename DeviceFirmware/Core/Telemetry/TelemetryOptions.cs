using System;

namespace DeviceFirmware.Telemetry
{
    /// <summary>What the composition decides about telemetry: how often, and the boot's identity.</summary>
    public sealed class TelemetryOptions
    {
        /// <summary>Default time between messages: 10 s.</summary>
        public const int DefaultIntervalMs = 10000;

        /// <summary>Length of a boot ID made by <see cref="NewBootId"/>: 8 hex digits, 32 bits.</summary>
        public const int GeneratedBootIdLength = 8;

        /// <summary>Creates options with the default interval; <see cref="BootId"/> must still be set.</summary>
        public TelemetryOptions()
        {
            IntervalMilliseconds = DefaultIntervalMs;
        }

        /// <summary>Identifies this boot in every payload: 1 to 36 letters, digits, '-' or '_' (for example random hex made at start-up).</summary>
        public string BootId { get; set; }

        /// <summary>Time between messages in milliseconds.</summary>
        public int IntervalMilliseconds { get; set; }

        /// <summary>
        /// Makes a boot ID: 8 random lowercase hex digits. Together with the per-boot sequence number it
        /// tells messages of different boots apart.
        /// </summary>
        public static string NewBootId(Random random)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[GeneratedBootIdLength];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Digits[random.Next(Digits.Length)];
            }

            return new string(chars);
        }

        /// <summary>Throws when a value is out of range; the classes built from these options check again.</summary>
        public void Validate()
        {
            if (!TelemetryPayloadBuilder.IsValidBootId(BootId))
            {
                throw new ArgumentException("BootId must be 1 to 36 letters, digits, '-' or '_'");
            }

            if (IntervalMilliseconds < 1)
            {
                throw new ArgumentException("the telemetry interval must be positive");
            }
        }
    }
}
