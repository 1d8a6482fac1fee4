using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using DeviceFirmware.Host.Mqtt.Native;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Host.Mqtt;

/// <summary>
/// <see cref="IMqttTransport"/> over the Eclipse Paho MQTT C synchronous client
/// (libpaho-mqtt3c.so.1, or libpaho-mqtt3cs.so.1 for TLS), MQTT 3.1.1, no Paho persistence.
/// </summary>
/// <remarks>
/// <para><b>Reports.</b> Paho reports on its own threads: a delivery on its background thread while
/// it holds its global mutex, a connection loss on a fresh thread. The transport passes them straight
/// to the listener, which only records them (the <see cref="IMqttTransport"/> contract); it keeps no
/// message IDs of its own. <see cref="Publish"/> returns Paho's delivery token, which is the MQTT
/// packet identifier (1..65535) for QoS 1/2 and 0 for QoS 0; Paho may report it delivered before
/// MQTTClient_publish has returned it.</para>
/// <para><b>In-flight messages</b> (measured against mosquitto 2.0.11 with Paho 1.3.11, see
/// PahoTransportSessionTests):</para>
/// <list type="bullet">
/// <item>Connection lost, CleanSession=true: Paho discards its in-flight state before it reports the
/// loss, so OnInflightLost comes before OnConnectionLost.</item>
/// <item>Connection lost, CleanSession=false: Paho keeps the messages. The next successful
/// <see cref="Connect"/> with the same broker, client ID and CleanSession=false makes Paho resend them
/// under the same IDs (PUBLISH with DUP=1; per Paho's source, PUBREL where the PUBREC had already
/// arrived) and they complete with OnDelivered. If the broker kept the session too, a QoS 2 message it
/// had already received is not delivered again, a QoS 1 message is (at least once). A Connect with
/// CleanSession=true, another broker or another client ID reports OnInflightLost first.</item>
/// <item><see cref="Disconnect"/> and <see cref="Dispose"/> give open handshakes
/// <see cref="PahoTransportSettings.DisconnectTimeoutMilliseconds"/> to finish, then destroy the Paho
/// client (so Paho can never resend them behind the caller's back) and report OnInflightLost.</item>
/// </list>
/// <para><b>TLS</b> uses the OpenSSL build of Paho with server certificate and host name checks.
/// Paho checks the name in the broker address (X509_check_host, then X509_check_ip_asc: a DNS or an
/// IP subject alternative name, or the common name), so a <see cref="MqttConnectOptions.PeerName"/>
/// different from <see cref="MqttConnectOptions.Broker"/> (compared without regard to case) is
/// refused with InvalidOptions. OpenSSL's reasons for a failed handshake (an unknown CA) are logged
/// as a warning; a certificate for another name fails without one.</para>
/// </remarks>
public sealed class PahoMqttTransport : IMqttTransport, IDisposable
{
    // Paho's callbacks are static and find the transport through this table, keyed by the context
    // pointer given to MQTTClient_setCallbacks. A callback that arrives after Dispose (Paho starts its
    // connection-lost thread asynchronously) finds nothing and returns, instead of calling into a
    // collected delegate. The static delegate fields are what keeps the native thunks alive.
    private static readonly ConcurrentDictionary<long, PahoMqttTransport> Live = new();
    private static readonly PahoConnectionLost ConnectionLostThunk = OnNativeConnectionLost;
    private static readonly PahoDeliveryComplete DeliveryCompleteThunk = OnNativeDeliveryComplete;
    private static readonly PahoMessageArrived PlainMessageArrivedThunk = (context, topic, length, message) => OnNativeMessageArrived(PahoLibrary.Plain, context, topic, length, message);
    private static readonly PahoMessageArrived TlsMessageArrivedThunk = (context, topic, length, message) => OnNativeMessageArrived(PahoLibrary.Tls, context, topic, length, message);
    private static readonly PahoSslError SslErrorThunk = OnNativeSslError;
    private static readonly IntPtr SslErrorPointer = Marshal.GetFunctionPointerForDelegate(SslErrorThunk);
    private static long _nextId;

    private readonly long _id;
    private readonly ILog _log;
    private readonly PahoTransportSettings _settings;

    // _gate serialises everything that calls into Paho with a handle (connect, publish, disconnect,
    // destroy), so the handle cannot be destroyed under a call. _state guards the flags below and is
    // never held across a Paho call, nor while the listener runs.
    private readonly object _gate = new();
    private readonly object _state = new();
    private readonly ManualResetEventSlim _lossReported = new(true);

    // OpenSSL's reasons for the failure of the TLS connect under way, filled by Paho's ssl_error_cb
    // (on the connecting thread or on Paho's background thread), read once the connect returned.
    private readonly object _tlsErrorSync = new();
    private readonly List<string> _tlsErrors = new();

    private PahoLibrary _api;
    private IntPtr _handle;
    private string _handleUri;
    private string _handleClientId;
    private bool _sessionUp;
    private bool _cleanSession = true;
    private bool _disposed;
    private volatile IMqttTransportListener _listener;

    /// <summary>Creates a transport with default <see cref="PahoTransportSettings"/>.</summary>
    /// <param name="log">Where connection events and Paho errors are written; null for none.</param>
    public PahoMqttTransport(ILog log)
        : this(log, new PahoTransportSettings())
    {
    }

    /// <summary>Creates a transport. No Paho client exists until the first <see cref="Connect"/>.</summary>
    /// <param name="log">Where connection events and Paho errors are written; null for none.</param>
    /// <param name="settings">Host-side options; validated here.</param>
    public PahoMqttTransport(ILog log, PahoTransportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _log = log ?? NullLog.Instance;
        _settings = settings;
        _id = Interlocked.Increment(ref _nextId);
        Live[_id] = this;
    }

    /// <summary>True between a successful <see cref="Connect"/> and the loss or end of that session.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_state)
            {
                return _sessionUp;
            }
        }
    }

    /// <inheritdoc />
    public int MaxInflight => _settings.MaxInflight;

    /// <inheritdoc />
    /// <remarks>MQTTClient_publish copies the payload before it returns.</remarks>
    public bool CopiesPayload => true;

    /// <inheritdoc />
    public void SetListener(IMqttTransportListener listener)
    {
        _listener = listener;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Connecting while connected ends the current session first (as <see cref="Disconnect"/> does).
    /// Returns <see cref="MqttConnectResult.InvalidOptions"/> for options Paho would refuse.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public MqttConnectResult Connect(MqttConnectOptions options)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            string problem = CheckOptions(options);
            if (problem != null)
            {
                _log.Write(LogLevel.Error, "MQTT connect refused: " + problem);
                return MqttConnectResult.InvalidOptions;
            }

            if (_handle != IntPtr.Zero && _api.IsConnected(_handle) != 0)
            {
                EndSession("reconnect requested");
            }
            else
            {
                AwaitLossReport();
            }

            PahoLibrary api = options.UseTls ? PahoLibrary.Tls : PahoLibrary.Plain;
            string uri = ServerUri(options);
            string clientId = options.ClientId ?? string.Empty;
            if (_handle != IntPtr.Zero && (api != _api || uri != _handleUri || clientId != _handleClientId))
            {
                // Paho's in-flight state belongs to one broker and client ID; it cannot carry over.
                DestroyClient();
            }

            if (options.CleanSession && _handle != IntPtr.Zero)
            {
                // Paho clears its in-flight list when the CONNACK arrives, without any callback.
                ReportInflightLost();
            }

            if (_handle == IntPtr.Zero)
            {
                MqttConnectResult created = CreateClient(api, uri, clientId);
                if (created != MqttConnectResult.Success)
                {
                    return created;
                }
            }

            lock (_state)
            {
                // Paho decides what survives a loss from the cleansession flag of the session that
                // was lost, so record it before the session exists.
                _cleanSession = options.CleanSession;
            }

            ClearTlsErrors();
            int rc = ConnectClient(options);
            if (options.UseTls && rc != PahoConstants.Success)
            {
                ReportTlsErrors(uri);
            }

            if (rc == PahoConstants.Success)
            {
                lock (_state)
                {
                    _sessionUp = true;
                    _lossReported.Reset();
                }

                _log.Write(LogLevel.Debug, $"MQTT connected to {uri} as '{clientId}' (clean session {(options.CleanSession ? "on" : "off")})");
                return MqttConnectResult.Success;
            }

            MqttConnectResult result = MapConnectResult(rc);
            _log.Write(LogLevel.Debug, $"MQTT connect to {uri} failed: {MqttText.Describe(result)} ({_api.Describe(rc)})");
            return result;
        }
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        try
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    EndSession("disconnect requested");
                }
            }
        }
        catch (Exception e)
        {
            // The interface promises Disconnect never throws; a Paho failure here leaves nothing to undo.
            _log.Write(LogLevel.Error, "MQTT disconnect failed: " + e.Message);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Paho blocks every publish, QoS 0 included, while its in-flight list is full (it sleeps in
    /// 100 ms steps until an acknowledgement or the keep-alive gives up); the session keeps its
    /// window at <see cref="MaxInflight"/> so that never happens.
    /// </remarks>
    public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
    {
        messageId = 0;
        if (qos < 0 || qos > 2)
        {
            return MqttPublishResult.Rejected;
        }

        // The publisher passes the same topic string every time: check it once per instance.
        if (!ReferenceEquals(topic, _checkedTopic))
        {
            if (string.IsNullOrEmpty(topic) || topic.IndexOfAny(TopicForbidden) >= 0)
            {
                return MqttPublishResult.Rejected;
            }

            _checkedTopic = topic;
        }

        payload ??= Array.Empty<byte>();
        lock (_gate)
        {
            if (_disposed || _handle == IntPtr.Zero || !IsConnected)
            {
                return MqttPublishResult.NotConnected;
            }

            int rc = _api.Publish(_handle, topic, payload.Length, payload, qos, retain ? 1 : 0, out int token);
            if (rc != PahoConstants.Success)
            {
                _log.Write(LogLevel.Debug, $"MQTT publish to '{topic}' not accepted: {_api.Describe(rc)}");
                return MapPublishResult(rc);
            }

            messageId = qos == 0 ? 0 : token;
            return MqttPublishResult.Accepted;
        }
    }

    /// <inheritdoc />
    /// <remarks>MQTTClient_subscribe waits for the SUBACK (Paho's command timeout, 10 s by default).</remarks>
    public MqttSubscribeResult Subscribe(string topicFilter, int qos)
    {
        if (string.IsNullOrEmpty(topicFilter) || qos < 0 || qos > 2)
        {
            return MqttSubscribeResult.Failed;
        }

        lock (_gate)
        {
            if (_disposed || _handle == IntPtr.Zero || !IsConnected)
            {
                return MqttSubscribeResult.NotConnected;
            }

            int rc = _api.Subscribe(_handle, topicFilter, qos);
            if (rc == PahoConstants.Success)
            {
                return MqttSubscribeResult.Subscribed;
            }

            _log.Write(LogLevel.Debug, $"MQTT subscribe to '{topicFilter}' failed: {_api.Describe(rc)}");
            return rc == PahoConstants.BadSubscribe ? MqttSubscribeResult.Refused : MqttSubscribeResult.Failed;
        }
    }

    /// <inheritdoc />
    public bool Unsubscribe(string topicFilter)
    {
        if (string.IsNullOrEmpty(topicFilter))
        {
            return false;
        }

        lock (_gate)
        {
            if (_disposed || _handle == IntPtr.Zero || !IsConnected)
            {
                return false;
            }

            return _api.Unsubscribe(_handle, topicFilter) == PahoConstants.Success;
        }
    }

    /// <summary>
    /// Ends the session as <see cref="Disconnect"/> does (open messages are reported lost) and
    /// destroys the Paho client.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                EndSession("disposed");
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "MQTT transport dispose: " + e.Message);
            }

            _disposed = true;
            Live.TryRemove(_id, out _);
        }
    }

    /// <summary>Maps a MQTTClient_connect return code to an <see cref="MqttConnectResult"/>.</summary>
    /// <param name="rc">0, a CONNACK refusal 1..5, or a negative MQTTCLIENT_ code.</param>
    public static MqttConnectResult MapConnectResult(int rc)
    {
        switch (rc)
        {
            case PahoConstants.Success:
                return MqttConnectResult.Success;
            case (int)MqttConnectResult.RefusedProtocolVersion:
            case (int)MqttConnectResult.RefusedIdentifier:
            case (int)MqttConnectResult.RefusedServerUnavailable:
            case (int)MqttConnectResult.RefusedBadCredentials:
            case (int)MqttConnectResult.RefusedNotAuthorized:
                return (MqttConnectResult)rc;
            case PahoConstants.BadUtf8String:
            case PahoConstants.NullParameter:
            case PahoConstants.BadStructure:
            case PahoConstants.SslNotSupported:
            case PahoConstants.BadMqttVersion:
            case PahoConstants.BadProtocol:
            case PahoConstants.BadMqttOption:
            case PahoConstants.WrongMqttVersion:
            case PahoConstants.ZeroLengthWillTopic:
                return MqttConnectResult.InvalidOptions;
            default:
                // MQTTCLIENT_FAILURE is how Paho reports DNS, TCP, TLS and timeout failures alike;
                // MQTTCLIENT_DISCONNECTED means the link broke while Paho resent in-flight messages.
                return MqttConnectResult.NetworkError;
        }
    }

    /// <summary>Maps a failed MQTTClient_publish return code to an <see cref="MqttPublishResult"/>.</summary>
    /// <param name="rc">A negative MQTTCLIENT_ code.</param>
    public static MqttPublishResult MapPublishResult(int rc)
    {
        switch (rc)
        {
            case PahoConstants.MaxMessagesInflight:
                return MqttPublishResult.InflightFull;
            case PahoConstants.Disconnected:
            case PahoConstants.Failure:
                // Paho returns FAILURE when the link dropped while it waited for window space or
                // when a QoS 0 write failed; either way there is no session to send on.
                return MqttPublishResult.NotConnected;
            default:
                return MqttPublishResult.Rejected;
        }
    }

    private static readonly char[] TopicForbidden = { '+', '#', '\0' };

    // The last topic that passed the wildcard check (a reference, written without a lock: a stale read only re-checks).
    private string _checkedTopic;

    private static string CheckOptions(MqttConnectOptions options)
    {
        if (options == null)
        {
            return "no options";
        }

        if (string.IsNullOrWhiteSpace(options.Broker) || options.Broker.IndexOfAny(new[] { '/', ' ', '\0' }) >= 0)
        {
            return "broker address missing or malformed";
        }

        if (options.Port < 1 || options.Port > 65535)
        {
            return "port out of range";
        }

        if (options.KeepAliveSeconds < 0 || options.KeepAliveSeconds > 65535)
        {
            return "keep-alive out of range";
        }

        if (options.ClientId != null && options.ClientId.IndexOf('\0') >= 0)
        {
            return "client ID contains NUL";
        }

        if (options.UseTls && !string.IsNullOrEmpty(options.PeerName)
            && !string.Equals(options.PeerName, options.Broker, StringComparison.OrdinalIgnoreCase))
        {
            return "Paho verifies the broker address itself; a different TLS peer name is not supported";
        }

        return null;
    }

    private static string ServerUri(MqttConnectOptions options)
    {
        string host = options.Broker.Trim();
        if (host.Contains(':') && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return (options.UseTls ? "ssl://" : "tcp://") + host + ":" + options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private MqttConnectResult CreateClient(PahoLibrary api, string uri, string clientId)
    {
        int rc = api.Create(out IntPtr handle, uri, clientId, PahoConstants.PersistenceNone, IntPtr.Zero);
        if (rc != PahoConstants.Success)
        {
            if (handle != IntPtr.Zero)
            {
                api.Destroy(ref handle);
            }

            _log.Write(LogLevel.Error, $"MQTT client for {uri} not created: {api.Describe(rc)}");
            return MqttConnectResult.InvalidOptions;
        }

        PahoMessageArrived arrived = api == PahoLibrary.Tls ? TlsMessageArrivedThunk : PlainMessageArrivedThunk;
        rc = api.SetCallbacks(handle, new IntPtr(_id), ConnectionLostThunk, arrived, DeliveryCompleteThunk);
        if (rc != PahoConstants.Success)
        {
            api.Destroy(ref handle);
            _log.Write(LogLevel.Error, $"MQTT callbacks not set: {api.Describe(rc)}");
            return MqttConnectResult.InvalidOptions;
        }

        _api = api;
        _handle = handle;
        _handleUri = uri;
        _handleClientId = clientId;
        return MqttConnectResult.Success;
    }

    private int ConnectClient(MqttConnectOptions options)
    {
        var strings = new List<IntPtr>();
        IntPtr ssl = IntPtr.Zero;
        IntPtr will = IntPtr.Zero;
        try
        {
            MQTTClient_connectOptions native = MQTTClient_connectOptions.CreateDefault();
            native.keepAliveInterval = options.KeepAliveSeconds;
            native.cleansession = options.CleanSession ? 1 : 0;
            native.reliable = 0;
            native.connectTimeout = _settings.ConnectTimeoutSeconds;
            native.retryInterval = 0;

            // Only 3.1.1: the default (0) silently retries with 3.1 after any failure, doubling the
            // time a refused or unreachable connect takes and hiding CONNACK 1.
            native.MQTTVersion = PahoConstants.MqttVersion311;
            native.maxInflightMessages = _settings.MaxInflight;
            native.username = Utf8(options.Username, strings);
            native.password = Utf8(options.Password, strings);
            if (!string.IsNullOrEmpty(options.WillTopic))
            {
                MQTTClient_willOptions lastWill = MQTTClient_willOptions.CreateDefault();
                lastWill.topicName = Utf8(options.WillTopic, strings);
                lastWill.message = Utf8(options.WillMessage, strings);
                lastWill.qos = options.WillQos;
                lastWill.retained = options.WillRetain ? 1 : 0;
                will = Marshal.AllocHGlobal(Marshal.SizeOf<MQTTClient_willOptions>());
                Marshal.StructureToPtr(lastWill, will, false);
                native.will = will;
            }
            if (options.UseTls)
            {
                MQTTClient_SSLOptions tls = MQTTClient_SSLOptions.CreateDefault();
                tls.trustStore = Utf8(_settings.TrustStorePath, strings);
                tls.enableServerCertAuth = 1;
                tls.verify = 1;
                tls.ssl_error_cb = SslErrorPointer;
                tls.ssl_error_context = new IntPtr(_id);
                ssl = Marshal.AllocHGlobal(Marshal.SizeOf<MQTTClient_SSLOptions>());
                Marshal.StructureToPtr(tls, ssl, false);
                native.ssl = ssl;
            }

            // Paho copies every string it keeps, so they can be freed as soon as the call returns.
            return _api.Connect(_handle, ref native);
        }
        finally
        {
            foreach (IntPtr s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            if (ssl != IntPtr.Zero)
            {
                Marshal.FreeHGlobal(ssl);
            }

            if (will != IntPtr.Zero)
            {
                Marshal.FreeHGlobal(will);
            }
        }
    }

    private static IntPtr Utf8(string value, List<IntPtr> allocated)
    {
        if (string.IsNullOrEmpty(value))
        {
            return IntPtr.Zero;
        }

        IntPtr p = Marshal.StringToCoTaskMemUTF8(value);
        allocated.Add(p);
        return p;
    }

    // Caller holds _gate.
    private void EndSession(string why)
    {
        if (_handle == IntPtr.Zero)
        {
            return;
        }

        bool wasUp;
        lock (_state)
        {
            wasUp = _sessionUp;
            _sessionUp = false;
        }

        if (_api.IsConnected(_handle) != 0)
        {
            int rc = _api.Disconnect(_handle, _settings.DisconnectTimeoutMilliseconds);
            if (rc != PahoConstants.Success && rc != PahoConstants.Disconnected)
            {
                _log.Write(LogLevel.Warning, "MQTT disconnect: " + _api.Describe(rc));
            }
        }
        else if (wasUp)
        {
            // Paho saw the link drop and has started (or is about to start) its connection-lost
            // thread, which still reads the client structure: wait for it before destroying that.
            _lossReported.Wait(_settings.LossReportTimeout);
        }

        DestroyClient();
        _log.Write(LogLevel.Debug, "MQTT session ended: " + why);
    }

    // Caller holds _gate. Waits until a loss Paho has detected has been reported, so a new session
    // is not mistaken for the one that was lost.
    private void AwaitLossReport()
    {
        bool wasUp;
        lock (_state)
        {
            wasUp = _sessionUp;
        }

        if (wasUp && !_lossReported.Wait(_settings.LossReportTimeout))
        {
            bool clean;
            lock (_state)
            {
                _sessionUp = false;
                clean = _cleanSession;
            }

            if (clean)
            {
                ReportInflightLost();
            }
        }
    }

    // Caller holds _gate.
    private void DestroyClient()
    {
        if (_handle != IntPtr.Zero)
        {
            IntPtr handle = _handle;
            _api.Destroy(ref handle);
            _handle = IntPtr.Zero;
            _handleUri = null;
            _handleClientId = null;
            ReportInflightLost();
        }
    }

    // Paho has forgotten every message it held: say so before the next session can reuse an ID.
    private void ReportInflightLost()
    {
        IMqttTransportListener listener = _listener;
        if (listener == null)
        {
            return;
        }

        try
        {
            listener.OnInflightLost();
        }
        catch (Exception e)
        {
            // One faulty listener call must not break the transport.
            _log.Write(LogLevel.Error, "MQTT listener threw on in-flight lost: " + e.Message);
        }
    }

    private void ClearTlsErrors()
    {
        lock (_tlsErrorSync)
        {
            _tlsErrors.Clear();
        }
    }

    // A TLS connect failed: say why when OpenSSL said why (an unknown CA: "certificate verify failed").
    // A certificate that does not name the broker address fails in Paho's own check, which reports
    // nothing; that failure, like an unreachable broker, is only the connect's "network error".
    private void ReportTlsErrors(string uri)
    {
        string reasons;
        lock (_tlsErrorSync)
        {
            if (_tlsErrors.Count == 0)
            {
                return;
            }

            reasons = string.Join("; ", _tlsErrors);
            _tlsErrors.Clear();
        }

        _log.Write(LogLevel.Warning, $"MQTT TLS connect to {uri} failed: {reasons}");
    }

    // ERR_print_errors_cb, one call per OpenSSL error, on whichever thread Paho runs the handshake.
    private static int OnNativeSslError(IntPtr text, UIntPtr length, IntPtr context)
    {
        try
        {
            if (text != IntPtr.Zero && Live.TryGetValue(context.ToInt64(), out PahoMqttTransport transport))
            {
                string line = Marshal.PtrToStringUTF8(text, (int)Math.Min(length.ToUInt64(), 1024UL)).Trim();

                // OpenSSL writes "<thread id>:error:<code>:<library>:<function>:<reason>:<file>:<line>:";
                // the thread ID only varies between lines that say the same.
                int error = line.IndexOf("error:", StringComparison.Ordinal);
                line = (error > 0 ? line[error..] : line).TrimEnd(':');
                lock (transport._tlsErrorSync)
                {
                    // Bounded: a broken peer must not grow this list without end.
                    if (line.Length > 0 && transport._tlsErrors.Count < 8)
                    {
                        transport._tlsErrors.Add(line);
                    }
                }
            }
        }
        catch
        {
            // An exception must never unwind into OpenSSL's or Paho's C frames.
        }

        return 1;
    }

    // Paho background thread, Paho's global mutex held: the listener records and returns.
    private static void OnNativeDeliveryComplete(IntPtr context, int token)
    {
        try
        {
            if (Live.TryGetValue(context.ToInt64(), out PahoMqttTransport transport))
            {
                transport.OnDeliveryComplete(token);
            }
        }
        catch
        {
            // An exception must never unwind into Paho's C frames.
        }
    }

    private void OnDeliveryComplete(int token)
    {
        try
        {
            _listener?.OnDelivered(token);
        }
        catch (Exception e)
        {
            _log.Write(LogLevel.Error, "MQTT listener threw on delivery: " + e.Message);
        }
    }

    // A thread Paho starts for this report; no Paho lock is held.
    private static void OnNativeConnectionLost(IntPtr context, IntPtr cause)
    {
        try
        {
            if (Live.TryGetValue(context.ToInt64(), out PahoMqttTransport transport))
            {
                string reason = cause == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(cause);
                transport.OnConnectionLost(string.IsNullOrEmpty(reason) ? "connection to the broker lost" : reason);
            }
        }
        catch
        {
            // An exception must never unwind into Paho's C frames.
        }
    }

    private void OnConnectionLost(string reason)
    {
        bool wasUp;
        bool clean;
        lock (_state)
        {
            wasUp = _sessionUp;
            clean = _cleanSession;
            _sessionUp = false;
        }

        try
        {
            if (wasUp)
            {
                _log.Write(LogLevel.Debug, $"MQTT connection lost: {reason} (in-flight messages {(clean ? "discarded" : "kept for resend")})");
                if (clean)
                {
                    ReportInflightLost();
                }

                try
                {
                    _listener?.OnConnectionLost(reason);
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "MQTT listener threw on connection lost: " + e.Message);
                }
            }
        }
        finally
        {
            _lossReported.Set();
        }
    }

    // Paho's background thread, its global mutex released: copy the message out, free Paho's copy,
    // hand ours to the listener (which only queues it) and acknowledge with 1.
    private static int OnNativeMessageArrived(PahoLibrary api, IntPtr context, IntPtr topic, int topicLength, IntPtr message)
    {
        try
        {
            if (message != IntPtr.Zero && topic != IntPtr.Zero && Live.TryGetValue(context.ToInt64(), out PahoMqttTransport transport))
            {
                MQTTClient_message native = Marshal.PtrToStructure<MQTTClient_message>(message);
                byte[] payload = new byte[Math.Max(0, native.payloadlen)];
                if (payload.Length > 0 && native.payload != IntPtr.Zero)
                {
                    Marshal.Copy(native.payload, payload, 0, payload.Length);
                }

                // topicLen is 0 unless the topic holds NUL bytes; then it is the length in bytes.
                string name = topicLength > 0 ? Marshal.PtrToStringUTF8(topic, topicLength) : Marshal.PtrToStringUTF8(topic);
                transport.OnMessageArrived(name, payload, native.retained != 0);
            }
        }
        catch
        {
            // Never unwind into Paho.
        }
        finally
        {
            try
            {
                if (message != IntPtr.Zero)
                {
                    api.FreeMessage(ref message);
                }

                if (topic != IntPtr.Zero)
                {
                    api.Free(topic);
                }
            }
            catch
            {
                // Never unwind into Paho.
            }
        }

        return 1;
    }

    private void OnMessageArrived(string topic, byte[] payload, bool retained)
    {
        try
        {
            _listener?.OnMessage(topic, payload, retained);
        }
        catch (Exception e)
        {
            _log.Write(LogLevel.Error, "MQTT listener threw on a message: " + e.Message);
        }
    }
}
