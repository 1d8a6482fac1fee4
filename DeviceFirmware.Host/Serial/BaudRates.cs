using System;
using DeviceFirmware.Host.Serial.Native;

namespace DeviceFirmware.Host.Serial;

/// <summary>
/// The baud rates <see cref="TermiosSerialPort"/> accepts and their speed_t values. Linux encodes a rate
/// as a B* code in c_cflag's CBAUD bits (B9600 = 0x0D, B115200 = 0x1002, ...), while macOS takes the rate
/// itself; so the same rate has different speed_t values on the two systems.
/// </summary>
public static class BaudRates
{
    private static readonly (int Rate, uint LinuxCode)[] Table =
    {
        (9600, 0x000D),
        (19200, 0x000E),
        (38400, 0x000F),
        (57600, 0x1001),
        (115200, 0x1002),
        (230400, 0x1003),
        (460800, 0x1004),
        (500000, 0x1005),
        (576000, 0x1006),
        (921600, 0x1007),
    };

    /// <summary>The supported rates, lowest first.</summary>
    public static int[] Supported => Array.ConvertAll(Table, entry => entry.Rate);

    /// <summary>Returns the Linux B* code of a rate.</summary>
    /// <returns>False when the rate is not supported.</returns>
    public static bool TryGetLinuxCode(int rate, out uint code)
    {
        foreach ((int Rate, uint LinuxCode) entry in Table)
        {
            if (entry.Rate == rate)
            {
                code = entry.LinuxCode;
                return true;
            }
        }

        code = 0;
        return false;
    }

    /// <summary>Returns the speed_t value for a rate on the running system.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not one of <see cref="Supported"/>.</exception>
    public static uint ToSpeed(int rate)
    {
        if (!TryGetLinuxCode(rate, out uint code))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "unsupported baud rate; use one of " + string.Join(", ", Supported));
        }

        return LibC.IsMacOS ? (uint)rate : code;
    }

    /// <summary>Returns the rate a speed_t value stands for on the running system, or 0 when it is none of the supported ones.</summary>
    public static int FromSpeed(uint speed)
    {
        foreach ((int Rate, uint LinuxCode) entry in Table)
        {
            if ((LibC.IsMacOS ? (uint)entry.Rate : entry.LinuxCode) == speed)
            {
                return entry.Rate;
            }
        }

        return 0;
    }
}
