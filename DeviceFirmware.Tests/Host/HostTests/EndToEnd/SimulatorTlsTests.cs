using System;
using System.IO;
using System.Linq;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Infrastructure.Tls;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// The simulator against a mosquitto TLS listener on port 8883 (the port that means TLS) of a
/// loopback address of the test's own, with certificates made by openssl for the test.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SimulatorTlsTests : IDisposable
{
    private const string DeviceId = "tls-e2e";

    /// <summary>How long a refused simulator is watched: several connect attempts (the backoff starts near 1 s).</summary>
    private static readonly TimeSpan RefusedWatch = TimeSpan.FromSeconds(20);

    private readonly string _directory = ToolProcesses.NewDirectory("tls");
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// Proves that <c>--broker ADDRESS:8883 --ca-file CA</c> makes a TLS session with a broker whose
    /// certificate that CA signed for that address (an IP subject alternative name): the simulator logs
    /// the connect as TLS, and its telemetry reaches a subscriber on the broker's plain listener. It
    /// does not prove which TLS version or cipher was used.
    /// </summary>
    [Fact]
    public void TheRightCa_ConnectsOverTls_AndTelemetryArrives()
    {
        string address = TlsBroker.ReserveAddress();
        ServerCertificate server = _certificates.IssueServer("localhost", "DNS:localhost", "IP:" + address);
        using TlsBroker broker = TlsBroker.Start(address, server, _certificates.CaCertificatePath);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker.Broker, "tls-watch", RemoteCommands.TelemetryTopic(DeviceId), 0);

        using SimulatorProcess simulator = Start(broker, _certificates.CaCertificatePath);

        ReceivedMessage telemetry = subscriber.WaitForTopic(RemoteCommands.TelemetryTopic(DeviceId), TimeSpan.FromSeconds(30));
        Assert.Contains("\"seq\":", RemoteCommands.Text(telemetry));
        Assert.Contains(simulator.Lines, line => line.Contains($"mqtt: connected to {broker.TlsEndpoint} as DeviceFirmware-{DeviceId} (TLS)", StringComparison.Ordinal));
    }

    /// <summary>
    /// Proves that a CA file that did not sign the broker's certificate is refused: the simulator logs
    /// OpenSSL's "certificate verify failed", sends no telemetry, keeps retrying (several failed
    /// connects) and keeps running. It does not prove the retry delays.
    /// </summary>
    [Fact]
    public void AnUnrelatedCa_IsRefused_LoggedAndRetried_WithoutTelemetry()
    {
        string address = TlsBroker.ReserveAddress();
        ServerCertificate server = _certificates.IssueServer("localhost", "DNS:localhost", "IP:" + address);
        using TlsBroker broker = TlsBroker.Start(address, server, _certificates.CaCertificatePath);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker.Broker, "tls-watch", "DeviceFirmware/#", 0);

        using SimulatorProcess simulator = Start(broker, _certificates.UnrelatedCaCertificatePath);

        string failed = $"mqtt: connect to {broker.TlsEndpoint} as DeviceFirmware-{DeviceId} (TLS) failed: network error";
        Wait.Until(() => simulator.Lines.Count(line => line.Contains(failed, StringComparison.Ordinal)) >= 3, () => "three failed connects\n" + simulator, RefusedWatch);
        Assert.Contains(simulator.Lines, line => line.Contains($"WARN  MQTT TLS connect to ssl://{broker.TlsEndpoint} failed: error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed", StringComparison.Ordinal));
        Assert.False(simulator.HasExited, simulator.ToString());
        Assert.DoesNotContain(simulator.Lines, line => line.Contains("mqtt: connected to", StringComparison.Ordinal));
        Assert.Empty(subscriber.Messages);
    }

    /// <summary>
    /// Proves that a certificate from the trusted CA is still refused when it does not name the address
    /// the simulator connects to (it names only DNS:localhost, the simulator connects to 127.a.b.c):
    /// no session, no telemetry, retries, and no "certificate verify failed" (the chain was good; Paho's
    /// name check failed, which reports no OpenSSL reason). It does not prove a common-name-only
    /// certificate's handling.
    /// </summary>
    [Fact]
    public void ACertificateForAnotherName_IsRefused_ThoughItsCaIsTrusted()
    {
        string address = TlsBroker.ReserveAddress();
        ServerCertificate server = _certificates.IssueServer("localhost", "DNS:localhost");
        using TlsBroker broker = TlsBroker.Start(address, server, _certificates.CaCertificatePath);
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Subscribed(broker.Broker, "tls-watch", "DeviceFirmware/#", 0);

        using SimulatorProcess simulator = Start(broker, _certificates.CaCertificatePath);

        string failed = $"mqtt: connect to {broker.TlsEndpoint} as DeviceFirmware-{DeviceId} (TLS) failed: network error";
        Wait.Until(() => simulator.Lines.Count(line => line.Contains(failed, StringComparison.Ordinal)) >= 3, () => "three failed connects\n" + simulator, RefusedWatch);
        Assert.False(simulator.HasExited, simulator.ToString());
        Assert.DoesNotContain(simulator.Lines, line => line.Contains("mqtt: connected to", StringComparison.Ordinal));
        Assert.DoesNotContain(simulator.Lines, line => line.Contains("certificate verify failed", StringComparison.Ordinal));
        Assert.Empty(subscriber.Messages);
    }

    private SimulatorProcess Start(TlsBroker broker, string caFile) => SimulatorProcess.Start(
        Path.Combine(_directory, "tty"), Path.Combine(_directory, "flash.bin"),
        "--broker", broker.TlsEndpoint, "--ca-file", caFile, "--interval", "300", "--device-id", DeviceId);
}
