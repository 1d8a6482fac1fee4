namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Command 0x1F01 Reset Device (MagTek manual, Command Group 0x1Fnn, Tables 152-155): the payload
    /// is the command ID and an optional <c>81 01</c> Power Off Option (00 reset, 01 power off). A
    /// reset is answered with status 00 000000 and no payload, then happens within 500 ms; power off
    /// needs a battery, which these boards do not have, so it is answered "feature not available".
    /// </summary>
    internal sealed class ResetDeviceCommand
    {
        /// <summary>Payload tag 81: the Power Off Option (one byte).</summary>
        public const byte TagPowerOffOption = 0x81;

        /// <summary>Power Off Option 00: reset (the default when 81 is absent).</summary>
        public const byte OptionReset = 0x00;

        /// <summary>Power Off Option 01: power off (battery-powered devices only).</summary>
        public const byte OptionPowerOff = 0x01;

        private readonly IResetScheduler _scheduler;

        /// <summary>Creates the command.</summary>
        /// <param name="scheduler">Restarts the device after the answer; null where the device cannot restart.</param>
        public ResetDeviceCommand(IResetScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        /// <summary>Why the last request was refused, for the log.</summary>
        public string Reason { get; private set; }

        /// <summary>
        /// Checks the payload and, when the device can do what it asks, schedules the reset.
        /// </summary>
        /// <returns>0 when the reset is scheduled; otherwise the status detail to answer with (nothing is scheduled).</returns>
        public int Execute(byte[] buffer, int offset, int length)
        {
            Reason = null;
            if (length < MmsMessage.CommandIdLength || ((buffer[offset] << 8) | buffer[offset + 1]) != CommandId.ResetDevice)
            {
                return Fail(MmsStatus.DetailMalformedMessage, "payload does not start with the command ID");
            }

            int end = offset + length;
            int pos = offset + MmsMessage.CommandIdLength;
            int option = -1;
            while (pos < end)
            {
                byte tag;
                int valueOffset;
                int valueLength;
                int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (next < 0)
                {
                    return Fail(MmsStatus.DetailMalformedMessage, next == BerTlv.ErrorMultiByteTag ? "multi-byte tag in payload" : "payload TLV overruns or is truncated");
                }

                if (tag != TagPowerOffOption)
                {
                    return Fail(MmsStatus.DetailBadParameter, "unknown tag in payload");
                }

                if (option >= 0)
                {
                    return Fail(MmsStatus.DetailMalformedMessage, "power off option given twice");
                }

                if (valueLength != 1 || buffer[valueOffset] > OptionPowerOff)
                {
                    return Fail(MmsStatus.DetailBadParameter, "power off option must be 00 or 01");
                }

                option = buffer[valueOffset];
                pos = next;
            }

            if (option == OptionPowerOff)
            {
                return Fail(MmsStatus.DetailFeatureNotAvailable, "power off needs a battery; this board has none");
            }

            if (_scheduler == null || !_scheduler.ScheduleReset())
            {
                return Fail(MmsStatus.DetailFeatureNotAvailable, "this device cannot restart");
            }

            return 0;
        }

        private int Fail(int detail, string reason)
        {
            Reason = reason;
            return detail;
        }
    }
}
