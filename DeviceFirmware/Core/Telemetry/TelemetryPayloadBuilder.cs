using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.RemoteConfig;

namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// Builds one telemetry message as compact JSON (no whitespace, ASCII only), members always in
    /// this order:
    /// <code>
    /// {"seq":12,"boot":"7f3c9a2e","up_ms":120034,"qos":1,
    ///  "readings":{"temp_c":21.50,"rssi_dbm":-61,"heap_free":48211},
    ///  "outbox":{"queued":2,"sent":11,"delivered":9,"dropped_offline":0,"dropped_full":0,"failed":1}}
    /// </code>
    /// (one line on the wire; wrapped here). <c>seq</c>: per-boot sequence number, 1 for the first
    /// message after boot, one more for every message produced, whether it is then sent, queued or
    /// dropped, so gaps show loss. <c>boot</c>: the boot ID the composition passed in, so that
    /// (boot, seq) identifies a message across reboots. <c>up_ms</c>: milliseconds since boot when the
    /// message was created. <c>qos</c>: the QoS the message is published with, fixed when it is
    /// created. <c>readings</c>: one member per sensor that had a reading, name to number, in sensor
    /// order, with exactly the sensor's number of decimals (a sensor without a reading is left out).
    /// <c>outbox</c>: the <see cref="OutboxCounters"/> as they stood just before this message was
    /// handed to the sender.
    /// </summary>
    /// <remarks>Not thread-safe: the publisher calls it under its own lock.</remarks>
    public sealed class TelemetryPayloadBuilder
    {
        /// <summary>Longest sensor name, per <see cref="ISensor.Name"/>.</summary>
        public const int MaxSensorNameLength = 24;

        /// <summary>Longest boot ID: a GUID with dashes fits.</summary>
        public const int MaxBootIdLength = 36;

        private const string SeqKey = "{\"seq\":";
        private const string BootKey = ",\"boot\":\"";
        private const string UptimeKey = "\",\"up_ms\":";
        private const string QosKey = ",\"qos\":";
        private const string ReadingsKey = ",\"readings\":{";
        private const string QueuedKey = "},\"outbox\":{\"queued\":";
        private const string SentKey = ",\"sent\":";
        private const string DeliveredKey = ",\"delivered\":";
        private const string DroppedOfflineKey = ",\"dropped_offline\":";
        private const string DroppedFullKey = ",\"dropped_full\":";
        private const string FailedKey = ",\"failed\":";
        private const string RequestsKey = "},\"remote\":{\"requests\":";
        private const string RemoteDroppedKey = ",\"dropped\":";
        private const string RollbacksKey = ",\"rollbacks\":";
        private const string End = "}}";

        // Numbers outside the readings: seq, up_ms, qos, the six outbox and the three remote counters.
        private const int FixedNumberCount = 12;

        // Per reading: two quotes, a colon and a comma around the name.
        private const int ReadingPunctuation = 4;

        // Exact-length arrays BuildShared keeps.
        private const int SharedArrays = 4;

        // The constant parts, encoded once: copying them is most of the work of Build, and one array
        // copy costs far less than a call per character (on nanoCLR above all).
        private static readonly byte[] SeqKeyBytes = JsonByteWriter.Ascii(SeqKey);
        private static readonly byte[] QosKeyBytes = JsonByteWriter.Ascii(QosKey);
        private static readonly byte[] ReadingsKeyBytes = JsonByteWriter.Ascii(ReadingsKey);
        private static readonly byte[] QueuedKeyBytes = JsonByteWriter.Ascii(QueuedKey);
        private static readonly byte[] SentKeyBytes = JsonByteWriter.Ascii(SentKey);
        private static readonly byte[] DeliveredKeyBytes = JsonByteWriter.Ascii(DeliveredKey);
        private static readonly byte[] DroppedOfflineKeyBytes = JsonByteWriter.Ascii(DroppedOfflineKey);
        private static readonly byte[] DroppedFullKeyBytes = JsonByteWriter.Ascii(DroppedFullKey);
        private static readonly byte[] FailedKeyBytes = JsonByteWriter.Ascii(FailedKey);
        private static readonly byte[] RequestsKeyBytes = JsonByteWriter.Ascii(RequestsKey);
        private static readonly byte[] RemoteDroppedKeyBytes = JsonByteWriter.Ascii(RemoteDroppedKey);
        private static readonly byte[] RollbacksKeyBytes = JsonByteWriter.Ascii(RollbacksKey);
        private static readonly byte[] EndBytes = JsonByteWriter.Ascii(End);

        private readonly string _bootId;
        // Null for none (a core without sensors keeps no empty arrays).
        private readonly ISensor[] _sensors;
        private readonly int[] _decimals;
        private readonly JsonByteWriter _writer;

        // BuildShared's arrays, each of one payload length, replaced in turn when a new length comes.
        // A handful of lengths occur in practice (the digits of seq and up_ms grow slowly), so a few
        // arrays serve them; one per possible length would cost a reference per byte of MaxLength.
        // Made by the first BuildShared: a device whose transport keeps payloads never needs them.
        private byte[][] _shared;
        private int _nextShared;

        // ,"boot":"<id>","up_ms":  and, per sensor, "<name:>"
        private readonly byte[] _bootAndUptimeKey;
        private readonly byte[][] _nameKeys;

        /// <summary>Checks the inputs once and sizes a buffer for the longest possible payload.</summary>
        /// <param name="bootId">1 to 36 letters, digits, '-' or '_', identifying this boot.</param>
        /// <param name="sensors">Reading sources, in payload order; null or empty for none. Names and decimals are read once, here.</param>
        /// <exception cref="ArgumentException">A boot ID or sensor name breaks the rules, or a name repeats.</exception>
        public TelemetryPayloadBuilder(string bootId, ISensor[] sensors)
        {
            if (!IsValidBootId(bootId))
            {
                throw new ArgumentException("boot ID must be 1 to 36 letters, digits, '-' or '_'", "bootId");
            }

            _bootId = bootId;
            int count = sensors == null ? 0 : sensors.Length;
            string[] names = new string[count];
            if (count > 0)
            {
                _sensors = new ISensor[count];
                _decimals = new int[count];
                _nameKeys = new byte[count][];
            }

            _bootAndUptimeKey = JsonByteWriter.Ascii(BootKey + bootId + UptimeKey);
            int maxLength = SeqKey.Length + BootKey.Length + bootId.Length + UptimeKey.Length + QosKey.Length + ReadingsKey.Length
                + QueuedKey.Length + SentKey.Length + DeliveredKey.Length + DroppedOfflineKey.Length + DroppedFullKey.Length
                + FailedKey.Length + RequestsKey.Length + RemoteDroppedKey.Length + RollbacksKey.Length + End.Length
                + (FixedNumberCount * JsonByteWriter.MaxNumberLength);
            for (int i = 0; i < count; i++)
            {
                ISensor sensor = sensors[i];
                if (sensor == null)
                {
                    throw new ArgumentException("sensor " + i.ToString() + " is null", "sensors");
                }

                string name = sensor.Name;
                if (!IsValidSensorName(name))
                {
                    throw new ArgumentException("sensor name must be 1 to 24 of a-z, 0-9 and '_'", "sensors");
                }

                for (int j = 0; j < i; j++)
                {
                    if (names[j] == name)
                    {
                        throw new ArgumentException("sensor name " + name + " is used twice", "sensors");
                    }
                }

                int decimals = sensor.Decimals;
                if (decimals < 0 || decimals > JsonByteWriter.MaxDecimals)
                {
                    throw new ArgumentException("sensor " + name + " has decimals outside 0..6", "sensors");
                }

                _sensors[i] = sensor;
                names[i] = name;
                _decimals[i] = decimals;
                _nameKeys[i] = JsonByteWriter.Ascii("\"" + name + "\":");
                maxLength += name.Length + ReadingPunctuation + JsonByteWriter.MaxNumberLength;
            }

            // The buffer starts at the length of a payload whose numbers all have one digit and grows
            // to the longest payload built so far: MaxLength is a worst case that real payloads,
            // whose counters stay short, are far from.
            int shortest = maxLength - ((FixedNumberCount + count) * (JsonByteWriter.MaxNumberLength - 1));
            _writer = new JsonByteWriter(shortest, maxLength);
        }

        /// <summary>Upper bound of a payload's length in bytes, for these sensors and this boot ID.</summary>
        public int MaxLength
        {
            get { return _writer.Capacity; }
        }

        /// <summary>The boot ID written into every payload.</summary>
        public string BootId
        {
            get { return _bootId; }
        }

        /// <summary>
        /// Like <see cref="Build(long, long, int, OutboxCounters, RemoteCounters)"/>, but returns an array owned by this builder, of exactly the payload's
        /// length, that a later call producing the same length reuses. Only for a payload the caller
        /// hands to something that copies it before the next call: a transport that copies it at once
        /// (<see cref="IMqttTransport.CopiesPayload"/>), or the outbox, which keeps its own copy.
        /// </summary>
        public byte[] BuildShared(long sequence, long uptimeMilliseconds, int qos, OutboxCounters counters, RemoteCounters remote)
        {
            Write(sequence, uptimeMilliseconds, qos, counters, remote);
            int length = _writer.Length;
            if (_shared == null)
            {
                _shared = new byte[SharedArrays][];
            }

            byte[] shared = null;
            for (int i = 0; i < _shared.Length; i++)
            {
                byte[] candidate = _shared[i];
                if (candidate != null && candidate.Length == length)
                {
                    shared = candidate;
                    break;
                }
            }

            if (shared == null)
            {
                shared = new byte[length];
                _shared[_nextShared] = shared;
                _nextShared = (_nextShared + 1) % _shared.Length;
            }

            _writer.CopyTo(shared);
            return shared;
        }

        /// <summary>Reads every sensor and returns a new payload array of exactly the right length.</summary>
        /// <param name="sequence">Per-boot sequence number.</param>
        /// <param name="uptimeMilliseconds">Uptime when the message is created.</param>
        /// <param name="qos">QoS the message will be published with.</param>
        /// <param name="counters">The session's counters; must not be null.</param>
        /// <param name="remote">Remote configuration's counters; null reports zeros (a device without it answered nothing).</param>
        public byte[] Build(long sequence, long uptimeMilliseconds, int qos, OutboxCounters counters, RemoteCounters remote)
        {
            Write(sequence, uptimeMilliseconds, qos, counters, remote);
            return _writer.ToArray();
        }

        private void Write(long sequence, long uptimeMilliseconds, int qos, OutboxCounters counters, RemoteCounters remote)
        {
            JsonByteWriter w = _writer;
            w.Reset();
            w.WriteBytes(SeqKeyBytes);
            w.WriteInteger(sequence);
            w.WriteBytes(_bootAndUptimeKey);
            w.WriteInteger(uptimeMilliseconds);
            w.WriteBytes(QosKeyBytes);
            w.WriteInteger(qos);
            w.WriteBytes(ReadingsKeyBytes);
            bool first = true;
            int sensors = _sensors == null ? 0 : _sensors.Length;
            for (int i = 0; i < sensors; i++)
            {
                long value;
                if (!TryRead(_sensors[i], out value))
                {
                    continue;
                }

                if (!first)
                {
                    w.WriteByte((byte)',');
                }

                first = false;
                w.WriteBytes(_nameKeys[i]);
                w.WriteFixedPoint(value, _decimals[i]);
            }

            w.WriteBytes(QueuedKeyBytes);
            w.WriteInteger(counters.Queued);
            w.WriteBytes(SentKeyBytes);
            w.WriteInteger(counters.Sent);
            w.WriteBytes(DeliveredKeyBytes);
            w.WriteInteger(counters.Delivered);
            w.WriteBytes(DroppedOfflineKeyBytes);
            w.WriteInteger(counters.DroppedOffline);
            w.WriteBytes(DroppedFullKeyBytes);
            w.WriteInteger(counters.DroppedFull);
            w.WriteBytes(FailedKeyBytes);
            w.WriteInteger(counters.Failed);
            w.WriteBytes(RequestsKeyBytes);
            w.WriteInteger(remote == null ? 0 : remote.Requests);
            w.WriteBytes(RemoteDroppedKeyBytes);
            w.WriteInteger(remote == null ? 0 : remote.Dropped);
            w.WriteBytes(RollbacksKeyBytes);
            w.WriteInteger(remote == null ? 0 : remote.Rollbacks);
            w.WriteBytes(EndBytes);
        }

        /// <summary>True when <paramref name="bootId"/> may be used as a boot ID.</summary>
        public static bool IsValidBootId(string bootId)
        {
            if (bootId == null || bootId.Length == 0 || bootId.Length > MaxBootIdLength)
            {
                return false;
            }

            for (int i = 0; i < bootId.Length; i++)
            {
                char c = bootId[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="name"/> follows the <see cref="ISensor.Name"/> rules.</summary>
        public static bool IsValidSensorName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxSensorNameLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryRead(ISensor sensor, out long value)
        {
            // The contract says TryRead never throws; a driver that does anyway must not stop telemetry.
            try
            {
                return sensor.TryRead(out value);
            }
            catch (Exception)
            {
                value = 0;
                return false;
            }
        }
    }
}
