using System;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Serial.Native;

/// <summary>
/// A <c>struct termios</c> held as bytes, with the two layouts this code runs on:
/// Linux glibc: four 32-bit flag words, <c>c_line</c>, <c>c_cc[32]</c> at offset 17, then the two
/// speeds (60 bytes); macOS: four <c>unsigned long</c> flag words, <c>c_cc[20]</c> at offset 32, then
/// two <c>unsigned long</c> speeds (72 bytes). The buffer is larger than either, so a libc that writes
/// a few more bytes than expected cannot overrun it.
/// </summary>
internal sealed class Termios
{
    private const int BufferSize = 128;

    private static readonly int FlagSize = LibC.IsMacOS ? 8 : 4;
    private static readonly int ControlCharsOffset = LibC.IsMacOS ? 32 : 17;

    /// <summary>Index of VMIN in c_cc.</summary>
    public static readonly int VMin = LibC.IsMacOS ? 16 : 6;

    /// <summary>Index of VTIME in c_cc.</summary>
    public static readonly int VTime = LibC.IsMacOS ? 17 : 5;

    // c_iflag bits
    public static readonly ulong IXON = LibC.IsMacOS ? 0x200UL : 0x400UL;
    public static readonly ulong IXOFF = LibC.IsMacOS ? 0x400UL : 0x1000UL;
    public static readonly ulong ICRNL = 0x100UL;

    // c_oflag bits
    public const ulong OPOST = 0x1UL;

    // c_cflag bits
    public static readonly ulong CSIZE = LibC.IsMacOS ? 0x300UL : 0x30UL;
    public static readonly ulong CS8 = LibC.IsMacOS ? 0x300UL : 0x30UL;
    public static readonly ulong CSTOPB = LibC.IsMacOS ? 0x400UL : 0x40UL;
    public static readonly ulong CREAD = LibC.IsMacOS ? 0x800UL : 0x80UL;
    public static readonly ulong PARENB = LibC.IsMacOS ? 0x1000UL : 0x100UL;
    public static readonly ulong CLOCAL = LibC.IsMacOS ? 0x8000UL : 0x800UL;
    public static readonly ulong CRTSCTS = LibC.IsMacOS ? 0x30000UL : 0x80000000UL;

    // c_lflag bits
    public static readonly ulong ISIG = LibC.IsMacOS ? 0x80UL : 0x1UL;
    public static readonly ulong ICANON = LibC.IsMacOS ? 0x100UL : 0x2UL;
    public const ulong ECHO = 0x8UL;

    /// <summary>The raw struct, passed to libc.</summary>
    public byte[] Buffer { get; } = new byte[BufferSize];

    public ulong InputFlags
    {
        get => ReadFlag(0);
        set => WriteFlag(0, value);
    }

    public ulong OutputFlags
    {
        get => ReadFlag(1);
        set => WriteFlag(1, value);
    }

    public ulong ControlFlags
    {
        get => ReadFlag(2);
        set => WriteFlag(2, value);
    }

    public ulong LocalFlags
    {
        get => ReadFlag(3);
        set => WriteFlag(3, value);
    }

    /// <summary>Reads the terminal's attributes.</summary>
    /// <exception cref="PosixIOException">tcgetattr failed (ENOTTY: not a terminal).</exception>
    public static Termios Get(int fd, string what)
    {
        Termios termios = new();
        if (LibC.TcGetAttr(fd, termios.Buffer) != 0)
        {
            throw PosixIOException.FromLastError(what);
        }

        return termios;
    }

    /// <summary>Applies the attributes at once (TCSANOW).</summary>
    public void Set(int fd, string what)
    {
        if (LibC.TcSetAttr(fd, LibC.TCSANOW, Buffer) != 0)
        {
            throw PosixIOException.FromLastError(what);
        }
    }

    /// <summary>
    /// cfmakeraw, then 8N1 without flow control, receiver on, modem lines ignored (so a USB-UART without
    /// carrier neither blocks nor hangs up), and reads that return as soon as one byte is there.
    /// </summary>
    public void MakeRaw()
    {
        LibC.CfMakeRaw(Buffer);
        InputFlags &= ~(IXON | IXOFF);
        ControlFlags = (ControlFlags & ~(CSIZE | PARENB | CSTOPB | CRTSCTS)) | CS8 | CREAD | CLOCAL;
        SetControlChar(VMin, 1);
        SetControlChar(VTime, 0);
    }

    public byte GetControlChar(int index) => Buffer[ControlCharsOffset + index];

    public void SetControlChar(int index, byte value) => Buffer[ControlCharsOffset + index] = value;

    private ulong ReadFlag(int index)
    {
        ReadOnlySpan<byte> span = Buffer.AsSpan(index * FlagSize, FlagSize);
        return FlagSize == 8 ? MemoryMarshal.Read<ulong>(span) : MemoryMarshal.Read<uint>(span);
    }

    private void WriteFlag(int index, ulong value)
    {
        Span<byte> span = Buffer.AsSpan(index * FlagSize, FlagSize);
        if (FlagSize == 8)
        {
            MemoryMarshal.Write(span, in value);
        }
        else
        {
            uint narrow = (uint)value;
            MemoryMarshal.Write(span, in narrow);
        }
    }
}
