using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Tests.Infrastructure.Tls;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>
/// A private mosquitto with two listeners: the usual plain one on 127.0.0.1 and a free port (for test
/// subscribers), and a TLS one on port 8883 of a loopback address of its own, 127.a.b.c.
/// </summary>
/// <remarks>
/// Port 8883 because the device decides TLS by the port alone (the property table's rule, in
/// MqttOptionsReader): a TLS test on another port would not test the device's decision. A random
/// address in 127.0.0.0/8 (all of it is loopback on Linux) lets tests in other worktrees run their
/// own TLS broker at the same time. The server certificate must name that address to be accepted, so
/// pick it with <see cref="ReserveAddress"/> before issuing the certificate.
/// </remarks>
public sealed class TlsBroker : IDisposable
{
    private TlsBroker(MosquittoBroker broker, string tlsHost)
    {
        Broker = broker;
        TlsHost = tlsHost;
    }

    /// <summary>The broker; its <see cref="MosquittoBroker.Host"/>:<see cref="MosquittoBroker.Port"/> is the plain listener.</summary>
    public MosquittoBroker Broker { get; }

    /// <summary>The TLS listener's address (port <see cref="MqttConnectOptions.TlsPort"/>).</summary>
    public string TlsHost { get; }

    /// <summary>The TLS listener as the simulator's <c>--broker</c> takes it.</summary>
    public string TlsEndpoint => TlsHost + ":" + MqttConnectOptions.TlsPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>A loopback address 127.a.b.c (not 127.0.0.1) on which port 8883 is free now.</summary>
    public static string ReserveAddress()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            IPAddress address = new(new byte[] { 127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(1, 255) });
            TcpListener probe = new(address, MqttConnectOptions.TlsPort);
            try
            {
                probe.Start();
                return address.ToString();
            }
            catch (SocketException)
            {
                // Taken (another test's broker): try another address.
            }
            finally
            {
                probe.Stop();
            }
        }

        throw new InvalidOperationException("no loopback address with a free port 8883 found");
    }

    /// <summary>Starts the broker with its TLS listener on <paramref name="tlsHost"/>:8883 presenting <paramref name="server"/>.</summary>
    /// <param name="tlsHost">From <see cref="ReserveAddress"/>.</param>
    /// <param name="server">The certificate the broker presents.</param>
    /// <param name="caCertificatePath">The CA that signed it (mosquitto wants one for a TLS listener).</param>
    public static TlsBroker Start(string tlsHost, ServerCertificate server, string caCertificatePath)
    {
        // Settings after a "listener" line belong to that listener; clients need no certificate.
        string config = string.Join(
            "\n",
            $"listener {MqttConnectOptions.TlsPort} {tlsHost}",
            "cafile " + caCertificatePath,
            "certfile " + server.CertificatePath,
            "keyfile " + server.KeyPath,
            "require_certificate false");
        return new TlsBroker(MosquittoBroker.Start(new MosquittoOptions { ExtraConfig = config }), tlsHost);
    }

    /// <summary>Kills the broker.</summary>
    public void Dispose() => Broker.Dispose();
}
