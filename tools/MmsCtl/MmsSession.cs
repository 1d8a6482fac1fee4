using System;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Serial;

namespace DeviceFirmware.MmsCtl;

/// <summary>What came back for one request.</summary>
public sealed class MmsExchange
{
    /// <summary>The matching response, or null when the device answered with SLIP info 03.</summary>
    public MmsReply Reply { get; init; }

    /// <summary>True when the device refused the message as too big (SLIP info 03).</summary>
    public bool TooBig { get; init; }

    /// <summary>The device's maximum message length, from an info 03 frame's length field.</summary>
    public long DeviceMaxLength { get; init; }

    /// <summary>Frames that arrived while waiting but did not match the request (ignored).</summary>
    public int Ignored { get; init; }
}

/// <summary>
/// A session with one device over a serial port: each request goes out in a SLIP frame (info 00) and
/// the session waits for the device-to-host frame whose message echoes the request's reference number
/// and command, ignoring anything else, until the timeout.
/// </summary>
public sealed class MmsSession : IDisposable
{
    /// <summary>Largest response accepted; far above anything the device sends.</summary>
    public const int MaxResponseLength = 64 * 1024;

    // A partial frame with no byte for this long is dropped by the decoder.
    private const int IdleTimeoutMilliseconds = 1000;

    private readonly TermiosSerialPort _port;
    private readonly SlipFrameDecoder _decoder = new(SlipDirection.DeviceToHost, MaxResponseLength, IdleTimeoutMilliseconds);
    private readonly byte[] _readBuffer = new byte[4096];
    private readonly string _portName;
    private readonly int _timeoutMilliseconds;
    private byte _nextReference;

    private MmsSession(TermiosSerialPort port, string portName, int timeoutMilliseconds, Random random)
    {
        _port = port;
        _portName = portName;
        _timeoutMilliseconds = timeoutMilliseconds;
        _nextReference = (byte)random.Next(256);
    }

    /// <summary>Opens the port.</summary>
    /// <exception cref="MmsCtlException">The port cannot be opened (exit code 2).</exception>
    public static MmsSession Open(string path, int baudRate, int timeoutMilliseconds, Random random = null)
    {
        try
        {
            TermiosSerialPort port = TermiosSerialPort.Open(path, baudRate);
            return new MmsSession(port, path, timeoutMilliseconds, random ?? Random.Shared);
        }
        catch (PosixIOException ex)
        {
            throw new MmsCtlException(ex.Message, ExitCodes.Error);
        }
    }

    /// <summary>Returns a fresh reference number: a random start, then counting up.</summary>
    public byte NextReference() => _nextReference++;

    /// <summary>Sends one message and waits for its response.</summary>
    /// <param name="request">A whole MMS message. When its header is unreadable (a raw experiment), the first response is taken.</param>
    /// <exception cref="MmsCtlException">No matching response within the timeout, or the port failed (exit code 2).</exception>
    public MmsExchange Exchange(byte[] request)
    {
        bool matchable = MmsReply.TryReadRequestHeader(request, out byte reference, out int command);
        byte[] frame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, request);
        int ignored = 0;
        try
        {
            _port.Write(frame, 0, frame.Length);
            long start = Stopwatch.GetTimestamp();
            while (true)
            {
                int remaining = _timeoutMilliseconds - (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (remaining <= 0)
                {
                    throw new MmsCtlException($"no response from {_portName} within {_timeoutMilliseconds} ms", ExitCodes.Error);
                }

                int count = _port.Read(_readBuffer, 0, _readBuffer.Length, remaining);
                int offset = 0;
                do
                {
                    int consumed = _decoder.Feed(_readBuffer, offset, count - offset, Environment.TickCount64);
                    offset += consumed;
                    if (_decoder.Result != SlipDecodeResult.Frame)
                    {
                        continue;
                    }

                    if (_decoder.Info == SlipFrame.InfoOverMaximum)
                    {
                        return new MmsExchange { TooBig = true, DeviceMaxLength = _decoder.LengthField, Ignored = ignored };
                    }

                    MmsReply reply = MmsReply.TryParse(_decoder.CopyMessage());
                    if (reply != null && (!matchable || (reply.Reference == reference && reply.Command == command)))
                    {
                        return new MmsExchange { Reply = reply, Ignored = ignored };
                    }

                    ignored++;
                }
                while (offset < count);
            }
        }
        catch (IOException ex)
        {
            throw new MmsCtlException(ex.Message, ExitCodes.Error);
        }
    }

    /// <summary>Closes the port.</summary>
    public void Dispose() => _port.Dispose();
}
