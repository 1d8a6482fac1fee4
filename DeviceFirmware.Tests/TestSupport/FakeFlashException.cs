using System;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>Thrown by <see cref="FakeFlashStorage"/> for every fault it was told to inject.</summary>
    public sealed class FakeFlashException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What failed.</param>
        /// <param name="powerLoss">True when a write was cut short (see <see cref="FakeFlashStorage.CutNextWrite"/>).</param>
        public FakeFlashException(string message, bool powerLoss)
            : base(message)
        {
            PowerLoss = powerLoss;
        }

        /// <summary>
        /// True when the fault stands for power loss during a write: the slot holds a partial write and
        /// a real device would now reboot. A test should drop the store and load a fresh one.
        /// </summary>
        public bool PowerLoss { get; }
    }
}
