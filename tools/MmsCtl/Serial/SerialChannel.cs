using System;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Serial;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// A session with one device over a serial port: each request goes out in a SLIP frame (info 00) and
/// the session waits for the device-to-host frame whose message answers it (<see cref="MmsRequestMatch"/>),
/// ignoring anything else, until the timeout.
/// </summary>
public sealed class SerialChannel : IMmsChannel
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

    private SerialChannel(TermiosSerialPort port, string portName, int timeoutMilliseconds)
    {
        _port = port;
        _portName = portName;
        _timeoutMilliseconds = timeoutMilliseconds;
    }

    /// <summary>Opens the port.</summary>
    /// <exception cref="MmsCtlException">The port cannot be opened (exit code 2).</exception>
    public static SerialChannel Open(string path, int baudRate, int timeoutMilliseconds)
    {
        try
        {
            TermiosSerialPort port = TermiosSerialPort.Open(path, baudRate);
            return new SerialChannel(port, path, timeoutMilliseconds);
        }
        catch (PosixIOException ex)
        {
            throw new MmsCtlException(ex.Message, ExitCodes.Error);
        }
    }

    /// <inheritdoc />
    public MmsExchange Exchange(byte[] request)
    {
        MmsRequestMatch match = MmsRequestMatch.For(request);
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
                    if (match.Accepts(reply))
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

/// <summary>Opens <see cref="SerialChannel"/>s on one port.</summary>
/// <param name="Port">Serial device path as given.</param>
/// <param name="BaudRate">Baud rate.</param>
/// <param name="TimeoutMilliseconds">Longest wait for each response.</param>
public sealed record SerialChannelFactory(string Port, int BaudRate, int TimeoutMilliseconds) : IMmsChannelFactory
{
    /// <inheritdoc />
    public IMmsChannel Open() => SerialChannel.Open(Port, BaudRate, TimeoutMilliseconds);

    /// <inheritdoc />
    public void Describe(JsonReport report) => report.Set("port", Port);
}
