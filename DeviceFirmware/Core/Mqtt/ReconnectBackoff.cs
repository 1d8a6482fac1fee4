using System;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// Delays between reconnect attempts: exponential, capped, with random jitter, reset after a
    /// successful connect. Attempt n (0-based since the last reset) waits
    /// <c>base(n) - jitter</c>, where <c>base(n) = min(initial * 2^n, max)</c> and jitter is uniform
    /// in <c>[0, base(n) * jitterPercent / 100]</c>.
    /// </summary>
    /// <remarks>
    /// Jitter is subtracted, never added, so the cap is a true upper bound; its purpose is that a
    /// fleet of devices losing the same broker does not come back in lock-step. The peers sit at
    /// both extremes: esp-mqtt retries every 10 s forever, Tasmota grows linearly to 120 s.
    /// Not thread-safe: the connection manager calls it under its lock.
    /// </remarks>
    public sealed class ReconnectBackoff
    {
        private readonly int _initialMs;
        private readonly int _maxMs;
        private readonly int _jitterPercent;
        private readonly Random _random;
        private int _baseMs;
        private int _attempts;

        /// <summary>Creates a backoff at its first step.</summary>
        /// <param name="initialDelayMs">Base delay of the first attempt, at least 1.</param>
        /// <param name="maxDelayMs">Cap of the base delay, at least <paramref name="initialDelayMs"/>.</param>
        /// <param name="jitterPercent">0 to 100: how much of the base delay may be taken off at random.</param>
        /// <param name="random">Source of the jitter, passed in so tests are deterministic; may be null when <paramref name="jitterPercent"/> is 0.</param>
        public ReconnectBackoff(int initialDelayMs, int maxDelayMs, int jitterPercent, Random random)
        {
            if (initialDelayMs < 1)
            {
                throw new ArgumentOutOfRangeException("initialDelayMs");
            }

            if (maxDelayMs < initialDelayMs)
            {
                throw new ArgumentOutOfRangeException("maxDelayMs");
            }

            if (jitterPercent < 0 || jitterPercent > 100)
            {
                throw new ArgumentOutOfRangeException("jitterPercent");
            }

            if (jitterPercent > 0 && random == null)
            {
                throw new ArgumentNullException("random");
            }

            _initialMs = initialDelayMs;
            _maxMs = maxDelayMs;
            _jitterPercent = jitterPercent;
            _random = random;
            _baseMs = initialDelayMs;
        }

        /// <summary>Base delay of the first attempt.</summary>
        public int InitialDelayMs
        {
            get { return _initialMs; }
        }

        /// <summary>Cap of the base delay.</summary>
        public int MaxDelayMs
        {
            get { return _maxMs; }
        }

        /// <summary>Share of the base delay, in percent, that jitter may take off.</summary>
        public int JitterPercent
        {
            get { return _jitterPercent; }
        }

        /// <summary>Delays handed out since the last reset.</summary>
        public int Attempts
        {
            get { return _attempts; }
        }

        /// <summary>Base delay (before jitter) the next <see cref="NextDelay"/> starts from.</summary>
        public int CurrentBaseMs
        {
            get { return _baseMs; }
        }

        /// <summary>Returns the delay before the next attempt and steps the base delay up.</summary>
        public int NextDelay()
        {
            int baseMs = _baseMs;
            int delay = baseMs;
            if (_jitterPercent > 0)
            {
                // long: base * percent can exceed int for caps above ~21 million ms.
                int spread = (int)((long)baseMs * _jitterPercent / 100);
                delay = baseMs - _random.Next(spread + 1);
            }

            // Doubling is checked against the cap first so it cannot overflow.
            _baseMs = baseMs > _maxMs / 2 ? _maxMs : baseMs * 2;
            _attempts++;
            return delay;
        }

        /// <summary>Starts again from the initial delay (after a successful connect).</summary>
        public void Reset()
        {
            _baseMs = _initialMs;
            _attempts = 0;
        }
    }
}
