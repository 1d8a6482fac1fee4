using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using Xunit;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// How mmsctl reaches a broker, against real mosquitto processes: wrong credentials, a closed port,
/// and TLS with the right and a wrong CA file. Each failure is one line naming the cause, exit code 2.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MmsCtlBrokerConnectionTests : IDisposable
{
    private readonly string _directory = ToolProcesses.NewDirectory("mqtt-connect");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A broker with <c>allow_anonymous false</c> and a password file (made by mosquitto_passwd): a
    /// wrong password and no credentials are refused with a message that says so; the right ones
    /// connect. Proves the refusal is reported, not which CONNACK code other brokers send.
    /// </summary>
    [Fact]
    public void WrongCredentials_AreRefusedClearly_Exit2_AndTheRightOnesConnect()
    {
        string passwords = Path.Combine(_directory, "passwords");
        using (Process make = Process.Start("mosquitto_passwd", new[] { "-b", "-c", passwords, "operator", "s3cret" })!)
        {
            make.WaitForExit();
            Assert.Equal(0, make.ExitCode);
        }

        using BrokerRig rig = new(new MosquittoOptions { AllowAnonymous = false, ExtraConfig = "password_file " + passwords }, "mqtt-auth");
        string refused = $"mmsctl: the broker at {rig.Address} refused the connection: not authorised (check --username and --password)\n";

        ProcessResult wrong = rig.MmsCtl("--username", "operator", "--password", "wrong", "devices");
        ProcessResult anonymous = rig.MmsCtl("devices");
        ProcessResult right = rig.MmsCtl("--username", "operator", "--password", "s3cret", "devices");
        ProcessResult wrongDevice = rig.MmsCtl("--username", "operator", "--password", "wrong", "--device", "d", "get", "mqtt.qos");

        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal(refused, wrong.Error);
        Assert.Equal(string.Empty, wrong.Output);
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Equal(refused, anonymous.Error);
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Equal("no device status on DeviceFirmware/Server/+/Status\n", right.Output);
        Assert.Equal(2, wrongDevice.ExitCode);
        Assert.Equal(refused, wrongDevice.Error);
    }

    /// <summary>A closed port on 127.0.0.1: "broker unreachable" with the address, exit 2, at once.</summary>
    [Fact]
    public void ClosedPort_IsBrokerUnreachable_Exit2()
    {
        int port = MosquittoProcess.FreeLoopbackPort();

        ProcessResult result = ToolProcesses.RunMmsCtl("--broker", "127.0.0.1:" + port, "--device", "d", "get", "mqtt.qos");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"mmsctl: broker unreachable: cannot connect to 127.0.0.1:{port} (Connection refused)\n", result.Error);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
    }

    /// <summary>
    /// mosquitto with a TLS listener whose certificate (for 127.0.0.1) a test CA signed: with that CA
    /// as --ca-file mmsctl connects and reads the simulator's value (the simulator on the plain
    /// listener of the same broker); with another CA it reports a TLS failure; without --ca-file on
    /// that port it says the broker did not answer MQTT. Proves TLS with a CA file and the server
    /// check, not client certificates.
    /// </summary>
    [Fact]
    public void Tls_WithTheCaFile_Works_AnotherCaIsATlsFailure()
    {
        int tlsPort = MosquittoProcess.FreeLoopbackPort();
        string ca = Path.Combine(_directory, "ca.pem");
        string other = Path.Combine(_directory, "other-ca.pem");
        string certificate = Path.Combine(_directory, "server.pem");
        string key = Path.Combine(_directory, "server.key");
        WriteCertificates(ca, other, certificate, key);
        MosquittoOptions options = new()
        {
            ExtraConfig = $"listener {tlsPort} 127.0.0.1\ncafile {ca}\ncertfile {certificate}\nkeyfile {key}",
        };
        using BrokerRig rig = new(options, "mqtt-tls");
        rig.StartSimulators("e2e-tls");
        string tls = "127.0.0.1:" + tlsPort;

        ProcessResult trusted = ToolProcesses.RunMmsCtl("--broker", tls, "--ca-file", ca, "--timeout", BrokerRig.Timeout, "--device", "e2e-tls", "get", "mqtt.keepalive");
        ProcessResult untrusted = ToolProcesses.RunMmsCtl("--broker", tls, "--ca-file", other, "--device", "e2e-tls", "get", "mqtt.keepalive");
        ProcessResult plain = ToolProcesses.RunMmsCtl("--broker", tls, "--device", "e2e-tls", "get", "mqtt.keepalive");

        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        Assert.Equal("mqtt.keepalive = 60", trusted.OutputLine);
        Assert.Equal(2, untrusted.ExitCode);
        Assert.Equal($"mmsctl: TLS handshake with {tls} failed: the broker's certificate is not trusted by the CA file {other}, does not name 127.0.0.1, or the port does not speak TLS\n", untrusted.Error);
        Assert.Equal(2, plain.ExitCode);
        Assert.Equal($"mmsctl: the broker at {tls} accepted a TCP connection but did not answer MQTT within 2 s (a TLS port? use port 8883 or --ca-file)\n", plain.Error);
    }

    // A CA, a server certificate for 127.0.0.1 (IP SAN and CN) signed by it, and an unrelated CA, as PEM files.
    private static void WriteCertificates(string caPath, string otherCaPath, string certificatePath, string keyPath)
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-1);
        DateTimeOffset to = DateTimeOffset.UtcNow.AddDays(2);
        using RSA caKey = RSA.Create(2048);
        using X509Certificate2 ca = SelfSignedCa("CN=mmsctl test CA", caKey, from, to);
        using RSA otherKey = RSA.Create(2048);
        using X509Certificate2 otherCa = SelfSignedCa("CN=another CA", otherKey, from, to);

        using RSA serverKey = RSA.Create(2048);
        CertificateRequest request = new("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        SubjectAlternativeNameBuilder names = new();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using X509Certificate2 server = request.Create(ca, from, to, new byte[] { 1, 2, 3, 4 });

        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(otherCaPath, otherCa.ExportCertificatePem() + "\n");
        File.WriteAllText(certificatePath, server.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static X509Certificate2 SelfSignedCa(string subject, RSA key, DateTimeOffset from, DateTimeOffset to)
    {
        CertificateRequest request = new(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(from, to);
    }
}
