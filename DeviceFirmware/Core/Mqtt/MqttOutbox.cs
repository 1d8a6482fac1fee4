using System;

namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// The bounded store of QoS 1 and 2 messages, oldest first: those waiting to be sent and those
    /// in flight until their acknowledgement completes. Bounded both in messages and in payload
    /// bytes, because a broker that stays away for hours must not exhaust the ESP32 heap (the
    /// unbounded esp-mqtt outbox did, espressif/esp-idf#5668).
    /// </summary>
    /// <remarks>
    /// <para>A plain data structure: it neither talks to the transport nor locks. <see cref="MqttSender"/>
    /// owns one and guards it with its lock.</para>
    /// <para><b>Storage.</b> Every message is one record in a single byte array, oldest first: a
    /// <see cref="RecordHeaderLength"/>-byte header (payload length, sequence, key, transport ID,
    /// state, QoS, retain, send count, route) followed by a copy of the payload. Topic and source
    /// strings are kept once per distinct pair in a small route table that the records index. So the
    /// outbox holds no object and no array per message, and its storage follows what it holds: none
    /// while empty, grown in steps of an eighth (at least 256 bytes) as messages come, never beyond
    /// the bounds nor, near the message bound, beyond what the messages still to come need at the
    /// average size so far, and let go when the last message leaves. The byte limit counts payload bytes only,
    /// as <see cref="OutboxCounters.QueuedBytes"/> reports them.</para>
    /// <para><b>Handles.</b> The sender sees messages as <see cref="OutboxMessage"/> handles, made when
    /// it asks for one; each names its record by a key, so it stays valid while records move. Only
    /// <see cref="FirstPending"/> copies the payload out, for the transport, which may keep that array
    /// until the message is delivered (M2Mqtt does).</para>
    /// <para><b>Cost per message.</b> Every operation the sender makes per message costs in proportion
    /// to the transport's in-flight window, not to the number of messages held, so that a large
    /// outbox (the host simulator's, or one filled during a long outage) does not make each publish
    /// slower: the outbox counts its in-flight messages instead of scanning for them, a search stops
    /// once it has passed every in-flight message, records leave from the oldest end without moving
    /// the others, and a removal elsewhere moves the shorter side. In-flight messages sit near the
    /// oldest end, because messages are sent oldest first. Appending may compact the records to the
    /// start of the array, one native copy.</para>
    /// </remarks>
    public sealed class MqttOutbox
    {
        /// <summary>Bytes of bookkeeping per held message, stored in front of its payload.</summary>
        public const int RecordHeaderLength = 24;

        // Record header layout (integers little-endian).
        private const int PayloadLengthOffset = 0;
        private const int SequenceOffset = 4;
        private const int KeyOffset = 12;
        private const int MessageIdOffset = 16;
        private const int FlagsOffset = 20;
        private const int SendCountOffset = 21;
        private const int RouteOffset = 22;

        // Flags byte: state in bits 0-1, QoS in bits 2-3, retain in bit 4.
        private const int StateMask = 0x03;
        private const int QosShift = 2;
        private const int QosMask = 0x03;
        private const int RetainBit = 0x10;

        private const int MaxSendCount = 0xFF;
        private const int MaxRoutes = 0x10000;
        private const int MinimumGrowth = 256;

        private readonly int _maxMessages;
        private readonly int _maxBytes;

        // Records live in _store[_start.._end); null while the outbox is empty.
        private byte[] _store;
        private int _start;
        private int _end;
        private int _count;
        private int _bytes;
        private int _inFlight;
        private int _nextKey;

        // Route table: the topic and source of records, entry i at 2i and 2i + 1 (one array, not
        // two: each array is two heap blocks more); a null topic marks a free entry.
        private string[] _routes;

        // Where the last At stopped, so that At(0), At(1), ... walk the records once. -1 when unknown.
        private int _cursorPosition = -1;
        private int _cursorOffset;

        /// <summary>Creates an empty outbox; it takes no storage until the first message.</summary>
        /// <param name="maxMessages">Most messages held at once, at least 1.</param>
        /// <param name="maxBytes">Most payload bytes held at once, at least 1.</param>
        public MqttOutbox(int maxMessages, int maxBytes)
        {
            if (maxMessages < 1)
            {
                throw new ArgumentOutOfRangeException("maxMessages");
            }

            if (maxBytes < 1)
            {
                throw new ArgumentOutOfRangeException("maxBytes");
            }

            _maxMessages = maxMessages;
            _maxBytes = maxBytes;
        }

        /// <summary>Most messages held at once.</summary>
        public int MaxMessages
        {
            get { return _maxMessages; }
        }

        /// <summary>Most payload bytes held at once.</summary>
        public int MaxBytes
        {
            get { return _maxBytes; }
        }

        /// <summary>Messages held now.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Payload bytes held now.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Number of held messages that are in flight.</summary>
        public int InFlightCount
        {
            get { return _inFlight; }
        }

        /// <summary>
        /// Bytes of storage the outbox has now: 0 while empty; otherwise at least <see cref="Bytes"/> +
        /// <see cref="Count"/> × <see cref="RecordHeaderLength"/>. It grows by an eighth (at least 256
        /// bytes) when a message does not fit, never past <see cref="MaxBytes"/> + <see cref="MaxMessages"/> ×
        /// <see cref="RecordHeaderLength"/> nor, near <see cref="MaxMessages"/>, past room for the messages
        /// still to come at the average size so far, and is let go when the last message leaves.
        /// </summary>
        public int StorageLength
        {
            get { return _store == null ? 0 : _store.Length; }
        }

        /// <summary>Returns a handle on the message at a position, 0 being the oldest (without its payload).</summary>
        public OutboxMessage At(int position)
        {
            if (position < 0 || position >= _count)
            {
                throw new ArgumentOutOfRangeException("position");
            }

            int offset;
            int index;
            if (_cursorPosition >= 0 && _cursorPosition <= position)
            {
                index = _cursorPosition;
                offset = _cursorOffset;
            }
            else
            {
                index = 0;
                offset = _start;
            }

            while (index < position)
            {
                offset = Next(offset);
                index++;
            }

            _cursorPosition = index;
            _cursorOffset = offset;
            return Handle(offset, false);
        }

        /// <summary>True when a payload of this size could be held at all (it is not larger than the byte limit).</summary>
        public bool Fits(int payloadLength)
        {
            return payloadLength <= _maxBytes;
        }

        /// <summary>True when a payload of this size can be added without evicting anything.</summary>
        public bool HasRoomFor(int payloadLength)
        {
            return _count < _maxMessages && _bytes + payloadLength <= _maxBytes;
        }

        /// <summary>
        /// Copies a new message in as the newest, waiting to be sent, and ties <paramref name="message"/>
        /// to it. The caller made room first (<see cref="HasRoomFor"/>).
        /// </summary>
        /// <exception cref="ArgumentException">The message has no topic.</exception>
        /// <exception cref="InvalidOperationException">There is no room, or the message is held already.</exception>
        public void Add(OutboxMessage message)
        {
            int length = message.PayloadLength;
            if (message.Topic == null)
            {
                throw new ArgumentException("a message needs a topic", "message");
            }

            if (message.Key != OutboxMessage.NoKey)
            {
                throw new InvalidOperationException("message already in an outbox");
            }

            if (!HasRoomFor(length))
            {
                throw new InvalidOperationException("outbox full");
            }

            int route = RouteOf(message.Topic, message.Source);
            int recordLength = RecordHeaderLength + length;
            MakeRoom(recordLength);

            int key = _nextKey;
            _nextKey = (_nextKey + 1) & int.MaxValue;
            int offset = _end;
            byte[] store = _store;
            WriteInt(store, offset + PayloadLengthOffset, length);
            WriteLong(store, offset + SequenceOffset, message.Sequence);
            WriteInt(store, offset + KeyOffset, key);
            WriteInt(store, offset + MessageIdOffset, OutboxMessage.NoMessageId);
            store[offset + FlagsOffset] = (byte)(OutboxMessage.StatePending | ((message.Qos & QosMask) << QosShift) | (message.Retain ? RetainBit : 0));
            store[offset + SendCountOffset] = 0;
            store[offset + RouteOffset] = (byte)route;
            store[offset + RouteOffset + 1] = (byte)(route >> 8);
            if (length > 0)
            {
                Array.Copy(message.Payload, 0, store, offset + RecordHeaderLength, length);
            }

            _end += recordLength;
            _count++;
            _bytes += length;
            message.Attach(key);
            message.Update(OutboxMessage.StatePending, OutboxMessage.NoMessageId, 0);
        }

        /// <summary>Removes the oldest message and returns a handle on it (without its payload), or null when empty.</summary>
        public OutboxMessage RemoveOldest()
        {
            if (_count == 0)
            {
                return null;
            }

            OutboxMessage message = Handle(_start, false);
            RemoveAt(_start);
            return message;
        }

        /// <summary>Removes a message wherever it is, keeping the order of the others.</summary>
        /// <returns>False when the outbox does not hold it.</returns>
        public bool Remove(OutboxMessage message)
        {
            int offset = Find(message.Key);
            if (offset < 0)
            {
                return false;
            }

            RemoveAt(offset);
            return true;
        }

        /// <summary>Records that a held message is being handed to the transport.</summary>
        /// <param name="message">A handle on a message this outbox holds.</param>
        public void MarkSending(OutboxMessage message)
        {
            SetState(message, OutboxMessage.StateSending, OutboxMessage.NoMessageId, false);
        }

        /// <summary>Records that a held message was handed to the transport and got this ID.</summary>
        /// <param name="message">A handle on a message this outbox holds.</param>
        /// <param name="messageId">The transport's ID for it.</param>
        public void MarkInFlight(OutboxMessage message, int messageId)
        {
            SetState(message, OutboxMessage.StateInFlight, messageId, true);
        }

        /// <summary>Records that a held message waits to be sent (again): it is no longer in flight, if it was.</summary>
        /// <param name="message">A handle on a message this outbox holds.</param>
        public void MarkPending(OutboxMessage message)
        {
            SetState(message, OutboxMessage.StatePending, OutboxMessage.NoMessageId, false);
        }

        /// <summary>True when the outbox holds this message.</summary>
        public bool Contains(OutboxMessage message)
        {
            return Find(message.Key) >= 0;
        }

        /// <summary>Returns a handle on the in-flight message with this transport ID, or null.</summary>
        public OutboxMessage FindInFlight(int messageId)
        {
            // Stop once every in-flight message has been seen: the rest only wait to be sent.
            int seen = 0;
            for (int offset = _start; offset < _end && seen < _inFlight; offset = Next(offset))
            {
                if ((_store[offset + FlagsOffset] & StateMask) == OutboxMessage.StateInFlight)
                {
                    if (ReadInt(_store, offset + MessageIdOffset) == messageId)
                    {
                        return Handle(offset, false);
                    }

                    seen++;
                }
            }

            return null;
        }

        /// <summary>Returns a handle on the oldest message waiting to be sent, with a copy of its payload to publish, or null.</summary>
        public OutboxMessage FirstPending()
        {
            for (int offset = _start; offset < _end; offset = Next(offset))
            {
                if ((_store[offset + FlagsOffset] & StateMask) == OutboxMessage.StatePending)
                {
                    return Handle(offset, true);
                }
            }

            return null;
        }

        private int Next(int offset)
        {
            return offset + RecordHeaderLength + ReadInt(_store, offset + PayloadLengthOffset);
        }

        private int Find(int key)
        {
            if (key == OutboxMessage.NoKey)
            {
                return -1;
            }

            for (int offset = _start; offset < _end; offset = Next(offset))
            {
                if (ReadInt(_store, offset + KeyOffset) == key)
                {
                    return offset;
                }
            }

            return -1;
        }

        private OutboxMessage Handle(int offset, bool withPayload)
        {
            byte[] store = _store;
            int length = ReadInt(store, offset + PayloadLengthOffset);
            byte[] payload = null;
            if (withPayload)
            {
                payload = new byte[length];
                Array.Copy(store, offset + RecordHeaderLength, payload, 0, length);
            }

            int flags = store[offset + FlagsOffset];
            int route = store[offset + RouteOffset] | (store[offset + RouteOffset + 1] << 8);
            return new OutboxMessage(
                ReadInt(store, offset + KeyOffset),
                _routes[2 * route],
                payload,
                length,
                (flags >> QosShift) & QosMask,
                (flags & RetainBit) != 0,
                _routes[(2 * route) + 1],
                ReadLong(store, offset + SequenceOffset),
                flags & StateMask,
                ReadInt(store, offset + MessageIdOffset),
                store[offset + SendCountOffset]);
        }

        // Changes the state of the message the handle names, and the handle with it. A handle on a
        // message the outbox no longer holds is only updated itself.
        private void SetState(OutboxMessage message, int state, int messageId, bool sent)
        {
            int offset = Find(message.Key);
            int sendCount = offset < 0 ? message.SendCount : _store[offset + SendCountOffset];
            if (sent && sendCount < MaxSendCount)
            {
                sendCount++;
            }

            if (offset >= 0)
            {
                int flags = _store[offset + FlagsOffset];
                bool wasInFlight = (flags & StateMask) == OutboxMessage.StateInFlight;
                bool isInFlight = state == OutboxMessage.StateInFlight;
                if (wasInFlight != isInFlight)
                {
                    _inFlight += isInFlight ? 1 : -1;
                }

                _store[offset + FlagsOffset] = (byte)((flags & ~StateMask) | state);
                _store[offset + SendCountOffset] = (byte)sendCount;
                WriteInt(_store, offset + MessageIdOffset, messageId);
            }

            message.Update(state, messageId, sendCount);
        }

        private void RemoveAt(int offset)
        {
            int length = ReadInt(_store, offset + PayloadLengthOffset);
            int recordLength = RecordHeaderLength + length;

            // A message that leaves in flight stays in flight for the transport, but the outbox no
            // longer counts it (an evicted message is not tracked any more).
            if ((_store[offset + FlagsOffset] & StateMask) == OutboxMessage.StateInFlight)
            {
                _inFlight--;
            }

            _count--;
            _bytes -= length;
            _cursorPosition = -1;
            if (_count == 0)
            {
                // Nothing held: let the storage go, and with it every route.
                _store = null;
                _start = 0;
                _end = 0;
                Array.Clear(_routes, 0, _routes.Length);
                return;
            }

            // Close the gap from the shorter side. Delivered and evicted messages are at or near the start.
            int before = offset - _start;
            int after = _end - offset - recordLength;
            if (before <= after)
            {
                Array.Copy(_store, _start, _store, _start + recordLength, before);
                _start += recordLength;
            }
            else
            {
                Array.Copy(_store, offset + recordLength, _store, offset, after);
                _end -= recordLength;
            }
        }

        // Ensures recordLength bytes are free after _end: compacts the records to the start of the
        // array when that is enough, otherwise moves them to a larger one.
        private void MakeRoom(int recordLength)
        {
            int capacity = _store == null ? 0 : _store.Length;
            if (capacity - _end >= recordLength)
            {
                return;
            }

            int used = _end - _start;
            _cursorPosition = -1;
            if (capacity - used >= recordLength)
            {
                Array.Copy(_store, _start, _store, 0, used);
            }
            else
            {
                int step = capacity / 8 < MinimumGrowth ? MinimumGrowth : capacity / 8;
                long grown = (long)capacity + step;
                long needed = (long)used + recordLength;
                if (grown < needed)
                {
                    grown = needed;
                }

                // Near the message bound an eighth is more than the messages still to come can fill:
                // room for them at the average record size so far is enough, and at the bound exactly
                // the records held (a full outbox then keeps no slack; the steady state of an outage).
                long enough = needed + ((long)(_maxMessages - _count - 1) * (needed / (_count + 1)));
                if (grown > enough)
                {
                    grown = enough;
                }

                int most = MaxStorage();
                if (grown > most)
                {
                    grown = most;
                }

                byte[] larger = new byte[(int)grown];
                if (used > 0)
                {
                    Array.Copy(_store, _start, larger, 0, used);
                }

                _store = larger;
            }

            _start = 0;
            _end = used;
        }

        // The most storage the bounds allow: every payload byte and a header per message. Worked out
        // when the storage grows rather than kept in a field.
        private int MaxStorage()
        {
            long most = (long)_maxBytes + ((long)_maxMessages * RecordHeaderLength);
            return most > int.MaxValue ? int.MaxValue : (int)most;
        }

        private int RouteOf(string topic, string source)
        {
            if (_routes == null)
            {
                _routes = new string[2];
            }

            int free = FindRoute(topic, source);
            if (free >= 0 && _routes[2 * free] != null)
            {
                return free;
            }

            if (free < 0)
            {
                free = SweepRoutes();
            }

            if (free < 0)
            {
                int length = _routes.Length / 2;
                if (length >= MaxRoutes)
                {
                    throw new InvalidOperationException("too many distinct topics in the outbox");
                }

                string[] routes = new string[length * 4];
                Array.Copy(_routes, routes, length * 2);
                _routes = routes;
                free = length;
            }

            _routes[2 * free] = topic;
            _routes[(2 * free) + 1] = source;
            return free;
        }

        // The entry holding this pair, else the first free entry, else -1.
        private int FindRoute(string topic, string source)
        {
            int free = -1;
            string[] routes = _routes;
            for (int i = 0; i < routes.Length; i += 2)
            {
                if (routes[i] == null)
                {
                    if (free < 0)
                    {
                        free = i / 2;
                    }
                }
                else if (routes[i] == topic && routes[i + 1] == source)
                {
                    return i / 2;
                }
            }

            return free;
        }

        // Frees the entries no held record uses; returns the first free entry, or -1.
        private int SweepRoutes()
        {
            bool[] used = new bool[_routes.Length / 2];
            for (int offset = _start; offset < _end; offset = Next(offset))
            {
                used[_store[offset + RouteOffset] | (_store[offset + RouteOffset + 1] << 8)] = true;
            }

            int free = -1;
            for (int i = 0; i < used.Length; i++)
            {
                if (!used[i])
                {
                    _routes[2 * i] = null;
                    _routes[(2 * i) + 1] = null;
                    if (free < 0)
                    {
                        free = i;
                    }
                }
            }

            return free;
        }

        private static void WriteInt(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static int ReadInt(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24);
        }

        private static void WriteLong(byte[] buffer, int offset, long value)
        {
            WriteInt(buffer, offset, (int)value);
            WriteInt(buffer, offset + 4, (int)(value >> 32));
        }

        private static long ReadLong(byte[] buffer, int offset)
        {
            return ((long)ReadInt(buffer, offset + 4) << 32) | (uint)ReadInt(buffer, offset);
        }
    }
}
