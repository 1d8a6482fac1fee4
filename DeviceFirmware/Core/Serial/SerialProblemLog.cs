using DeviceFirmware.Runtime;

namespace DeviceFirmware.Serial
{
    /// <summary>
    /// Turns the serial service's problem counters into Warning lines without flooding the log: the
    /// first problem is written at once, later ones are summarised in at most one line per interval.
    /// A noisy line can drop thousands of frames a second; the log must stay readable and cheap.
    /// </summary>
    public sealed class SerialProblemLog
    {
        private readonly ILog _log;
        private readonly long _intervalMilliseconds;

        // Totals already written, so that each line reports only what is new.
        private int _garbage;
        private int _oversized;
        private int _timeouts;
        private int _handlerFailures;
        private bool _written;
        private long _writtenAt;

        /// <summary>Creates the summariser.</summary>
        /// <param name="log">Receives the lines.</param>
        /// <param name="intervalMilliseconds">Least time between two lines.</param>
        public SerialProblemLog(ILog log, long intervalMilliseconds)
        {
            if (log == null)
            {
                throw new System.ArgumentNullException("log");
            }

            _log = log;
            _intervalMilliseconds = intervalMilliseconds;
        }

        /// <summary>
        /// Takes the current totals; writes one line with what changed since the last line if anything
        /// did and the interval has passed (or nothing was written yet). Otherwise the change waits.
        /// </summary>
        /// <param name="now">Current uptime in milliseconds.</param>
        /// <param name="garbage">Total frames dropped as garbage.</param>
        /// <param name="oversized">Total oversized frames.</param>
        /// <param name="timeouts">Total partial frames dropped after the idle timeout.</param>
        /// <param name="handlerFailures">Total frames whose handler threw.</param>
        /// <param name="lastHandlerError">Message of the handler's latest exception, or null.</param>
        public void Report(long now, int garbage, int oversized, int timeouts, int handlerFailures, string lastHandlerError)
        {
            int newGarbage = garbage - _garbage;
            int newOversized = oversized - _oversized;
            int newTimeouts = timeouts - _timeouts;
            int newFailures = handlerFailures - _handlerFailures;
            if (newGarbage == 0 && newOversized == 0 && newTimeouts == 0 && newFailures == 0)
            {
                return;
            }

            if (_written && now - _writtenAt < _intervalMilliseconds)
            {
                return;
            }

            string line = "serial: frame problems: garbage " + newGarbage.ToString()
                + ", oversized " + newOversized.ToString()
                + ", idle timeout " + newTimeouts.ToString()
                + ", handler failure " + newFailures.ToString();
            if (newFailures > 0 && lastHandlerError != null)
            {
                line = line + " (last: " + lastHandlerError + ")";
            }

            _log.Write(LogLevel.Warning, line);
            _written = true;
            _writtenAt = now;
            _garbage = garbage;
            _oversized = oversized;
            _timeouts = timeouts;
            _handlerFailures = handlerFailures;
        }
    }
}
