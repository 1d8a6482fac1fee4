using System.IO;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Serial;

/// <summary>An I/O error reported by a libc call, with its errno and the system's text for it.</summary>
public sealed class PosixIOException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Whole message, normally "what: strerror".</param>
    /// <param name="errno">The errno value.</param>
    public PosixIOException(string message, int errno)
        : base(message)
    {
        Errno = errno;
    }

    /// <summary>The errno value (for example 2 for ENOENT).</summary>
    public int Errno { get; }

    /// <summary>The system's description of <see cref="Errno"/>, such as "No such file or directory".</summary>
    public string Reason => Marshal.GetPInvokeErrorMessage(Errno);

    /// <summary>Builds the exception from the errno the last P/Invoke left.</summary>
    /// <param name="what">What was being done, for example "cannot open /dev/ttyUSB0".</param>
    internal static PosixIOException FromLastError(string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new PosixIOException(what + ": " + Marshal.GetPInvokeErrorMessage(errno), errno);
    }
}
