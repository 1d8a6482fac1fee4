using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace DeviceFirmware.Tests.Infrastructure.Tls;

/// <summary>A server certificate and its key, as PEM files.</summary>
/// <param name="CertificatePath">The certificate, signed by the test CA.</param>
/// <param name="KeyPath">Its private key (unencrypted).</param>
/// <param name="SubjectAltNames">The names it carries, as given to openssl: <c>DNS:localhost</c>, <c>IP:127.0.0.1</c>.</param>
public sealed record ServerCertificate(string CertificatePath, string KeyPath, IReadOnlyList<string> SubjectAltNames);

/// <summary>
/// Certificates made with the <c>openssl</c> command for one test, in a temporary directory deleted on
/// disposal: a test CA that signs server certificates, and an unrelated CA that signs nothing, to
/// stand for "a CA file that does not vouch for this broker". Keys are RSA 2048; certificates are
/// valid from now for two days.
/// </summary>
/// <remarks>
/// Made at test time, never checked in, so no test depends on a certificate's expiry date. openssl
/// must be installed (scripts/install-deps.sh installs it); without it <see cref="Create"/> throws
/// with a message that says so.
/// </remarks>
public sealed class TestCertificates : IDisposable
{
    /// <summary>Longest a single openssl run may take.</summary>
    public static readonly TimeSpan OpenSslLimit = TimeSpan.FromSeconds(60);

    private int _issued;

    private TestCertificates(string directory)
    {
        Directory = directory;
        CaCertificatePath = Path.Combine(directory, "ca.pem");
        CaKeyPath = Path.Combine(directory, "ca.key");
        UnrelatedCaCertificatePath = Path.Combine(directory, "unrelated-ca.pem");
    }

    /// <summary>The temporary directory holding every file.</summary>
    public string Directory { get; }

    /// <summary>The test CA's certificate: the file a client trusts (the simulator's <c>--ca-file</c>).</summary>
    public string CaCertificatePath { get; }

    /// <summary>The test CA's private key.</summary>
    public string CaKeyPath { get; }

    /// <summary>A self-signed CA that signed none of the server certificates.</summary>
    public string UnrelatedCaCertificatePath { get; }

    /// <summary>Creates the test CA and the unrelated CA.</summary>
    /// <exception cref="InvalidOperationException">openssl is missing or failed; the message says which.</exception>
    public static TestCertificates Create()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("df-tls-").FullName;
        TestCertificates certificates = new(directory);
        try
        {
            certificates.SelfSignedCa("DeviceFirmware Test CA", certificates.CaKeyPath, certificates.CaCertificatePath);
            certificates.SelfSignedCa("Unrelated Test CA", Path.Combine(directory, "unrelated-ca.key"), certificates.UnrelatedCaCertificatePath);
            return certificates;
        }
        catch
        {
            certificates.Dispose();
            throw;
        }
    }

    /// <summary>Issues a server certificate signed by the test CA.</summary>
    /// <param name="commonName">The subject's CN.</param>
    /// <param name="subjectAltNames">Names in openssl's form: <c>DNS:localhost</c>, <c>IP:127.0.0.1</c>; at least one.</param>
    public ServerCertificate IssueServer(string commonName, params string[] subjectAltNames)
    {
        if (subjectAltNames.Length == 0)
        {
            throw new ArgumentException("a server certificate needs at least one subject alternative name", nameof(subjectAltNames));
        }

        int n = ++_issued;
        string key = Path.Combine(Directory, $"server{n}.key");
        string request = Path.Combine(Directory, $"server{n}.csr");
        string certificate = Path.Combine(Directory, $"server{n}.pem");
        string extensions = Path.Combine(Directory, $"server{n}.ext");
        File.WriteAllText(extensions, "subjectAltName=" + string.Join(",", subjectAltNames) + "\n");
        Run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=" + commonName);
        Run("x509", "-req", "-in", request, "-CA", CaCertificatePath, "-CAkey", CaKeyPath, "-CAcreateserial",
            "-out", certificate, "-days", "2", "-sha256", "-extfile", extensions);
        return new ServerCertificate(certificate, key, subjectAltNames);
    }

    /// <summary>Deletes the directory and every key in it.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary directory is harmless.
        }
    }

    private void SelfSignedCa(string commonName, string keyPath, string certificatePath)
    {
        Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certificatePath,
            "-days", "2", "-sha256", "-subj", "/CN=" + commonName,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void Run(params string[] args)
    {
        ProcessStartInfo start = new("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("the TLS tests make their certificates with the openssl command, which is not installed (apt-get install openssl; scripts/install-deps.sh installs it): " + ex.Message, ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(OpenSslLimit))
            {
                process.Kill();
                throw new InvalidOperationException($"openssl {args[0]} did not finish within {OpenSslLimit.TotalSeconds} s");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{output.Result}{error.Result}");
            }
        }
    }
}
