using System;
using System.Diagnostics;

namespace DeviceFirmware.Host.Serial.Native;

/// <summary>What <see cref="Readiness.Wait"/> saw on the descriptor.</summary>
internal enum PollOutcome
{
    /// <summary>Nothing happened before the timeout.</summary>
    TimedOut,

    /// <summary>The requested event (readable or writable) is there.</summary>
    Ready,

    /// <summary>POLLHUP or POLLERR without the requested event: no peer on the other side.</summary>
    HungUp,

    /// <summary>The wake descriptor became readable: the owner is being disposed.</summary>
    Woken,

    /// <summary>POLLNVAL: the descriptor is not open.</summary>
    Invalid,
}

/// <summary>
/// <c>poll(2)</c> with a deadline that survives EINTR. Blocking reads on a tty ignore .NET cancellation
/// and are not ended by Dispose, so every wait in this library goes through here with a timeout.
/// </summary>
internal static class Readiness
{
    /// <summary>Waits for <paramref name="events"/> on <paramref name="fd"/>, or for <paramref name="wakeFd"/> to become readable.</summary>
    /// <param name="fd">Descriptor to watch.</param>
    /// <param name="events"><see cref="LibC.POLLIN"/> or <see cref="LibC.POLLOUT"/>.</param>
    /// <param name="wakeFd">Read end of a wake pipe, or -1 for none.</param>
    /// <param name="timeoutMilliseconds">Longest wait; 0 only checks; negative waits for ever.</param>
    /// <exception cref="PosixIOException">poll itself failed.</exception>
    public static PollOutcome Wait(int fd, short events, int wakeFd, int timeoutMilliseconds)
    {
        LibC.PollFd[] fds = new LibC.PollFd[wakeFd >= 0 ? 2 : 1];
        fds[0].Fd = fd;
        fds[0].Events = events;
        if (wakeFd >= 0)
        {
            fds[1].Fd = wakeFd;
            fds[1].Events = LibC.POLLIN;
        }

        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            int wait = timeoutMilliseconds < 0 ? -1 : Math.Max(0, timeoutMilliseconds - (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            fds[0].Revents = 0;
            if (fds.Length > 1)
            {
                fds[1].Revents = 0;
            }

            int result = LibC.Poll(fds, (nuint)fds.Length, wait);
            if (result < 0)
            {
                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR)
                {
                    continue;
                }

                throw PosixIOException.FromLastError("poll");
            }

            if (result == 0)
            {
                return PollOutcome.TimedOut;
            }

            if (fds.Length > 1 && fds[1].Revents != 0)
            {
                return PollOutcome.Woken;
            }

            short revents = fds[0].Revents;
            if ((revents & LibC.POLLNVAL) != 0)
            {
                return PollOutcome.Invalid;
            }

            if ((revents & events) != 0)
            {
                return PollOutcome.Ready;
            }

            if ((revents & (LibC.POLLHUP | LibC.POLLERR)) != 0)
            {
                return PollOutcome.HungUp;
            }
        }
    }
}
