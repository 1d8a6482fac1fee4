using System;
using System.IO;
using DeviceFirmware.Host.Serial.Native;
using DeviceFirmware.Serial;
using Microsoft.Win32.SafeHandles;

namespace DeviceFirmware.Host.Serial;

/// <summary>
/// A serial port on a POSIX host: a USB-UART such as <c>/dev/ttyUSB0</c>, or the slave side of the
/// simulator's pseudo-terminal. Raw 8N1 without flow control at a chosen baud rate, with read timeouts
/// done by <c>poll(2)</c> (a tty read ignores .NET cancellation, so nothing here waits without one).
/// </summary>
/// <remarks>
/// The device is opened with O_NOCTTY (it never becomes the process's controlling terminal) and
/// O_NONBLOCK (so the open cannot wait for a carrier), then switched to blocking, configured with
/// CLOCAL, and both queues are flushed so bytes left over from an earlier session are not taken for
/// an answer. Data then goes through a <see cref="FileStream"/> over the descriptor.
/// </remarks>
public sealed class TermiosSerialPort : ISerialChannel, IDisposable
{
    /// <summary>Baud rate used when none is given: the ESP32 firmware's configuration UART.</summary>
    public const int DefaultBaudRate = 115200;

    /// <summary>Default <see cref="ReadTimeout"/>.</summary>
    public const int DefaultReadTimeoutMilliseconds = 1000;

    private readonly SafeFileHandle _handle;
    private readonly FileStream _stream;

    private TermiosSerialPort(SafeFileHandle handle, string path, int baudRate)
    {
        _handle = handle;
        _stream = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        Path = path;
        BaudRate = baudRate;
    }

    /// <summary>The device path as given.</summary>
    public string Path { get; }

    /// <summary>The configured baud rate.</summary>
    public int BaudRate { get; }

    /// <summary>Longest wait of <see cref="Read(byte[], int, int)"/>, in milliseconds.</summary>
    public int ReadTimeout { get; set; } = DefaultReadTimeoutMilliseconds;

    /// <summary>Opens and configures a serial device.</summary>
    /// <param name="path">Device path (a symbolic link to one is fine).</param>
    /// <param name="baudRate">One of <see cref="BaudRates.Supported"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The baud rate is not supported.</exception>
    /// <exception cref="PosixIOException">
    /// The device could not be opened or is not a terminal. The message reads
    /// "cannot open PATH: reason", for example "cannot open /tmp/x: No such file or directory".
    /// </exception>
    public static TermiosSerialPort Open(string path, int baudRate = DefaultBaudRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        uint speed = BaudRates.ToSpeed(baudRate);
        string what = "cannot open " + path;
        int fd = LibC.Open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw PosixIOException.FromLastError(what);
        }

        SafeFileHandle handle = new((IntPtr)fd, ownsHandle: true);
        try
        {
            if (LibC.IsATty(fd) != 1)
            {
                throw PosixIOException.FromLastError(what + " (not a serial device)");
            }

            Termios termios = Termios.Get(fd, what);
            termios.MakeRaw();
            if (LibC.CfSetSpeed(termios.Buffer, speed) != 0)
            {
                throw PosixIOException.FromLastError(what + ": baud rate " + baudRate);
            }

            termios.Set(fd, what);
            int flags = LibC.Fcntl(fd, LibC.F_GETFL, 0);
            if (flags < 0 || LibC.Fcntl(fd, LibC.F_SETFL, flags & ~LibC.O_NONBLOCK) != 0)
            {
                throw PosixIOException.FromLastError(what);
            }

            if (LibC.TcFlush(fd, LibC.TCIOFLUSH) != 0)
            {
                throw PosixIOException.FromLastError(what);
            }

            return new TermiosSerialPort(handle, path, baudRate);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the bytes that are available, waiting at most <see cref="ReadTimeout"/> for the first.</summary>
    /// <returns>Number of bytes read; 0 when none arrived within the timeout.</returns>
    /// <exception cref="IOException">The other side hung up (the simulator exited, the cable was pulled).</exception>
    public int Read(byte[] buffer, int offset, int count) => Read(buffer, offset, count, ReadTimeout);

    /// <summary>Reads the bytes that are available, waiting at most <paramref name="timeoutMilliseconds"/> for the first.</summary>
    /// <returns>Number of bytes read; 0 when none arrived within the timeout.</returns>
    /// <exception cref="IOException">The other side hung up.</exception>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (count == 0)
        {
            return 0;
        }

        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            PollOutcome outcome = Readiness.Wait((int)_handle.DangerousGetHandle(), LibC.POLLIN, -1, Math.Max(0, timeoutMilliseconds));
            switch (outcome)
            {
                case PollOutcome.TimedOut:
                    return 0;
                case PollOutcome.HungUp:
                    throw new IOException(Path + ": the device hung up");
                case PollOutcome.Invalid:
                    throw new ObjectDisposedException(nameof(TermiosSerialPort));
            }

            int n;
            try
            {
                n = _stream.Read(buffer, offset, count);
            }
            catch (IOException ex)
            {
                throw new IOException(Path + ": the device hung up (" + ex.Message + ")", ex);
            }

            if (n == 0)
            {
                throw new IOException(Path + ": the device hung up (end of file)");
            }

            return n;
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Writes all bytes.</summary>
    /// <exception cref="IOException">The device failed or hung up.</exception>
    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _stream.Write(buffer, offset, count);
        }
        catch (IOException ex)
        {
            throw new IOException(Path + ": write failed (" + ex.Message + ")", ex);
        }
    }

    /// <summary>Discards whatever is queued in both directions (tcflush TCIOFLUSH).</summary>
    public void DiscardBuffers()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (LibC.TcFlush((int)_handle.DangerousGetHandle(), LibC.TCIOFLUSH) != 0)
        {
            throw PosixIOException.FromLastError(Path + ": tcflush");
        }
    }

    /// <summary>Returns the device's current baud rate as the driver reports it (0 when it is not a supported rate).</summary>
    public int ReadBackBaudRate()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        Termios termios = Termios.Get((int)_handle.DangerousGetHandle(), Path + ": tcgetattr");
        return BaudRates.FromSpeed(LibC.CfGetOSpeed(termios.Buffer));
    }

    /// <summary>Closes the device.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _handle.Dispose();
    }

    internal Termios ReadAttributes() => Termios.Get((int)_handle.DangerousGetHandle(), Path + ": tcgetattr");
}
