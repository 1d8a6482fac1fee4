using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// Checks the <c>--ca-file</c> before any device starts. Paho reads the file only at a TLS connect and
/// then reports every problem as the same "connect failed", retried for ever; a typo in the path
/// must instead stop the simulator with a message that names the file.
/// </summary>
internal static class CaFile
{
    /// <summary>True when <paramref name="path"/> can be read and holds at least one PEM certificate.</summary>
    /// <param name="path">The file given to <c>--ca-file</c>.</param>
    /// <param name="certificates">Number of certificates found.</param>
    /// <param name="problem">Why the file cannot serve as a trust store; null when it can.</param>
    public static bool TryCheck(string path, out int certificates, out string problem)
    {
        certificates = 0;
        problem = null;
        try
        {
            X509Certificate2Collection found = new();
            found.ImportFromPemFile(path);
            certificates = found.Count;
            foreach (X509Certificate2 certificate in found)
            {
                certificate.Dispose();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problem = $"--ca-file {path}: {ex.Message}";
            return false;
        }

        if (certificates == 0)
        {
            problem = $"--ca-file {path}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file";
            return false;
        }

        return true;
    }
}
