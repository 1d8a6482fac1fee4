using System;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Mqtt.Native;

// Mirrors of the structures in /usr/include/MQTTClient.h (Eclipse Paho MQTT C 1.3.11, Debian
// libpaho-mqtt-dev). Field names are the C names on purpose: PahoLayoutTests generates a C program
// from these very names and compares sizeof/offsetof and the C initializer bytes with what the
// marshaller computes, so a field that drifts from the header fails a test instead of corrupting
// memory. Every struct is blittable (IntPtr for pointers, int for C int) so it is pinned, not copied,
// when passed by ref; Paho writes the connect result back into MQTTClient_connectOptions.returned.

/// <summary>MQTTClient_connectOptions (struct_id "MQTC", struct_version 8).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_connectOptions
{
    /// <summary>The struct_version this mirror implements (the header's initializer value).</summary>
    public const int Version = 8;

    public int struct_id;
    public int struct_version;
    public int keepAliveInterval;
    public int cleansession;
    public int reliable;
    public IntPtr will;
    public IntPtr username;
    public IntPtr password;
    public int connectTimeout;
    public int retryInterval;
    public IntPtr ssl;
    public int serverURIcount;
    public IntPtr serverURIs;
    public int MQTTVersion;
    public MQTTClient_connectOptions_returned returned;
    public MQTTClient_connectOptions_binarypwd binarypwd;
    public int maxInflightMessages;
    public int cleanstart;
    public IntPtr httpHeaders;
    public IntPtr httpProxy;
    public IntPtr httpsProxy;

    /// <summary>The values of MQTTClient_connectOptions_initializer.</summary>
    public static MQTTClient_connectOptions CreateDefault() => new()
    {
        struct_id = PahoEyecatcher.Of("MQTC"),
        struct_version = Version,
        keepAliveInterval = 60,
        cleansession = 1,
        reliable = 1,
        connectTimeout = 30,
        retryInterval = 0,
        MQTTVersion = PahoConstants.MqttVersionDefault,
        maxInflightMessages = -1,
        cleanstart = 0,
    };
}

/// <summary>The anonymous <c>returned</c> member of MQTTClient_connectOptions.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_connectOptions_returned
{
    public IntPtr serverURI;
    public int MQTTVersion;
    public int sessionPresent;
}

/// <summary>The anonymous <c>binarypwd</c> member of MQTTClient_connectOptions.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_connectOptions_binarypwd
{
    public int len;
    public IntPtr data;
}

/// <summary>MQTTClient_SSLOptions (struct_id "MQTS", struct_version 5).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_SSLOptions
{
    /// <summary>The struct_version this mirror implements (the header's initializer value).</summary>
    public const int Version = 5;

    public int struct_id;
    public int struct_version;
    public IntPtr trustStore;
    public IntPtr keyStore;
    public IntPtr privateKey;
    public IntPtr privateKeyPassword;
    public IntPtr enabledCipherSuites;
    public int enableServerCertAuth;
    public int sslVersion;
    public int verify;
    public IntPtr CApath;
    public IntPtr ssl_error_cb;
    public IntPtr ssl_error_context;
    public IntPtr ssl_psk_cb;
    public IntPtr ssl_psk_context;
    public int disableDefaultTrustStore;
    public IntPtr protos;
    public uint protos_len;

    /// <summary>The values of MQTTClient_SSLOptions_initializer.</summary>
    public static MQTTClient_SSLOptions CreateDefault() => new()
    {
        struct_id = PahoEyecatcher.Of("MQTS"),
        struct_version = Version,
        enableServerCertAuth = 1,
        sslVersion = PahoConstants.SslVersionDefault,
        verify = 0,
        disableDefaultTrustStore = 0,
    };
}

/// <summary>MQTTClient_willOptions (struct_id "MQTW", struct_version 1): the Last Will, copied by Paho at connect.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_willOptions
{
    /// <summary>The struct_version this mirror implements (the header's initializer value).</summary>
    public const int Version = 1;

    public int struct_id;
    public int struct_version;
    public IntPtr topicName;
    public IntPtr message;
    public int retained;
    public int qos;
    public MQTTClient_willPayload payload;

    /// <summary>The values of MQTTClient_willOptions_initializer.</summary>
    public static MQTTClient_willOptions CreateDefault() => new()
    {
        struct_id = PahoEyecatcher.Of("MQTW"),
        struct_version = Version,
    };
}

/// <summary>The binary will payload embedded in MQTTClient_willOptions (used only when message is NULL).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_willPayload
{
    public int len;
    public IntPtr data;
}

/// <summary>MQTTProperties: only its size matters here (it is embedded in MQTTClient_message).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTProperties
{
    public int count;
    public int max_count;
    public int length;
    public IntPtr array;
}

/// <summary>MQTTClient_message (struct_id "MQTM", struct_version 1).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MQTTClient_message
{
    /// <summary>The struct_version this mirror implements (the header's initializer value).</summary>
    public const int Version = 1;

    public int struct_id;
    public int struct_version;
    public int payloadlen;
    public IntPtr payload;
    public int qos;
    public int retained;
    public int dup;
    public int msgid;
    public MQTTProperties properties;

    /// <summary>The values of MQTTClient_message_initializer.</summary>
    public static MQTTClient_message CreateDefault() => new()
    {
        struct_id = PahoEyecatcher.Of("MQTM"),
        struct_version = Version,
    };
}

/// <summary>The four-character struct_id every Paho options structure starts with.</summary>
internal static class PahoEyecatcher
{
    /// <summary>Packs four ASCII characters in memory order into the int that overlays <c>char struct_id[4]</c>.</summary>
    public static int Of(string id)
    {
        if (id == null || id.Length != 4)
        {
            throw new ArgumentException("A Paho eyecatcher is exactly four characters.", nameof(id));
        }

        // Little-endian: the first character is the lowest byte, which is the first byte in memory.
        return id[0] | (id[1] << 8) | (id[2] << 16) | (id[3] << 24);
    }
}
