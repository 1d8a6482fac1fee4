using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;

namespace DeviceFirmware.Tests.Host.Integration.RemoteConfig;

/// <summary>
/// The mosquitto access control list for MMS over MQTT that the README documents, in one place: only
/// the configuration user may publish to the devices' command topics. <see cref="Text"/> is the
/// acl_file, verbatim; <see cref="StartBroker"/> starts a broker with it, a password file made with
/// <c>mosquitto_passwd -b</c>, and anonymous clients refused.
/// </summary>
/// <remarks>
/// mosquitto 2.0 (man mosquitto.conf, acl_file): "topic" lines after a "user" line apply to that user
/// only; "pattern" lines apply to every user, with <c>%u</c> replaced by the client's user name and
/// <c>%c</c> by its client ID, and a substitution must be a whole topic level. The device's default
/// client ID is <c>DeviceFirmware-&lt;id&gt;</c> while its topics hold the bare device ID
/// (<c>DeviceFirmware/Device/&lt;id&gt;</c>), so <c>%c</c> cannot name a device's topics; each device
/// therefore logs in with its device ID as user name (property 1.2.2.1.2.7) and its own password
/// (1.2.2.1.2.8), and the patterns use <c>%u</c>. The device's Last Will and its status go to
/// <c>DeviceFirmware/Server/&lt;id&gt;/Status</c>, inside what it may write (mosquitto refuses a
/// CONNECT whose will topic the ACL denies).
/// </remarks>
public static class DeviceAcl
{
    /// <summary>The acl_file: verbatim what the README quotes.</summary>
    public const string Text =
        "# MMS over MQTT: only the configuration user commands devices.\n"
        + "# Every device logs in with its device ID as user name (property 1.2.2.1.2.7).\n"
        + "\n"
        + "# Devices: read their own command topic; write their answers, telemetry, status\n"
        + "# and Last Will under their own publish topic.\n"
        + "pattern read DeviceFirmware/Device/%u\n"
        + "pattern write DeviceFirmware/Server/%u/#\n"
        + "\n"
        + "# The configuration host: commands every device, reads everything devices publish.\n"
        + "user config\n"
        + "topic write DeviceFirmware/Device/#\n"
        + "topic read DeviceFirmware/Server/#\n"
        + "\n"
        + "# A telemetry consumer: reads telemetry and status, commands nothing.\n"
        + "user telemetry-reader\n"
        + "topic read DeviceFirmware/Server/+/Telemetry\n"
        + "topic read DeviceFirmware/Server/+/Status\n";

    /// <summary>The user allowed to command devices.</summary>
    public const string ConfigUser = "config";

    /// <summary>The user that may only read telemetry and status.</summary>
    public const string TelemetryReader = "telemetry-reader";

    /// <summary>
    /// Writes the password file (every user of <paramref name="users"/>, through
    /// <c>mosquitto_passwd -b</c>) and <see cref="Text"/> into <paramref name="directory"/> and starts a
    /// broker that uses both and refuses anonymous clients.
    /// </summary>
    public static MosquittoBroker StartBroker(string directory, IReadOnlyList<(string User, string Password)> users)
    {
        string passwords = Path.Combine(directory, "passwords");
        string acl = Path.Combine(directory, "acl");
        for (int i = 0; i < users.Count; i++)
        {
            // -c creates the file with the first user; -b takes the password from the command line.
            RunPasswd(i == 0 ? new[] { "-b", "-c", passwords, users[i].User, users[i].Password } : new[] { "-b", passwords, users[i].User, users[i].Password });
        }

        File.WriteAllText(acl, Text);
        return MosquittoBroker.Start(new MosquittoOptions
        {
            AllowAnonymous = false,
            ExtraConfig = "password_file " + passwords + "\nacl_file " + acl,
        });
    }

    private static void RunPasswd(string[] arguments)
    {
        var info = new ProcessStartInfo("mosquitto_passwd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_passwd did not start");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException("mosquitto_passwd " + string.Join(' ', arguments[..^1]) + " failed: " + output);
        }
    }
}
