using System;
using System.Diagnostics;
using System.Threading;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>
/// Waiting for a condition instead of sleeping a fixed time: polls every few milliseconds and fails
/// with a description once the (generous) timeout has passed.
/// </summary>
public static class Wait
{
    /// <summary>The default limit for anything a local broker should do within milliseconds.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>Polls <paramref name="condition"/> until it is true; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        if (!TryUntil(condition, timeout ?? Default))
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Default).TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it is true; throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/>, describing the state at that moment with <paramref name="what"/>.
    /// </summary>
    public static void Until(Func<bool> condition, Func<string> what, TimeSpan? timeout = null)
    {
        if (!TryUntil(condition, timeout ?? Default))
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Default).TotalSeconds:0.#} s waiting for {what()}.");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true or <paramref name="timeout"/> passes.</summary>
    public static bool TryUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }
}
