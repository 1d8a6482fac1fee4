namespace DeviceFirmware.RemoteConfig
{
    /// <summary>
    /// What remote configuration over MQTT did since boot, reported in every telemetry payload:
    /// requests answered, messages dropped unanswered (not MMS, not hex, empty, no readable header,
    /// or more than the device could queue), and rollbacks of remote connection changes that
    /// reached no broker. Thread-safe.
    /// </summary>
    public sealed class RemoteCounters
    {
        private readonly object _sync = new object();
        private long _requests;
        private long _dropped;
        private long _queueDrops;
        private long _rollbacks;

        /// <summary>Requests answered over MQTT.</summary>
        public long Requests
        {
            get
            {
                lock (_sync)
                {
                    return _requests;
                }
            }
        }

        /// <summary>Messages on the subscribe topic dropped without an answer.</summary>
        public long Dropped
        {
            get
            {
                lock (_sync)
                {
                    return _dropped + _queueDrops;
                }
            }
        }

        /// <summary>Remote connection changes rolled back because no broker was reached with them.</summary>
        public long Rollbacks
        {
            get
            {
                lock (_sync)
                {
                    return _rollbacks;
                }
            }
        }

        internal void CountRequest()
        {
            lock (_sync)
            {
                _requests++;
            }
        }

        internal void CountDropped()
        {
            lock (_sync)
            {
                _dropped++;
            }
        }

        internal void CountRollback()
        {
            lock (_sync)
            {
                _rollbacks++;
            }
        }

        // The session counts what its inbound queue could not hold; this mirrors its running total.
        internal void SetQueueDrops(long total)
        {
            lock (_sync)
            {
                _queueDrops = total;
            }
        }
    }
}
