using System;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Serial;

namespace DeviceFirmware.Tests.Host.HostSerial;

/// <summary>Helpers shared by the serial-layer tests.</summary>
internal static class SerialTestSupport
{
    /// <summary>Every byte value once, then the sequences a cooked tty would mangle: NUL, XON/XOFF, CR/LF, ^C, ^D, ^Z, DEL, SLIP's C0/DB.</summary>
    public static byte[] AllByteValues()
    {
        byte[] tricky = { 0x00, 0x00, 0x11, 0x13, 0x11, 0x13, 0x0D, 0x0A, 0x0A, 0x0D, 0x03, 0x04, 0x1A, 0x1C, 0x7F, 0x80, 0xFF, 0xFE, 0xC0, 0xDB, 0xDB, 0xDC, 0xC0, 0xC0, 0x7E, 0x7D };
        byte[] data = new byte[256 + tricky.Length];
        for (int i = 0; i < 256; i++)
        {
            data[i] = (byte)i;
        }

        tricky.CopyTo(data, 256);
        return data;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, or fails after <paramref name="timeoutMilliseconds"/>.</summary>
    public static byte[] ReadExactly(ISerialChannel channel, int count, int timeoutMilliseconds = 5000)
    {
        byte[] result = new byte[count];
        int filled = 0;
        Stopwatch watch = Stopwatch.StartNew();
        while (filled < count)
        {
            if (watch.ElapsedMilliseconds > timeoutMilliseconds)
            {
                throw new TimeoutException($"got {filled} of {count} bytes within {timeoutMilliseconds} ms");
            }

            filled += channel.Read(result, filled, count - filled);
        }

        return result;
    }

    /// <summary>A fresh directory under the temporary folder, for link paths.</summary>
    public static string NewDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "df-serial-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
