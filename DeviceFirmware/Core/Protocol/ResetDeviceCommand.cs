namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Command 0x1F01 Reset Device (MagTek manual, Command Group 0x1Fnn, Tables 152-155): the payload
    /// is the command ID and an optional <c>81 01</c> Power Off Option (00 reset, 01 power off). A
    /// reset is answered with status 00 000000 and no payload, then happens within 500 ms; power off
    /// needs a battery, which these boards do not have, so it is answered "feature not available".
    /// </summary>
    internal static class ResetDeviceCommand
    {
        /// <summary>Payload tag 81: the Power Off Option (one byte).</summary>
        public const byte TagPowerOffOption = 0x81;

        /// <summary>Power Off Option 00: reset (the default when 81 is absent).</summary>
        public const byte OptionReset = 0x00;

        /// <summary>Power Off Option 01: power off (battery-powered devices only).</summary>
        public const byte OptionPowerOff = 0x01;

        /// <summary>
        /// Checks the payload and, when the device can do what it asks, schedules the reset. Static:
        /// the command keeps no state between requests.
        /// </summary>
        /// <param name="buffer">The request.</param>
        /// <param name="offset">Offset of the payload value.</param>
        /// <param name="length">Length of the payload value.</param>
        /// <param name="scheduler">Restarts the device after the answer; null where the device cannot restart.</param>
        /// <param name="request">Receives the reason of a refusal, for the log (its <see cref="PropertyRequest.Reason"/>).</param>
        /// <returns>0 when the reset is scheduled; otherwise the status detail to answer with (nothing is scheduled).</returns>
        public static int Execute(byte[] buffer, int offset, int length, IResetScheduler scheduler, PropertyRequest request)
        {
            request.Reason = null;
            if (length < MmsMessage.CommandIdLength || ((buffer[offset] << 8) | buffer[offset + 1]) != CommandId.ResetDevice)
            {
                return Fail(request, MmsStatus.DetailMalformedMessage, "payload does not start with the command ID");
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
                    return Fail(request, MmsStatus.DetailMalformedMessage, next == BerTlv.ErrorMultiByteTag ? "multi-byte tag in payload" : "payload TLV overruns or is truncated");
                }

                if (tag != TagPowerOffOption)
                {
                    return Fail(request, MmsStatus.DetailBadParameter, "unknown tag in payload");
                }

                if (option >= 0)
                {
                    return Fail(request, MmsStatus.DetailMalformedMessage, "power off option given twice");
                }

                if (valueLength != 1 || buffer[valueOffset] > OptionPowerOff)
                {
                    return Fail(request, MmsStatus.DetailBadParameter, "power off option must be 00 or 01");
                }

                option = buffer[valueOffset];
                pos = next;
            }

            if (option == OptionPowerOff)
            {
                return Fail(request, MmsStatus.DetailFeatureNotAvailable, "power off needs a battery; this board has none");
            }

            if (scheduler == null || !scheduler.ScheduleReset())
            {
                return Fail(request, MmsStatus.DetailFeatureNotAvailable, "this device cannot restart");
            }

            return 0;
        }

        private static int Fail(PropertyRequest request, int detail, string reason)
        {
            request.Reason = reason;
            return detail;
        }
    }
}
