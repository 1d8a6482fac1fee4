using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using DeviceFirmware.Host.Serial.Native;
using DeviceFirmware.Serial;
using Microsoft.Win32.SafeHandles;

namespace DeviceFirmware.Host.Serial;

/// <summary>
/// A pseudo-terminal whose master side plays the device's UART: the simulator reads and writes the
/// master, a host tool opens the slave (<see cref="SlavePath"/>, or the symbolic link at
/// <see cref="LinkPath"/>) as if it were a USB serial port.
/// </summary>
/// <remarks>
/// <para>Both sides are put in raw mode, so every byte value passes untouched (no XON/XOFF, no CR/LF
/// translation, no echo, no signals).</para>
/// <para>By default the pseudo-terminal keeps a descriptor of its own slave open. Without it, Linux
/// reports POLLHUP and EIO on the master after the last client closes the slave, for as long as
/// nobody reopens it; holding the slave turns a client's coming and going into nothing the master
/// notices, and clients can open and close the port as often as they like. The hang-up case is still
/// handled (the read waits out its timeout in short naps and returns 0), for <c>keepSlaveOpen: false</c>.</para>
/// <para>Like a UART with nobody listening, writes never block for long: when the client does not
/// drain its side for <see cref="WriteTimeout"/>, its stale unread input is discarded so the new bytes fit.</para>
/// <para>Reads and writes may come from different threads; <see cref="Dispose"/> wakes a waiting read,
/// which then throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public sealed class PseudoTerminal : ISerialChannel, IDisposable
{
    /// <summary>Default <see cref="ReadTimeout"/>: short, so a serial loop notices a stop request quickly.</summary>
    public const int DefaultReadTimeoutMilliseconds = 100;

    /// <summary>Default <see cref="WriteTimeout"/>.</summary>
    public const int DefaultWriteTimeoutMilliseconds = 1000;

    // How long a read naps between checks while no client holds the slave.
    private const int HangUpNapMilliseconds = 20;

    // Appended to the link path to name the lock file that marks the link as live.
    private const string LockSuffix = ".lock";

    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _slave;
    private readonly SafeFileHandle _wakeRead;
    private readonly SafeFileHandle _wakeWrite;
    private readonly SafeFileHandle _linkLock;
    private readonly object _writeSync = new();
    private int _disposed;
    private bool _hungUp;
    private long _staleInputFlushes;
    private long _bytesDropped;
    private long _readPasses;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, SafeFileHandle wakeRead, SafeFileHandle wakeWrite, SafeFileHandle linkLock, string slavePath, string linkPath)
    {
        _linkLock = linkLock;
        _master = master;
        _slave = slave;
        _wakeRead = wakeRead;
        _wakeWrite = wakeWrite;
        SlavePath = slavePath;
        LinkPath = linkPath;
    }

    /// <summary>The slave device, for example <c>/dev/pts/5</c>.</summary>
    public string SlavePath { get; }

    /// <summary>Absolute path of the symbolic link to <see cref="SlavePath"/>, or null when none was asked for.</summary>
    public string LinkPath { get; }

    /// <summary>Longest wait of <see cref="Read(byte[], int, int)"/>, in milliseconds.</summary>
    public int ReadTimeout { get; set; } = DefaultReadTimeoutMilliseconds;

    /// <summary>How long a write waits for the client to drain its side before discarding the client's unread input.</summary>
    public int WriteTimeout { get; set; } = DefaultWriteTimeoutMilliseconds;

    /// <summary>Times a write found the client not reading and discarded its unread input.</summary>
    public long StaleInputFlushes => Interlocked.Read(ref _staleInputFlushes);

    /// <summary>Bytes a write gave up on because the slave could take nothing at all.</summary>
    public long BytesDropped => Interlocked.Read(ref _bytesDropped);

    /// <summary>Passes through the read loop so far (a test checks that a hang-up does not make it spin).</summary>
    internal long ReadPasses => Interlocked.Read(ref _readPasses);

    /// <summary>Opens a pseudo-terminal, optionally with a symbolic link to its slave.</summary>
    /// <param name="linkPath">
    /// Where to put a symbolic link to the slave, or null. While the pseudo-terminal is open it holds an
    /// exclusive lock on <c>PATH.lock</c> beside the link. A link nobody holds that lock for is stale (its
    /// simulator exited or was killed; the pty number it names may even belong to someone else by now)
    /// and is replaced. A link whose lock is held, or anything at the path that is not a link, is left
    /// alone and the call fails.
    /// </param>
    /// <param name="keepSlaveOpen">Keep a slave descriptor open (see the remarks). Turn off only to test the hang-up handling.</param>
    /// <exception cref="IOException">The pseudo-terminal or the link could not be created.</exception>
    public static PseudoTerminal Open(string linkPath = null, bool keepSlaveOpen = true)
    {
        SafeFileHandle master = null;
        SafeFileHandle slave = null;
        SafeFileHandle wakeRead = null;
        SafeFileHandle wakeWrite = null;
        SafeFileHandle linkLock = null;
        try
        {
            int masterFd = LibC.PosixOpenpt(LibC.O_RDWR | LibC.O_NOCTTY);
            if (masterFd < 0)
            {
                throw PosixIOException.FromLastError("cannot open a pseudo-terminal");
            }

            master = new SafeFileHandle((IntPtr)masterFd, ownsHandle: true);
            if (LibC.Grantpt(masterFd) != 0)
            {
                throw PosixIOException.FromLastError("grantpt");
            }

            if (LibC.Unlockpt(masterFd) != 0)
            {
                throw PosixIOException.FromLastError("unlockpt");
            }

            string slavePath = LibC.Ptsname(masterFd) ?? throw PosixIOException.FromLastError("ptsname");
            if (LibC.SetCloseOnExec(masterFd) != 0 || LibC.SetNonBlocking(masterFd) != 0)
            {
                throw PosixIOException.FromLastError("fcntl on the pseudo-terminal master");
            }

            int slaveFd = LibC.Open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            if (slaveFd < 0)
            {
                throw PosixIOException.FromLastError("cannot open " + slavePath);
            }

            slave = new SafeFileHandle((IntPtr)slaveFd, ownsHandle: true);

            // The line discipline that matters is the slave's; the master is set raw too so that no
            // platform default (echo on the master of some BSDs) can touch the data.
            MakeRaw(slaveFd, slavePath);
            MakeRaw(masterFd, "the pseudo-terminal master");
            LibC.TcFlush(slaveFd, LibC.TCIOFLUSH);

            int[] pipe = new int[2];
            if (LibC.Pipe(pipe) != 0)
            {
                throw PosixIOException.FromLastError("pipe");
            }

            wakeRead = new SafeFileHandle((IntPtr)pipe[0], ownsHandle: true);
            wakeWrite = new SafeFileHandle((IntPtr)pipe[1], ownsHandle: true);
            if (LibC.SetCloseOnExec(pipe[0]) != 0 || LibC.SetCloseOnExec(pipe[1]) != 0)
            {
                throw PosixIOException.FromLastError("fcntl on the wake pipe");
            }

            if (!keepSlaveOpen)
            {
                slave.Dispose();
                slave = null;
            }

            string fullLink = linkPath == null ? null : System.IO.Path.GetFullPath(linkPath);
            if (fullLink != null)
            {
                linkLock = LockLink(fullLink);
                CreateLink(fullLink, slavePath);
            }

            return new PseudoTerminal(master, slave, wakeRead, wakeWrite, linkLock, slavePath, fullLink);
        }
        catch
        {
            slave?.Dispose();
            master?.Dispose();
            wakeRead?.Dispose();
            wakeWrite?.Dispose();
            if (linkLock != null)
            {
                ReleaseLinkLock(linkLock, linkPath == null ? null : System.IO.Path.GetFullPath(linkPath));
            }

            throw;
        }
    }

    /// <summary>Reads what the client sent, waiting at most <see cref="ReadTimeout"/> for the first byte.</summary>
    /// <returns>Number of bytes read; 0 when none arrived in time.</returns>
    /// <exception cref="ObjectDisposedException">The pseudo-terminal was disposed, before or during the wait.</exception>
    public int Read(byte[] buffer, int offset, int count) => Read(buffer, offset, count, ReadTimeout);

    /// <summary>Reads what the client sent, waiting at most <paramref name="timeoutMilliseconds"/> for the first byte.</summary>
    /// <returns>Number of bytes read; 0 when none arrived in time.</returns>
    /// <exception cref="ObjectDisposedException">The pseudo-terminal was disposed, before or during the wait.</exception>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        ValidateRange(buffer, offset, count);
        if (count == 0)
        {
            return 0;
        }

        bool masterRef = false;
        bool wakeRef = false;
        try
        {
            AddRef(_master, ref masterRef);
            AddRef(_wakeRead, ref wakeRef);
            int masterFd = (int)_master.DangerousGetHandle();
            int wakeFd = (int)_wakeRead.DangerousGetHandle();
            long start = Stopwatch.GetTimestamp();
            while (true)
            {
                Interlocked.Increment(ref _readPasses);
                int remaining = Math.Max(0, timeoutMilliseconds - (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!_hungUp)
                {
                    PollOutcome outcome = Readiness.Wait(masterFd, LibC.POLLIN, wakeFd, remaining);
                    switch (outcome)
                    {
                        case PollOutcome.TimedOut:
                            return 0;
                        case PollOutcome.Woken:
                        case PollOutcome.Invalid:
                            throw new ObjectDisposedException(nameof(PseudoTerminal));
                        case PollOutcome.HungUp:
                            _hungUp = true;
                            continue;
                    }
                }
                else
                {
                    // POLLHUP stays set on the master until a client opens the slave again, so poll
                    // cannot wait for that: nap on the wake pipe and try a read.
                    PollOutcome nap = Readiness.Wait(wakeFd, LibC.POLLIN, -1, Math.Min(remaining, HangUpNapMilliseconds));
                    if (nap != PollOutcome.TimedOut)
                    {
                        throw new ObjectDisposedException(nameof(PseudoTerminal));
                    }
                }

                nint n = LibC.Read(masterFd, ref buffer[offset], (nuint)count);
                if (n > 0)
                {
                    _hungUp = false;
                    return (int)n;
                }

                int errno = n < 0 ? Marshal.GetLastPInvokeError() : LibC.EIO;
                if (errno == LibC.EAGAIN)
                {
                    // A client has the slave open (again) and has sent nothing yet.
                    _hungUp = false;
                }
                else if (errno == LibC.EIO)
                {
                    _hungUp = true;
                }
                else if (errno != LibC.EINTR)
                {
                    throw new PosixIOException("read from the pseudo-terminal master: " + Marshal.GetPInvokeErrorMessage(errno), errno);
                }

                if (remaining == 0)
                {
                    return 0;
                }
            }
        }
        finally
        {
            Release(_wakeRead, wakeRef);
            Release(_master, masterRef);
        }
    }

    /// <summary>
    /// Writes everything to the client. When the client is not reading (its input queue stays full for
    /// <see cref="WriteTimeout"/>), its stale input is discarded; bytes that still do not fit are dropped
    /// and counted in <see cref="BytesDropped"/>, as a UART with nobody on the line would lose them.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The pseudo-terminal was disposed.</exception>
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateRange(buffer, offset, count);
        lock (_writeSync)
        {
            bool masterRef = false;
            bool wakeRef = false;
            try
            {
                AddRef(_master, ref masterRef);
                AddRef(_wakeRead, ref wakeRef);
                int masterFd = (int)_master.DangerousGetHandle();
                int wakeFd = (int)_wakeRead.DangerousGetHandle();
                bool flushed = false;
                while (count > 0)
                {
                    nint n = LibC.Write(masterFd, ref buffer[offset], (nuint)count);
                    if (n > 0)
                    {
                        offset += (int)n;
                        count -= (int)n;
                        flushed = false;
                        continue;
                    }

                    int errno = n < 0 ? Marshal.GetLastPInvokeError() : LibC.EAGAIN;
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }

                    if (errno != LibC.EAGAIN && errno != LibC.EIO)
                    {
                        throw new PosixIOException("write to the pseudo-terminal master: " + Marshal.GetPInvokeErrorMessage(errno), errno);
                    }

                    PollOutcome outcome = errno == LibC.EIO ? PollOutcome.HungUp : Readiness.Wait(masterFd, LibC.POLLOUT, wakeFd, WriteTimeout);
                    if (outcome == PollOutcome.Ready)
                    {
                        continue;
                    }

                    if (outcome == PollOutcome.Woken || outcome == PollOutcome.Invalid)
                    {
                        throw new ObjectDisposedException(nameof(PseudoTerminal));
                    }

                    if (!flushed && DiscardClientInput())
                    {
                        flushed = true;
                        continue;
                    }

                    Interlocked.Add(ref _bytesDropped, count);
                    return;
                }
            }
            finally
            {
                Release(_wakeRead, wakeRef);
                Release(_master, masterRef);
            }
        }
    }

    /// <summary>Closes the pseudo-terminal, wakes a waiting read and removes the link if it still points here.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        RemoveLink();
        if (_linkLock != null)
        {
            ReleaseLinkLock(_linkLock, LinkPath);
        }

        WakeReaders();
        _slave?.Dispose();
        _master.Dispose();
        _wakeWrite.Dispose();
        _wakeRead.Dispose();
    }

    private bool DiscardClientInput()
    {
        if (_slave == null || _slave.IsClosed)
        {
            return false;
        }

        bool added = false;
        try
        {
            _slave.DangerousAddRef(ref added);
            if (LibC.TcFlush((int)_slave.DangerousGetHandle(), LibC.TCIFLUSH) != 0)
            {
                return false;
            }

            Interlocked.Increment(ref _staleInputFlushes);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                _slave.DangerousRelease();
            }
        }
    }

    private void WakeReaders()
    {
        bool added = false;
        try
        {
            _wakeWrite.DangerousAddRef(ref added);
            byte one = 1;
            LibC.Write((int)_wakeWrite.DangerousGetHandle(), ref one, 1);
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (added)
            {
                _wakeWrite.DangerousRelease();
            }
        }
    }

    private void RemoveLink()
    {
        if (LinkPath == null)
        {
            return;
        }

        try
        {
            // Another process may have taken the path over since; only our own link goes.
            if (ReadLink(LinkPath) == SlavePath)
            {
                File.Delete(LinkPath);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Takes the exclusive lock that marks the link as live; fails when another pseudo-terminal holds it.</summary>
    private static SafeFileHandle LockLink(string linkPath)
    {
        string lockPath = linkPath + LockSuffix;
        SafeFileHandle handle;
        try
        {
            // FileShare.None: .NET itself takes flock(LOCK_EX | LOCK_NB) on Unix; the explicit flock
            // below keeps the lock even where that is switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING).
            handle = File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            throw InUse(linkPath, lockPath);
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);

            // flock locks belong to the open file, so a second open in this process conflicts too, and
            // the kernel drops the lock when the holder exits, however it exits.
            if (LibC.Flock((int)handle.DangerousGetHandle(), LibC.LOCK_EX | LibC.LOCK_NB) != 0)
            {
                throw InUse(linkPath, lockPath);
            }

            return handle;
        }
        catch
        {
            if (added)
            {
                handle.DangerousRelease();
                added = false;
            }

            handle.Dispose();
            throw;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static IOException InUse(string linkPath, string lockPath)
    {
        string target = ReadLink(linkPath);
        return new IOException(linkPath + (target == null ? string.Empty : " (-> " + target + ")") + " is in use by another running pseudo-terminal (" + lockPath + " is locked); stop it or choose another path");
    }

    private static void ReleaseLinkLock(SafeFileHandle handle, string linkPath)
    {
        try
        {
            // Delete while still holding the lock, so nobody can have locked this file in between.
            File.Delete(linkPath + LockSuffix);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        handle.Dispose();
    }

    private static void CreateLink(string linkPath, string slavePath)
    {
        // The caller holds the link's lock: whatever link is there now is stale.
        if (ReadLink(linkPath) == null && (File.Exists(linkPath) || Directory.Exists(linkPath)))
        {
            throw new IOException(linkPath + " exists and is not a symbolic link; not replacing it");
        }

        // Create beside it and rename over it: a client never sees the path missing or half made.
        string temporary = linkPath + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, slavePath);
        File.Move(temporary, linkPath, overwrite: true);
    }

    /// <summary>Returns the absolute target of a symbolic link, or null when the path is not a link.</summary>
    private static string ReadLink(string path)
    {
        string target = new FileInfo(path).LinkTarget;
        if (target == null)
        {
            return null;
        }

        return System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(path)!);
    }

    private static void MakeRaw(int fd, string what)
    {
        Termios termios = Termios.Get(fd, "tcgetattr on " + what);
        termios.MakeRaw();
        termios.Set(fd, "tcsetattr on " + what);
    }

    private static void AddRef(SafeFileHandle handle, ref bool added)
    {
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(PseudoTerminal));
        }
    }

    private static void Release(SafeFileHandle handle, bool added)
    {
        if (added)
        {
            handle.DangerousRelease();
        }
    }

    private static void ValidateRange(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || count < 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "offset and count do not fit the buffer");
        }
    }
}
