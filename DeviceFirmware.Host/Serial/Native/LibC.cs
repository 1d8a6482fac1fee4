using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Serial.Native;

/// <summary>
/// The few libc calls the serial layer needs, with the constants that differ between Linux (glibc,
/// x86-64 and AArch64 share them) and macOS. Every call sets errno; read it with
/// <see cref="Marshal.GetLastPInvokeError"/> right after the call.
/// </summary>
/// <remarks>
/// Only calls with fixed argument lists are declared, except <c>fcntl</c>, which is variadic: on Apple
/// AArch64 variadic arguments travel on the stack, so that platform gets a declaration whose third
/// argument is pushed past the eight argument registers.
/// </remarks>
internal static class LibC
{
    private const string Library = "libc";

    /// <summary>True on macOS; everything else is treated as Linux.</summary>
    public static readonly bool IsMacOS = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    private static readonly bool IsAppleArm64 = IsMacOS && RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public const int O_RDWR = 0x0002;
    public static readonly int O_NOCTTY = IsMacOS ? 0x20000 : 0x100;
    public static readonly int O_NONBLOCK = IsMacOS ? 0x0004 : 0x800;
    public static readonly int O_CLOEXEC = IsMacOS ? 0x1000000 : 0x80000;

    public const int F_SETFD = 2;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int FD_CLOEXEC = 1;

    public const int TCSANOW = 0;
    public static readonly int TCIFLUSH = IsMacOS ? 1 : 0;
    public static readonly int TCOFLUSH = IsMacOS ? 2 : 1;
    public static readonly int TCIOFLUSH = IsMacOS ? 3 : 2;

    public const short POLLIN = 0x0001;
    public const short POLLOUT = 0x0004;
    public const short POLLERR = 0x0008;
    public const short POLLHUP = 0x0010;
    public const short POLLNVAL = 0x0020;

    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    public const int EINTR = 4;
    public const int EIO = 5;
    public static readonly int EAGAIN = IsMacOS ? 35 : 11;

    /// <summary>One entry of the <c>poll(2)</c> array; the same 8-byte layout on Linux and macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static readonly object PtsnameLock = new();

    // An explicit static constructor (no beforefieldinit) runs before the first call of any method here,
    // P/Invoke stubs included, so the resolver is in place before a library is looked up.
    static LibC()
    {
        // "libc" alone is not a loadable name everywhere (on Debian, libc.so is a linker script).
        // An assembly has one resolver; if another part of it installed one first, the runtime's own
        // probing (which finds "libc" on glibc systems) is used instead.
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibC).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        string real = IsMacOS ? "/usr/lib/libSystem.B.dylib" : "libc.so.6";
        return NativeLibrary.TryLoad(real, out IntPtr handle) ? handle : IntPtr.Zero;
    }

    [DllImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    public static extern int PosixOpenpt(int flags);

    [DllImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    public static extern int Grantpt(int fd);

    [DllImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    public static extern int Unlockpt(int fd);

    [DllImport(Library, EntryPoint = "ptsname", SetLastError = true)]
    private static extern IntPtr PtsnameRaw(int fd);

    [DllImport(Library, EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Library, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport(Library, EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, ref byte buffer, nuint count);

    [DllImport(Library, EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, ref byte buffer, nuint count);

    [DllImport(Library, EntryPoint = "pipe", SetLastError = true)]
    public static extern int Pipe([Out] int[] fds);

    [DllImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll([In, Out] PollFd[] fds, nuint count, int timeoutMilliseconds);

    [DllImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(int fd, int operation);

    [DllImport(Library, EntryPoint = "isatty", SetLastError = true)]
    public static extern int IsATty(int fd);

    [DllImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int TcGetAttr(int fd, [Out] byte[] termios);

    [DllImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int TcSetAttr(int fd, int optionalActions, [In] byte[] termios);

    [DllImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    public static extern int TcFlush(int fd, int queueSelector);

    [DllImport(Library, EntryPoint = "cfmakeraw", SetLastError = true)]
    public static extern void CfMakeRaw([In, Out] byte[] termios);

    // speed_t is unsigned int on Linux and unsigned long on macOS.
    [DllImport(Library, EntryPoint = "cfsetispeed", SetLastError = true)]
    private static extern int CfSetISpeedLinux([In, Out] byte[] termios, uint speed);

    [DllImport(Library, EntryPoint = "cfsetospeed", SetLastError = true)]
    private static extern int CfSetOSpeedLinux([In, Out] byte[] termios, uint speed);

    [DllImport(Library, EntryPoint = "cfgetospeed", SetLastError = true)]
    private static extern uint CfGetOSpeedLinux([In] byte[] termios);

    [DllImport(Library, EntryPoint = "cfsetspeed", SetLastError = true)]
    private static extern int CfSetSpeedMac([In, Out] byte[] termios, nuint speed);

    [DllImport(Library, EntryPoint = "cfgetospeed", SetLastError = true)]
    private static extern nuint CfGetOSpeedMac([In] byte[] termios);

    [DllImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FcntlFixed(int fd, int command, int argument);

    [DllImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FcntlAppleArm64(int fd, int command, nint r2, nint r3, nint r4, nint r5, nint r6, nint r7, nint argument);

    /// <summary>Returns the slave device path of a pty master (ptsname's static buffer is guarded by a lock).</summary>
    public static string Ptsname(int fd)
    {
        lock (PtsnameLock)
        {
            IntPtr name = PtsnameRaw(fd);
            return name == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(name);
        }
    }

    /// <summary>Sets input and output speed. <paramref name="speed"/> is the platform's speed_t value (a B* code on Linux, the rate on macOS).</summary>
    public static int CfSetSpeed(byte[] termios, uint speed)
    {
        if (IsMacOS)
        {
            return CfSetSpeedMac(termios, speed);
        }

        int result = CfSetISpeedLinux(termios, speed);
        return result != 0 ? result : CfSetOSpeedLinux(termios, speed);
    }

    /// <summary>Returns the output speed stored in a termios buffer (a B* code on Linux, the rate on macOS).</summary>
    public static uint CfGetOSpeed(byte[] termios)
    {
        return IsMacOS ? (uint)CfGetOSpeedMac(termios) : CfGetOSpeedLinux(termios);
    }

    /// <summary>Calls <c>fcntl(fd, command, argument)</c> with the platform's variadic convention.</summary>
    public static int Fcntl(int fd, int command, int argument)
    {
        return IsAppleArm64 ? FcntlAppleArm64(fd, command, 0, 0, 0, 0, 0, 0, argument) : FcntlFixed(fd, command, argument);
    }

    /// <summary>Marks a descriptor close-on-exec, so child processes (mosquitto, test tools) do not inherit it.</summary>
    /// <returns>0, or -1 with errno set.</returns>
    public static int SetCloseOnExec(int fd)
    {
        return Fcntl(fd, F_SETFD, FD_CLOEXEC);
    }

    /// <summary>Adds O_NONBLOCK to a descriptor's status flags.</summary>
    /// <returns>0, or -1 with errno set.</returns>
    public static int SetNonBlocking(int fd)
    {
        int flags = Fcntl(fd, F_GETFL, 0);
        return flags < 0 ? -1 : Fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}
