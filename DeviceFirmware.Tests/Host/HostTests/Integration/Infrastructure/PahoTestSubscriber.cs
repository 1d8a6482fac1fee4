using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using DeviceFirmware.Host.Mqtt.Native;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>One message as the subscriber's MQTT client got it.</summary>
/// <param name="Topic">Topic name.</param>
/// <param name="Payload">Payload bytes.</param>
/// <param name="Qos">QoS of the PUBLISH packet that carried it (MQTTClient_message.qos, from the packet header).</param>
/// <param name="Dup">DUP flag of that packet (Paho reports 0 for QoS 2).</param>
/// <param name="Retained">RETAIN flag of that packet.</param>
/// <param name="MessageId">Packet identifier on the broker-to-subscriber leg (0 for QoS 0).</param>
/// <param name="ArrivedAt">When Paho handed it over: a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value.</param>
public sealed record ReceivedMessage(string Topic, byte[] Payload, int Qos, bool Dup, bool Retained, int MessageId, long ArrivedAt = 0);

/// <summary>
/// A test-side MQTT client on the same Paho P/Invoke layer as the transport (libpaho-mqtt3c): it
/// subscribes at QoS 0, 1 or 2 and records every message with the QoS, DUP and RETAIN bits of the
/// packet it arrived in. It can also publish (retained or not) to set up broker state.
/// </summary>
public sealed class PahoTestSubscriber : IDisposable
{
    // Static thunks and a table keyed by the callback context, as in PahoMqttTransport: a late Paho
    // callback after disposal finds nothing instead of a collected delegate.
    private static readonly ConcurrentDictionary<long, PahoTestSubscriber> Live = new();
    private static readonly PahoMessageArrived ArrivedThunk = OnArrived;
    private static readonly PahoConnectionLost LostThunk = OnLost;
    private static long _nextId;

    private readonly PahoLibrary _api = PahoLibrary.Plain;
    private readonly long _id;
    private readonly object _sync = new();
    private readonly List<ReceivedMessage> _messages = new();
    private IntPtr _handle;
    private volatile bool _lost;

    private PahoTestSubscriber(string clientId)
    {
        ClientId = clientId;
        _id = Interlocked.Increment(ref _nextId);
        Live[_id] = this;
    }

    /// <summary>The MQTT client identifier (as it appears in the broker log).</summary>
    public string ClientId { get; }

    /// <summary>True once Paho reported the connection lost.</summary>
    public bool ConnectionLost => _lost;

    /// <summary>Snapshot of the messages received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_sync)
            {
                return _messages.ToList();
            }
        }
    }

    /// <summary>Creates the client and connects it (MQTT 3.1.1).</summary>
    /// <param name="host">Broker address.</param>
    /// <param name="port">Broker port.</param>
    /// <param name="clientId">MQTT client identifier.</param>
    /// <param name="cleanSession">CleanSession flag of the CONNECT.</param>
    /// <param name="username">User name for a broker with a password file; null connects anonymously.</param>
    /// <param name="password">Password of <paramref name="username"/>; null for none.</param>
    /// <exception cref="InvalidOperationException">Paho refused or the connect failed.</exception>
    public static PahoTestSubscriber Connect(string host, int port, string clientId, bool cleanSession = true, string username = null, string password = null)
    {
        var subscriber = new PahoTestSubscriber(clientId);
        try
        {
            subscriber.Open($"tcp://{host}:{port}", cleanSession, username, password);
            return subscriber;
        }
        catch
        {
            subscriber.Dispose();
            throw;
        }
    }

    /// <summary>Connects a subscriber to <paramref name="broker"/> and subscribes to <paramref name="topicFilter"/>.</summary>
    public static PahoTestSubscriber Subscribed(MosquittoBroker broker, string clientId, string topicFilter, int qos)
    {
        PahoTestSubscriber subscriber = Connect(broker.Host, broker.Port, clientId);
        try
        {
            subscriber.Subscribe(topicFilter, qos);
            return subscriber;
        }
        catch
        {
            subscriber.Dispose();
            throw;
        }
    }

    /// <summary>Subscribes at <paramref name="qos"/> and returns once the SUBACK arrived.</summary>
    public void Subscribe(string topicFilter, int qos)
    {
        int rc = _api.Subscribe(_handle, topicFilter, qos);
        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"subscribe '{topicFilter}' q{qos} failed: {_api.Describe(rc)}");
        }
    }

    /// <summary>Publishes directly through Paho and returns the delivery token (0 for QoS 0).</summary>
    public int Publish(string topic, byte[] payload, int qos, bool retained = false)
    {
        int rc = _api.Publish(_handle, topic, payload.Length, payload, qos, retained ? 1 : 0, out int token);
        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"publish '{topic}' failed: {_api.Describe(rc)}");
        }

        return qos == 0 ? 0 : token;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; returns them all.</summary>
    public IReadOnlyList<ReceivedMessage> WaitForMessages(int count, TimeSpan? timeout = null)
    {
        Wait.Until(() => Messages.Count >= count, $"{count} message(s) at subscriber {ClientId} (have {Messages.Count})", timeout);
        return Messages;
    }

    /// <summary>Waits until a message on <paramref name="topic"/> arrived; returns it.</summary>
    public ReceivedMessage WaitForTopic(string topic, TimeSpan? timeout = null)
    {
        ReceivedMessage found = null;
        Wait.Until(() => (found = Messages.FirstOrDefault(m => m.Topic == topic)) != null, $"a message on '{topic}' at {ClientId}", timeout);
        return found;
    }

    /// <summary>Disconnects (briefly waiting for open handshakes) and destroys the client.</summary>
    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            if (_api.IsConnected(_handle) != 0)
            {
                _api.Disconnect(_handle, 500);
            }

            IntPtr handle = _handle;
            _api.Destroy(ref handle);
            _handle = IntPtr.Zero;
        }

        Live.TryRemove(_id, out _);
    }

    private void Open(string uri, bool cleanSession, string username, string password)
    {
        int rc = _api.Create(out _handle, uri, ClientId, PahoConstants.PersistenceNone, IntPtr.Zero);
        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"create failed: {_api.Describe(rc)}");
        }

        rc = _api.SetCallbacks(_handle, new IntPtr(_id), LostThunk, ArrivedThunk, null);
        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"setCallbacks failed: {_api.Describe(rc)}");
        }

        MQTTClient_connectOptions options = MQTTClient_connectOptions.CreateDefault();
        options.keepAliveInterval = 30;
        options.cleansession = cleanSession ? 1 : 0;
        options.reliable = 0;
        options.connectTimeout = 10;
        options.MQTTVersion = PahoConstants.MqttVersion311;

        // Paho copies the credentials into its CONNECT packet; the strings are freed once Connect returns.
        IntPtr user = username == null ? IntPtr.Zero : Marshal.StringToCoTaskMemUTF8(username);
        IntPtr secret = password == null ? IntPtr.Zero : Marshal.StringToCoTaskMemUTF8(password);
        try
        {
            options.username = user;
            options.password = secret;
            rc = _api.Connect(_handle, ref options);
        }
        finally
        {
            Marshal.FreeCoTaskMem(user);
            Marshal.FreeCoTaskMem(secret);
        }

        if (rc != PahoConstants.Success)
        {
            throw new InvalidOperationException($"connect to {uri} as {ClientId} failed: {_api.Describe(rc)}");
        }
    }

    // Paho's background thread. Copy everything out, free Paho's copies, and return 1 (consumed).
    private static int OnArrived(IntPtr context, IntPtr topicName, int topicLen, IntPtr message)
    {
        try
        {
            if (Live.TryGetValue(context.ToInt64(), out PahoTestSubscriber subscriber))
            {
                MQTTClient_message m = Marshal.PtrToStructure<MQTTClient_message>(message);
                var payload = new byte[m.payloadlen];
                if (m.payloadlen > 0)
                {
                    Marshal.Copy(m.payload, payload, 0, m.payloadlen);
                }

                // topicLen is 0 when the name is NUL-terminated, else its byte length.
                string topic = topicLen > 0 ? Marshal.PtrToStringUTF8(topicName, topicLen) : Marshal.PtrToStringUTF8(topicName);
                var received = new ReceivedMessage(topic, payload, m.qos, m.dup != 0, m.retained != 0, m.msgid, Stopwatch.GetTimestamp());
                lock (subscriber._sync)
                {
                    subscriber._messages.Add(received);
                }
            }
        }
        catch
        {
            // Never unwind into Paho; a lost record shows up as a missing message.
        }
        finally
        {
            PahoLibrary.Plain.FreeMessage(ref message);
            PahoLibrary.Plain.Free(topicName);
        }

        return 1;
    }

    private static void OnLost(IntPtr context, IntPtr cause)
    {
        if (Live.TryGetValue(context.ToInt64(), out PahoTestSubscriber subscriber))
        {
            subscriber._lost = true;
        }
    }
}
