using System;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;

namespace DeviceFirmware.Protocol
{
    /// <summary>
    /// Answers MMS requests: checks the envelope, dispatches Get Property (D101), Set Property (D111)
    /// and Reset Device (1F01), and turns every failure into the status the README's protocol section
    /// records.
    /// A message whose SOM or 81 header cannot be read, or that is not a host-to-device request, gets
    /// no answer. Thread-safe; the Get path allocates only its response.
    /// </summary>
    /// <remarks>
    /// A Get of one property in the manual's own shape, the request hosts send most, is answered by
    /// <see cref="SingleLeafGet"/> before the lock is taken, with the bytes the general path gives;
    /// every other request, and every refusal, goes the general way, one at a time under the lock.
    /// </remarks>
    public sealed class MmsRequestHandler : IMmsMessageHandler
    {
        /// <summary>Largest request accepted, in bytes; a Set of every property fits with room to spare.</summary>
        public const int DefaultMaxMessageLength = 1024;

        // Also the lock of the general path: private, never handed out (a lock object is two heap blocks).
        private readonly PropertyRequest _request = new PropertyRequest();
        private readonly SettingsStore _store;
        private readonly GetPropertyCommand _get;
        private readonly SetPropertyCommand _set;
        private readonly IResetScheduler _reset;
        private readonly ILog _log;

        // Envelope of the request being handled, valid inside Handle only: the version in bits 24-31,
        // the reference in 16-23 and the command ID in 0-15 of one field (three would be three heap
        // blocks). Its payload's place and the reason of a refusal are kept in _request, which Parse
        // fills with the same values.
        private int _envelope;

        /// <summary>Creates the handler of a device that cannot restart: Reset Device is answered "feature not available".</summary>
        /// <param name="store">The settings the requests read and write.</param>
        /// <param name="log">Receives one line per request; a log that drops Info lines keeps the Get path allocation-free.</param>
        public MmsRequestHandler(SettingsStore store, ILog log)
            : this(store, null, log)
        {
        }

        /// <summary>Creates the handler.</summary>
        /// <param name="store">The settings the requests read and write.</param>
        /// <param name="reset">Restarts the device after a Reset Device answer; null where the device cannot restart.</param>
        /// <param name="log">Receives one line per request; a log that drops Info lines keeps the Get path allocation-free.</param>
        public MmsRequestHandler(SettingsStore store, IResetScheduler reset, ILog log)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _store = store;
            _get = new GetPropertyCommand(store);
            _set = new SetPropertyCommand(store);
            _reset = reset;
            _log = log;
        }

        /// <inheritdoc />
        public int MaxMessageLength
        {
            get { return DefaultMaxMessageLength; }
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] buffer, int offset, int length)
        {
            return Handle(buffer, offset, length, null);
        }

        /// <summary>
        /// Handles one request as <see cref="Handle(byte[], int, int)"/> does and records in
        /// <paramref name="report"/> what a Set changed (cleared when nothing was written). Every
        /// request that can change something is handled one at a time, whatever its transport, so the
        /// report describes exactly this one (a Get the short way takes no lock and changes nothing).
        /// </summary>
        /// <param name="buffer">Buffer holding the message.</param>
        /// <param name="offset">Offset of the SOM byte.</param>
        /// <param name="length">Message length in bytes.</param>
        /// <param name="report">Receives the values before a Set and the properties it changed; may be null.</param>
        public byte[] Handle(byte[] buffer, int offset, int length, SettingsApplyReport report)
        {
            // The short way needs no lock (SingleLeafGet's remarks); it answers a Get, so a report
            // says that nothing changed. The report is the caller's, cleared on the caller's thread.
            if (buffer != null && offset >= 0 && length >= 0 && offset <= buffer.Length - length)
            {
                int property;
                byte[] answer = SingleLeafGet.TryAnswer(_store, buffer, offset, length, out property);
                if (answer != null)
                {
                    if (report != null)
                    {
                        report.Clear();
                    }

                    if (_log.IsEnabled(LogLevel.Info))
                    {
                        _log.Write(LogLevel.Info, "mms: Get ref=" + Hex2(buffer[offset + 5]) + " " + PropertyTable.Get(property).Name + " -> OK");
                    }

                    return answer;
                }
            }

            lock (_request)
            {
                if (report != null)
                {
                    report.Clear();
                }

                try
                {
                    return HandleLocked(buffer, offset, length, report);
                }
                catch (Exception ex)
                {
                    // A defect must cost one answer, never the serial loop.
                    _log.Write(LogLevel.Error, "mms: internal error: " + ex.Message);
                    return MmsResponse.Failure(Version, Reference, Command, MmsStatus.SummaryFailedToStart, MmsStatus.DetailInternalFailure);
                }
            }
        }

        /// <summary>
        /// Answers a request that is longer than <see cref="MaxMessageLength"/> without handling it:
        /// <c>80 010102</c> (message not constructed properly) when its SOM and request header are
        /// readable, so the host learns why; otherwise no answer. The UART refuses such frames in
        /// SLIP itself; transports without that (MQTT) use this.
        /// </summary>
        /// <returns>The failure response, or null when the header cannot be read.</returns>
        public byte[] RefuseTooLong(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length < MmsMessage.PreambleLength || offset > buffer.Length - length || buffer[offset] != MmsMessage.StartOfMessage)
            {
                return null;
            }

            byte tag;
            int valueOffset;
            int valueLength;
            int next = BerTlv.Read(buffer, offset + MmsMessage.PreambleLength, offset + length, out tag, out valueOffset, out valueLength);
            if (next < 0 || tag != MmsMessage.TagMessageInfo || valueLength < MmsMessage.MessageInfoLength || buffer[valueOffset] != MmsMessage.TypeRequestToDevice)
            {
                return null;
            }

            byte reference = buffer[valueOffset + 1];
            int command = (buffer[valueOffset + 2] << 8) | buffer[valueOffset + 3];
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "mms: " + CommandName(command) + " ref=" + Hex2(reference) + " -> 80 " + Hex6(MmsStatus.DetailMalformedMessage) + " (" + length.ToString() + " bytes, longer than the maximum of " + MaxMessageLength.ToString() + ")");
            }

            return MmsResponse.Failure(buffer[offset + 1], reference, command, MmsStatus.SummaryFailedToStart, MmsStatus.DetailMalformedMessage);
        }

        private byte Version
        {
            get { return (byte)(_envelope >> 24); }
        }

        private byte Reference
        {
            get { return (byte)(_envelope >> 16); }
        }

        private int Command
        {
            get { return _envelope & 0xFFFF; }
        }

        private byte[] HandleLocked(byte[] buffer, int offset, int length, SettingsApplyReport report)
        {
            _request.Reason = null;
            if (buffer == null || offset < 0 || length < MmsMessage.PreambleLength || offset > buffer.Length - length || buffer[offset] != MmsMessage.StartOfMessage)
            {
                _log.Write(LogLevel.Warning, "mms: dropped a message without SOM AA");
                return null;
            }

            int detail;
            if (!TryReadEnvelope(buffer, offset, length, out detail))
            {
                _log.Write(LogLevel.Warning, "mms: dropped a message without a readable request header (81)");
                return null;
            }

            int command = Command;
            if (detail == 0)
            {
                if (command == CommandId.GetProperty)
                {
                    return Get(buffer);
                }

                if (command == CommandId.SetProperty)
                {
                    return Set(buffer, report);
                }

                if (command == CommandId.ResetDevice)
                {
                    return Reset(buffer);
                }

                detail = MmsStatus.DetailFeatureNotAvailable;
                _request.Reason = "unknown command";
            }

            return Failure(detail);
        }

        /// <summary>
        /// Walks the top-level TLVs. Returns false when the message gets no answer at all (no usable
        /// request header); otherwise <paramref name="detail"/> is 0 when the envelope is usable, or the
        /// status detail to answer with. Order matters: a broken structure is reported before an
        /// unknown command, an unknown command before anything about its payload.
        /// </summary>
        private bool TryReadEnvelope(byte[] buffer, int offset, int length, out int detail)
        {
            detail = 0;
            int end = offset + length;
            _envelope = (_envelope & 0x00FFFFFF) | (buffer[offset + 1] << 24);
            int pos = offset + MmsMessage.PreambleLength;

            byte tag;
            int valueOffset;
            int valueLength;
            int next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
            if (next < 0 || tag != MmsMessage.TagMessageInfo || valueLength < MmsMessage.MessageInfoLength
                || buffer[valueOffset] != MmsMessage.TypeRequestToDevice)
            {
                return false;
            }

            _envelope = (_envelope & unchecked((int)0xFF000000)) | (buffer[valueOffset + 1] << 16) | (buffer[valueOffset + 2] << 8) | buffer[valueOffset + 3];
            _request.PayloadOffset = -1;
            _request.PayloadLength = 0;
            pos = next;
            while (pos < end)
            {
                next = BerTlv.Read(buffer, pos, end, out tag, out valueOffset, out valueLength);
                if (next < 0)
                {
                    _request.Reason = next == BerTlv.ErrorMultiByteTag ? "multi-byte tag" : "TLV overruns the message, is truncated, or trailing bytes";
                    detail = MmsStatus.DetailMalformedMessage;
                    return true;
                }

                if (tag == MmsMessage.TagPayload && _request.PayloadOffset < 0)
                {
                    _request.PayloadOffset = valueOffset;
                    _request.PayloadLength = valueLength;
                }
                else if (tag != MmsMessage.TagReserved)
                {
                    _request.Reason = tag == MmsMessage.TagPayload ? "payload given twice" : "unexpected top-level tag";
                    detail = MmsStatus.DetailMalformedMessage;
                    return true;
                }

                pos = next;
            }

            int command = Command;
            if (command != CommandId.GetProperty && command != CommandId.SetProperty && command != CommandId.ResetDevice)
            {
                return true;
            }

            if (_request.PayloadOffset < 0)
            {
                _request.Reason = "payload (84) missing";
                detail = MmsStatus.DetailMalformedMessage;
                return true;
            }

            return true;
        }

        private byte[] Get(byte[] buffer)
        {
            int detail = _request.Parse(buffer, _request.PayloadOffset, _request.PayloadLength, Command);
            if (detail == 0)
            {
                detail = _get.Validate(_request);
            }

            if (detail != 0)
            {
                return Failure(detail);
            }

            int payloadLength = _get.PayloadSize();
            byte[] response = MmsResponse.Success(Version, Reference, Command, payloadLength);
            _get.WritePayload(response, MmsResponse.HeaderLength);
            if (_log.IsEnabled(LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "mms: Get ref=" + Hex2(Reference) + " " + Describe(_get.FirstProperty, _get.PropertyCount) + " -> OK");
            }

            return response;
        }

        private byte[] Set(byte[] buffer, SettingsApplyReport report)
        {
            int detail = _request.Parse(buffer, _request.PayloadOffset, _request.PayloadLength, Command);
            if (detail == 0)
            {
                detail = _set.Validate(_request);
            }

            if (detail != 0)
            {
                if (_set.FailedProperty >= 0 && _log.IsEnabled(LogLevel.Warning))
                {
                    _request.Reason = _request.Reason + " for " + PropertyTable.Get(_set.FailedProperty).Name;
                }

                return Failure(detail);
            }

            if (!_set.Apply(report))
            {
                _set.Change.Clear();
                _log.Write(LogLevel.Error, "mms: Set ref=" + Hex2(Reference) + " -> flash write failed, nothing changed");
                return MmsResponse.Failure(Version, Reference, Command, MmsStatus.SummaryFailedDuring, MmsStatus.DetailOperationFailed);
            }

            byte[] response = MmsResponse.Success(Version, Reference, Command, _request.PayloadLength);
            Array.Copy(buffer, _request.PayloadOffset, response, MmsResponse.HeaderLength, _request.PayloadLength);
            if (_log.IsEnabled(LogLevel.Info))
            {
                string outcome = _set.LastResult == SettingsApplyResult.Unchanged ? "unchanged" : "written";
                _log.Write(LogLevel.Info, "mms: Set ref=" + Hex2(Reference) + " " + DescribeChange() + " -> OK (" + outcome + ")");
            }

            // The store has its own copy of every value now: let the change's copies go rather than
            // keep them until the next Set.
            _set.Change.Clear();
            return response;
        }

        private byte[] Reset(byte[] buffer)
        {
            int detail = ResetDeviceCommand.Execute(buffer, _request.PayloadOffset, _request.PayloadLength, _reset, _request);
            if (detail != 0)
            {
                return Failure(detail);
            }

            // The reset is scheduled for after this answer has gone out: "The device sends a response
            // ... The device starts an automatic reset within 500ms" (Command 0x1F01, steps 3 and 4).
            _log.Write(LogLevel.Info, "mms: Reset ref=" + Hex2(Reference) + " -> OK, restarting");
            return MmsResponse.Done(Version, Reference, Command);
        }

        private byte[] Failure(int detail)
        {
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "mms: " + CommandName(Command) + " ref=" + Hex2(Reference) + " -> 80 " + Hex6(detail) + " (" + _request.Reason + ")");
            }

            return MmsResponse.Failure(Version, Reference, Command, MmsStatus.SummaryFailedToStart, detail);
        }

        private static string Describe(int first, int count)
        {
            if (count == 1)
            {
                return PropertyTable.Get(first).Name;
            }

            return count.ToString() + " properties";
        }

        private string DescribeChange()
        {
            SettingsChange change = _set.Change;
            string text = string.Empty;
            for (int i = 0; i < change.Count; i++)
            {
                PropertyDefinition property = PropertyTable.Get(change.IndexAt(i));
                text += (i == 0 ? string.Empty : ", ") + property.Name + "=" + DescribeValue(property, change.ValueAt(i));
            }

            return text;
        }

        private static string DescribeValue(PropertyDefinition property, byte[] value)
        {
            if (property.WriteOnly)
            {
                return "(secret)";
            }

            if (property.Kind == PropertyKind.Binary)
            {
                string hex = string.Empty;
                for (int i = 0; i < value.Length; i++)
                {
                    hex += Hex2(value[i]);
                }

                return hex;
            }

            if (property.Kind != PropertyKind.Ascii)
            {
                return property.ReadNumber(value, 0).ToString();
            }

            char[] chars = new char[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                chars[i] = (char)value[i];
            }

            return "\"" + new string(chars) + "\"";
        }

        private static string CommandName(int command)
        {
            if (command == CommandId.GetProperty)
            {
                return "Get";
            }

            if (command == CommandId.SetProperty)
            {
                return "Set";
            }

            if (command == CommandId.ResetDevice)
            {
                return "Reset";
            }

            return "command " + Hex2((byte)(command >> 8)) + Hex2((byte)command);
        }

        private static string Hex2(byte value)
        {
            return value.ToString("X2");
        }

        private static string Hex6(int value)
        {
            return Hex2((byte)(value >> 16)) + Hex2((byte)(value >> 8)) + Hex2((byte)value);
        }
    }
}
