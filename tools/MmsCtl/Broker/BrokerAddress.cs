using System.Globalization;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Settings;

namespace DeviceFirmware.MmsCtl;

/// <summary><c>--broker HOST[:PORT]</c>: a host name or address (IPv6 in brackets when a port follows) and a port, 1883 by default.</summary>
/// <param name="Host">Host name or address, without brackets.</param>
/// <param name="Port">TCP port.</param>
public sealed record BrokerAddress(string Host, int Port)
{
    /// <summary>Port used when none is given.</summary>
    public const int DefaultPort = SettingsDefaults.DefaultPort;

    /// <summary>The port that means TLS, as on the device (property 1.2.2.1.2.2).</summary>
    public const int TlsPort = MqttConnectOptions.TlsPort;

    /// <summary>Parses <c>HOST</c>, <c>HOST:PORT</c>, <c>[IPv6]</c> or <c>[IPv6]:PORT</c>; a bare IPv6 address (several colons) takes the default port.</summary>
    /// <returns>False with a reason when malformed.</returns>
    public static bool TryParse(string text, out BrokerAddress address, out string problem)
    {
        address = null;
        problem = null;
        string trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problem = "--broker needs a host name or address";
            return false;
        }

        string host = trimmed;
        string port = null;
        if (trimmed.StartsWith('['))
        {
            int close = trimmed.IndexOf(']');
            if (close < 2 || (close + 1 < trimmed.Length && trimmed[close + 1] != ':'))
            {
                problem = $"--broker: '{text}' is not [IPv6]:PORT";
                return false;
            }

            host = trimmed[1..close];
            port = close + 1 < trimmed.Length ? trimmed[(close + 2)..] : null;
        }
        else if (trimmed.IndexOf(':') == trimmed.LastIndexOf(':') && trimmed.Contains(':'))
        {
            int colon = trimmed.IndexOf(':');
            host = trimmed[..colon];
            port = trimmed[(colon + 1)..];
        }

        if (host.Length == 0 || host.IndexOfAny(new[] { '/', ' ', '\0' }) >= 0)
        {
            problem = $"--broker: '{text}' is not HOST[:PORT]";
            return false;
        }

        int number = DefaultPort;
        if (port != null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 65535))
        {
            problem = $"--broker: '{text}' is not HOST[:PORT] with a port from 1 to 65535";
            return false;
        }

        address = new BrokerAddress(host, number);
        return true;
    }

    /// <summary><c>host:port</c>, with brackets around an IPv6 address.</summary>
    public override string ToString()
        => (Host.Contains(':') ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
