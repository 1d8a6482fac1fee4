using System;
using DeviceFirmware.Protocol;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// A scripted <see cref="IMmsMessageHandler"/>: answers every request with <see cref="Response"/>
    /// (null = no answer), or throws for the next <see cref="ThrowCount"/> requests, and keeps a copy of
    /// the last request.
    /// </summary>
    public sealed class FakeMmsMessageHandler : IMmsMessageHandler
    {
        private readonly int _maxMessageLength;

        /// <summary>Creates a handler that accepts messages up to <paramref name="maxMessageLength"/> bytes.</summary>
        public FakeMmsMessageHandler(int maxMessageLength)
        {
            _maxMessageLength = maxMessageLength;
        }

        /// <inheritdoc />
        public int MaxMessageLength
        {
            get { return _maxMessageLength; }
        }

        /// <summary>What <see cref="Handle"/> returns.</summary>
        public byte[] Response { get; set; }

        /// <summary>How many of the next requests make <see cref="Handle"/> throw.</summary>
        public int ThrowCount { get; set; }

        /// <summary>Number of requests handled, including those that threw.</summary>
        public int Calls { get; private set; }

        /// <summary>Copy of the last request, or null before the first.</summary>
        public byte[] LastRequest { get; private set; }

        /// <inheritdoc />
        public byte[] Handle(byte[] buffer, int offset, int length)
        {
            Calls++;
            byte[] request = new byte[length];
            Array.Copy(buffer, offset, request, 0, length);
            LastRequest = request;
            if (ThrowCount > 0)
            {
                ThrowCount--;
                throw new InvalidOperationException("scripted handler failure");
            }

            return Response;
        }
    }
}
