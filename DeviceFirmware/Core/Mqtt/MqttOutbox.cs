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
    /// <para>Every operation the sender makes per message costs in proportion to the transport's
    /// in-flight window, not to the number of messages held, so that a large outbox (the host
    /// simulator's, or one filled during a long outage) does not make each publish slower: the
    /// outbox counts its in-flight messages instead of scanning for them (so state changes of held
    /// messages go through <see cref="MarkInFlight"/> and <see cref="MarkPending"/>), an ID lookup
    /// stops once it has passed every in-flight message, and a removal shifts the shorter side of
    /// the ring. In-flight messages sit near the oldest end, because messages are sent oldest first.</para>
    /// </remarks>
    public sealed class MqttOutbox
    {
        private readonly OutboxMessage[] _ring;
        private readonly int _maxBytes;
        private int _head;
        private int _count;
        private int _bytes;
        private int _inFlight;

        /// <summary>Creates an empty outbox.</summary>
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

            _ring = new OutboxMessage[maxMessages];
            _maxBytes = maxBytes;
        }

        /// <summary>Most messages held at once.</summary>
        public int MaxMessages
        {
            get { return _ring.Length; }
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

        /// <summary>Returns the message at a position, 0 being the oldest.</summary>
        public OutboxMessage At(int position)
        {
            if (position < 0 || position >= _count)
            {
                throw new ArgumentOutOfRangeException("position");
            }

            return _ring[(_head + position) % _ring.Length];
        }

        /// <summary>True when a payload of this size could be held at all (it is not larger than the byte limit).</summary>
        public bool Fits(int payloadLength)
        {
            return payloadLength <= _maxBytes;
        }

        /// <summary>True when a payload of this size can be added without evicting anything.</summary>
        public bool HasRoomFor(int payloadLength)
        {
            return _count < _ring.Length && _bytes + payloadLength <= _maxBytes;
        }

        /// <summary>Appends a message as the newest. The caller made room first (<see cref="HasRoomFor"/>).</summary>
        /// <exception cref="InvalidOperationException">There is no room.</exception>
        public void Add(OutboxMessage message)
        {
            if (!HasRoomFor(message.Payload.Length))
            {
                throw new InvalidOperationException("outbox full");
            }

            _ring[(_head + _count) % _ring.Length] = message;
            _count++;
            _bytes += message.Payload.Length;
        }

        /// <summary>Removes and returns the oldest message, or null when empty.</summary>
        public OutboxMessage RemoveOldest()
        {
            if (_count == 0)
            {
                return null;
            }

            OutboxMessage message = _ring[_head];
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
            _bytes -= message.Payload.Length;
            Forget(message);
            return message;
        }

        /// <summary>Removes a message wherever it is, keeping the order of the others.</summary>
        /// <returns>False when the outbox does not hold it.</returns>
        public bool Remove(OutboxMessage message)
        {
            int position = IndexOf(message);
            if (position < 0)
            {
                return false;
            }

            // Close the gap from the shorter side. Delivered messages are usually at or near the head.
            if (position < _count / 2)
            {
                for (int i = position; i > 0; i--)
                {
                    _ring[(_head + i) % _ring.Length] = _ring[(_head + i - 1) % _ring.Length];
                }

                _ring[_head] = null;
                _head = (_head + 1) % _ring.Length;
            }
            else
            {
                for (int i = position; i < _count - 1; i++)
                {
                    _ring[(_head + i) % _ring.Length] = _ring[(_head + i + 1) % _ring.Length];
                }

                _ring[(_head + _count - 1) % _ring.Length] = null;
            }

            _count--;
            _bytes -= message.Payload.Length;
            Forget(message);
            return true;
        }

        /// <summary>Records that a held message was handed to the transport and got this ID.</summary>
        /// <param name="message">A message this outbox holds.</param>
        /// <param name="messageId">The transport's ID for it.</param>
        public void MarkInFlight(OutboxMessage message, int messageId)
        {
            if (!message.IsInFlight)
            {
                _inFlight++;
            }

            message.MarkInFlight(messageId);
        }

        /// <summary>Records that a held message waits to be sent (again): it is no longer in flight, if it was.</summary>
        /// <param name="message">A message this outbox holds.</param>
        public void MarkPending(OutboxMessage message)
        {
            if (message.IsInFlight)
            {
                _inFlight--;
            }

            message.MarkPending();
        }

        /// <summary>True when the outbox holds this message.</summary>
        public bool Contains(OutboxMessage message)
        {
            return IndexOf(message) >= 0;
        }

        /// <summary>Returns the in-flight message with this transport ID, or null.</summary>
        public OutboxMessage FindInFlight(int messageId)
        {
            // Stop once every in-flight message has been seen: the rest only wait to be sent.
            int seen = 0;
            for (int i = 0; i < _count && seen < _inFlight; i++)
            {
                OutboxMessage message = At(i);
                if (message.IsInFlight)
                {
                    if (message.MessageId == messageId)
                    {
                        return message;
                    }

                    seen++;
                }
            }

            return null;
        }

        /// <summary>Returns the oldest message waiting to be sent, or null.</summary>
        public OutboxMessage FirstPending()
        {
            for (int i = 0; i < _count; i++)
            {
                OutboxMessage message = At(i);
                if (message.IsPending)
                {
                    return message;
                }
            }

            return null;
        }

        // A message that leaves the outbox in flight stays in flight for the transport, but the
        // outbox no longer counts it (an evicted message is not tracked any more).
        private void Forget(OutboxMessage message)
        {
            if (message.IsInFlight)
            {
                _inFlight--;
            }
        }

        private int IndexOf(OutboxMessage message)
        {
            for (int i = 0; i < _count; i++)
            {
                if (At(i) == message)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
