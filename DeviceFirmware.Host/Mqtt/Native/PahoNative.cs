using System;
using System.Runtime.InteropServices;

namespace DeviceFirmware.Host.Mqtt.Native;

/// <summary>MQTTClient_connectionLost: <c>void (void* context, char* cause)</c>. Paho calls it on a thread of its own.</summary>
[UnmanagedFunctionPointer(CallingConvention.Cdecl)]
internal delegate void PahoConnectionLost(IntPtr context, IntPtr cause);

/// <summary>
/// MQTTClient_messageArrived: <c>int (void* context, char* topicName, int topicLen, MQTTClient_message* message)</c>.
/// Return 1 after freeing the message and topic; 0 makes Paho deliver it again later.
/// </summary>
[UnmanagedFunctionPointer(CallingConvention.Cdecl)]
internal delegate int PahoMessageArrived(IntPtr context, IntPtr topicName, int topicLen, IntPtr message);

/// <summary>
/// MQTTClient_deliveryComplete: <c>void (void* context, MQTTClient_deliveryToken dt)</c>. Paho calls it on
/// its background thread while holding its global client mutex, so it must not call back into Paho.
/// </summary>
[UnmanagedFunctionPointer(CallingConvention.Cdecl)]
internal delegate void PahoDeliveryComplete(IntPtr context, int token);

/// <summary>
/// MQTTClient_SSLOptions.ssl_error_cb: <c>int (const char* str, size_t len, void* u)</c>, handed to
/// OpenSSL's ERR_print_errors_cb when a TLS call fails, once per queued OpenSSL error. A return of 0
/// or less stops the listing.
/// </summary>
[UnmanagedFunctionPointer(CallingConvention.Cdecl)]
internal delegate int PahoSslError(IntPtr text, UIntPtr length, IntPtr context);

/// <summary>
/// The whole P/Invoke surface of the host code: the Paho MQTT C synchronous client
/// (MQTTClient.h). Two builds of the library exist and each keeps its own global state, so the
/// same entry points are bound twice: <see cref="Plain"/> (libpaho-mqtt3c, tcp:// only) and
/// <see cref="Tls"/> (libpaho-mqtt3cs, OpenSSL, tcp:// and ssl://). A client handle must only ever
/// be passed to the library that created it.
/// </summary>
internal abstract class PahoLibrary
{
    /// <summary>File name of the plain build, as the Debian package libpaho-mqtt1.3 installs it.</summary>
    public const string PlainFileName = "libpaho-mqtt3c.so.1";

    /// <summary>File name of the OpenSSL build.</summary>
    public const string TlsFileName = "libpaho-mqtt3cs.so.1";

    /// <summary>libpaho-mqtt3c.so.1.</summary>
    public static PahoLibrary Plain { get; } = new PlainLibrary();

    /// <summary>libpaho-mqtt3cs.so.1.</summary>
    public static PahoLibrary Tls { get; } = new TlsLibrary();

    /// <summary>The shared object this instance binds to.</summary>
    public abstract string FileName { get; }

    /// <summary>The class whose DllImport methods this instance calls (for the entry-point test).</summary>
    public abstract Type ImportsType { get; }

    /// <summary>MQTTClient_create.</summary>
    public abstract int Create(out IntPtr handle, string serverUri, string clientId, int persistenceType, IntPtr persistenceContext);

    /// <summary>MQTTClient_setCallbacks. The caller keeps the delegates alive for the handle's lifetime.</summary>
    public abstract int SetCallbacks(IntPtr handle, IntPtr context, PahoConnectionLost connectionLost, PahoMessageArrived messageArrived, PahoDeliveryComplete deliveryComplete);

    /// <summary>MQTTClient_connect. Returns 0, a CONNACK refusal 1..5, or a negative MQTTCLIENT_ code.</summary>
    public abstract int Connect(IntPtr handle, ref MQTTClient_connectOptions options);

    /// <summary>MQTTClient_publish. Paho copies the payload before returning.</summary>
    public abstract int Publish(IntPtr handle, string topicName, int payloadLength, byte[] payload, int qos, int retained, out int token);

    /// <summary>MQTTClient_subscribe: waits for the SUBACK; returns 0, 0x80 (refused), or a negative MQTTCLIENT_ code.</summary>
    public abstract int Subscribe(IntPtr handle, string topic, int qos);

    /// <summary>MQTTClient_unsubscribe: waits for the UNSUBACK.</summary>
    public abstract int Unsubscribe(IntPtr handle, string topic);

    /// <summary>MQTTClient_isConnected.</summary>
    public abstract int IsConnected(IntPtr handle);

    /// <summary>MQTTClient_disconnect: waits up to <paramref name="timeoutMilliseconds"/> for in-flight flows.</summary>
    public abstract int Disconnect(IntPtr handle, int timeoutMilliseconds);

    /// <summary>MQTTClient_destroy: frees the handle and all its in-flight state; sets it to zero.</summary>
    public abstract void Destroy(ref IntPtr handle);

    /// <summary>MQTTClient_freeMessage (for the message handed to a messageArrived callback).</summary>
    public abstract void FreeMessage(ref IntPtr message);

    /// <summary>MQTTClient_free (for the topic name handed to a messageArrived callback).</summary>
    public abstract void Free(IntPtr memory);

    /// <summary>MQTTClient_strerror, as a managed string.</summary>
    public abstract string StrError(int code);

    /// <summary>Describes a Paho return code for logs.</summary>
    public string Describe(int code)
    {
        string text = StrError(code);
        return string.IsNullOrEmpty(text) ? $"Paho rc {code}" : $"Paho rc {code} ({text})";
    }

    private sealed class PlainLibrary : PahoLibrary
    {
        public override string FileName => PlainFileName;

        public override Type ImportsType => typeof(PlainImports);

        public override int Create(out IntPtr handle, string serverUri, string clientId, int persistenceType, IntPtr persistenceContext)
            => PlainImports.MQTTClient_create(out handle, serverUri, clientId, persistenceType, persistenceContext);

        public override int SetCallbacks(IntPtr handle, IntPtr context, PahoConnectionLost connectionLost, PahoMessageArrived messageArrived, PahoDeliveryComplete deliveryComplete)
            => PlainImports.MQTTClient_setCallbacks(handle, context, connectionLost, messageArrived, deliveryComplete);

        public override int Connect(IntPtr handle, ref MQTTClient_connectOptions options)
            => PlainImports.MQTTClient_connect(handle, ref options);

        public override int Publish(IntPtr handle, string topicName, int payloadLength, byte[] payload, int qos, int retained, out int token)
            => PlainImports.MQTTClient_publish(handle, topicName, payloadLength, payload, qos, retained, out token);

        public override int Subscribe(IntPtr handle, string topic, int qos)
            => PlainImports.MQTTClient_subscribe(handle, topic, qos);

        public override int Unsubscribe(IntPtr handle, string topic)
            => PlainImports.MQTTClient_unsubscribe(handle, topic);

        public override int IsConnected(IntPtr handle) => PlainImports.MQTTClient_isConnected(handle);

        public override int Disconnect(IntPtr handle, int timeoutMilliseconds) => PlainImports.MQTTClient_disconnect(handle, timeoutMilliseconds);

        public override void Destroy(ref IntPtr handle) => PlainImports.MQTTClient_destroy(ref handle);

        public override void FreeMessage(ref IntPtr message) => PlainImports.MQTTClient_freeMessage(ref message);

        public override void Free(IntPtr memory) => PlainImports.MQTTClient_free(memory);

        public override string StrError(int code) => Marshal.PtrToStringUTF8(PlainImports.MQTTClient_strerror(code));
    }

    private sealed class TlsLibrary : PahoLibrary
    {
        public override string FileName => TlsFileName;

        public override Type ImportsType => typeof(TlsImports);

        public override int Create(out IntPtr handle, string serverUri, string clientId, int persistenceType, IntPtr persistenceContext)
            => TlsImports.MQTTClient_create(out handle, serverUri, clientId, persistenceType, persistenceContext);

        public override int SetCallbacks(IntPtr handle, IntPtr context, PahoConnectionLost connectionLost, PahoMessageArrived messageArrived, PahoDeliveryComplete deliveryComplete)
            => TlsImports.MQTTClient_setCallbacks(handle, context, connectionLost, messageArrived, deliveryComplete);

        public override int Connect(IntPtr handle, ref MQTTClient_connectOptions options)
            => TlsImports.MQTTClient_connect(handle, ref options);

        public override int Publish(IntPtr handle, string topicName, int payloadLength, byte[] payload, int qos, int retained, out int token)
            => TlsImports.MQTTClient_publish(handle, topicName, payloadLength, payload, qos, retained, out token);

        public override int Subscribe(IntPtr handle, string topic, int qos)
            => TlsImports.MQTTClient_subscribe(handle, topic, qos);

        public override int Unsubscribe(IntPtr handle, string topic)
            => TlsImports.MQTTClient_unsubscribe(handle, topic);

        public override int IsConnected(IntPtr handle) => TlsImports.MQTTClient_isConnected(handle);

        public override int Disconnect(IntPtr handle, int timeoutMilliseconds) => TlsImports.MQTTClient_disconnect(handle, timeoutMilliseconds);

        public override void Destroy(ref IntPtr handle) => TlsImports.MQTTClient_destroy(ref handle);

        public override void FreeMessage(ref IntPtr message) => TlsImports.MQTTClient_freeMessage(ref message);

        public override void Free(IntPtr memory) => TlsImports.MQTTClient_free(memory);

        public override string StrError(int code) => Marshal.PtrToStringUTF8(TlsImports.MQTTClient_strerror(code));
    }

    // The two import classes must stay identical apart from the library name; the entry-point test
    // checks both against their .so files.
    internal static class PlainImports
    {
        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_create(out IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string serverURI, [MarshalAs(UnmanagedType.LPUTF8Str)] string clientId, int persistence_type, IntPtr persistence_context);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_setCallbacks(IntPtr handle, IntPtr context, PahoConnectionLost cl, PahoMessageArrived ma, PahoDeliveryComplete dc);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_connect(IntPtr handle, ref MQTTClient_connectOptions options);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_publish(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topicName, int payloadlen, byte[] payload, int qos, int retained, out int dt);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_subscribe(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int qos);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_unsubscribe(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_isConnected(IntPtr handle);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_disconnect(IntPtr handle, int timeout);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_destroy(ref IntPtr handle);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_freeMessage(ref IntPtr msg);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_free(IntPtr ptr);

        [DllImport(PlainFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr MQTTClient_strerror(int code);
    }

    internal static class TlsImports
    {
        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_create(out IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string serverURI, [MarshalAs(UnmanagedType.LPUTF8Str)] string clientId, int persistence_type, IntPtr persistence_context);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_setCallbacks(IntPtr handle, IntPtr context, PahoConnectionLost cl, PahoMessageArrived ma, PahoDeliveryComplete dc);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_connect(IntPtr handle, ref MQTTClient_connectOptions options);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_publish(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topicName, int payloadlen, byte[] payload, int qos, int retained, out int dt);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_subscribe(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int qos);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_unsubscribe(IntPtr handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_isConnected(IntPtr handle);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int MQTTClient_disconnect(IntPtr handle, int timeout);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_destroy(ref IntPtr handle);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_freeMessage(ref IntPtr msg);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void MQTTClient_free(IntPtr ptr);

        [DllImport(TlsFileName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr MQTTClient_strerror(int code);
    }
}
