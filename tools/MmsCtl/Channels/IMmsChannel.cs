using System;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// A way to exchange MMS messages with one device: its serial port (<see cref="SerialChannel"/>) or an
/// MQTT broker (<see cref="BrokerChannel"/>). The commands build requests and read responses; how the
/// bytes travel is the channel's business.
/// </summary>
public interface IMmsChannel : IDisposable
{
    /// <summary>Sends one message and waits for its response (matched with <see cref="MmsRequestMatch"/>).</summary>
    /// <param name="request">A whole MMS message. When its header is unreadable (a raw experiment), the first response is taken.</param>
    /// <exception cref="MmsCtlException">No matching response within the timeout, or the transport failed (exit code 2).</exception>
    MmsExchange Exchange(byte[] request);
}

/// <summary>Opens channels to the device a command addresses, and names it in the JSON report.</summary>
public interface IMmsChannelFactory
{
    /// <summary>Opens a channel (the port, or a broker session subscribed to the device's answers).</summary>
    /// <exception cref="MmsCtlException">The port or broker cannot be reached (exit code 2).</exception>
    IMmsChannel Open();

    /// <summary>Adds what identifies the device to a report: <c>port</c>, or <c>broker</c> and <c>device</c>.</summary>
    void Describe(JsonReport report);
}
