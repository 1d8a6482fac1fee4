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
        // The counts, by index, in one array that is also their lock: four fields and a lock object
        // would be five heap blocks on nanoCLR.
        private const int RequestsIndex = 0;
        private const int DroppedIndex = 1;
        private const int QueueDropsIndex = 2;
        private const int RollbacksIndex = 3;

        private readonly long[] _counts = new long[RollbacksIndex + 1];

        /// <summary>Requests answered over MQTT.</summary>
        public long Requests
        {
            get
            {
                lock (_counts)
                {
                    return _counts[RequestsIndex];
                }
            }
        }

        /// <summary>Messages on the subscribe topic dropped without an answer.</summary>
        public long Dropped
        {
            get
            {
                lock (_counts)
                {
                    return _counts[DroppedIndex] + _counts[QueueDropsIndex];
                }
            }
        }

        /// <summary>Remote connection changes rolled back because no broker was reached with them.</summary>
        public long Rollbacks
        {
            get
            {
                lock (_counts)
                {
                    return _counts[RollbacksIndex];
                }
            }
        }

        // The session's running total of messages its inbound queue could not hold, as last mirrored.
        internal long QueueDrops
        {
            get
            {
                lock (_counts)
                {
                    return _counts[QueueDropsIndex];
                }
            }
        }

        internal void CountRequest()
        {
            lock (_counts)
            {
                _counts[RequestsIndex]++;
            }
        }

        internal void CountDropped()
        {
            lock (_counts)
            {
                _counts[DroppedIndex]++;
            }
        }

        internal void CountRollback()
        {
            lock (_counts)
            {
                _counts[RollbacksIndex]++;
            }
        }

        // The session counts what its inbound queue could not hold; this mirrors its running total.
        internal void SetQueueDrops(long total)
        {
            lock (_counts)
            {
                _counts[QueueDropsIndex] = total;
            }
        }
    }
}
