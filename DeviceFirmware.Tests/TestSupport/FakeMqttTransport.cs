using System.Collections;
using DeviceFirmware.Mqtt;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>Called by <see cref="FakeMqttTransport"/> in the middle of a Connect, to act while it "blocks".</summary>
    public interface IFakeConnectHook
    {
        /// <summary>Runs inside <see cref="FakeMqttTransport.Connect"/>, before it returns.</summary>
        void DuringConnect(FakeMqttTransport transport);
    }

    /// <summary>One Publish call the fake accepted.</summary>
    public sealed class FakePublish
    {
        /// <summary>Creates a record.</summary>
        public FakePublish(string topic, byte[] handed, byte[] payload, int qos, bool retain, int messageId)
        {
            Topic = topic;
            Handed = handed;
            Payload = payload;
            Qos = qos;
            Retain = retain;
            MessageId = messageId;
        }

        /// <summary>Retain flag passed to Publish.</summary>
        public bool Retain { get; }

        /// <summary>Topic passed to Publish.</summary>
        public string Topic { get; }

        /// <summary>The array Publish was handed (the caller may have reused it since, if the fake copies).</summary>
        public byte[] Handed { get; }

        /// <summary>The payload as published: a copy when <see cref="FakeMqttTransport.CopiesPayload"/>, else the array handed.</summary>
        public byte[] Payload { get; }

        /// <summary>QoS passed to Publish.</summary>
        public int Qos { get; }

        /// <summary>ID Publish returned.</summary>
        public int MessageId { get; }

        /// <summary>The payload as ASCII text.</summary>
        public string Text
        {
            get
            {
                char[] chars = new char[Payload.Length];
                for (int i = 0; i < Payload.Length; i++)
                {
                    chars[i] = (char)Payload[i];
                }

                return new string(chars);
            }
        }
    }

    /// <summary>
    /// A scriptable <see cref="IMqttTransport"/>, the tests' one fake MQTT client. It records every
    /// accepted publish (topic, payload, QoS, retain, returned ID) and lets the test deliver or fail
    /// IDs, drop the connection (keeping its in-flight IDs, like Paho resuming a session, or losing
    /// them, like M2Mqtt's Close), refuse connects and publishes, and run code in the middle of a
    /// Connect. Everything happens on the test's thread, synchronously.
    /// </summary>
    public sealed class FakeMqttTransport : IMqttTransport
    {
        private readonly ArrayList _publishes = new ArrayList();
        private readonly ArrayList _outstanding = new ArrayList();
        private readonly ArrayList _options = new ArrayList();
        private IMqttTransportListener _listener;
        private int _nextId = 1;

        /// <summary>Creates a disconnected transport that accepts connects, with a window of 10.</summary>
        public FakeMqttTransport()
        {
            ConnectResult = MqttConnectResult.Success;
            ForcedPublishResult = MqttPublishResult.Accepted;
            SubscribeResult = MqttSubscribeResult.Subscribed;
            MaxInflight = 10;
            Calls = string.Empty;
            Subscriptions = string.Empty;
        }

        /// <inheritdoc />
        public bool IsConnected { get; private set; }

        /// <inheritdoc />
        public int MaxInflight { get; set; }

        /// <summary>True to act as a copying client (Paho): each accepted payload is copied before Publish returns.</summary>
        public bool CopiesPayload { get; set; }

        /// <summary>What Connect returns; set a failure to refuse connects.</summary>
        public MqttConnectResult ConnectResult { get; set; }

        /// <summary>
        /// QoS 1/2 messages outstanding past which Publish answers InflightFull by itself (as M2Mqtt
        /// does when QoS 0 messages fill its queue); 0 for no such refusal.
        /// </summary>
        public int InflightWindow { get; set; }

        /// <summary>Anything but Accepted makes every Publish return it instead of accepting.</summary>
        public MqttPublishResult ForcedPublishResult { get; set; }

        /// <summary>A broker address every Connect to fails with NetworkError, whatever <see cref="ConnectResult"/> says; null for none.</summary>
        public string UnreachableBroker { get; set; }

        /// <summary>What Subscribe answers while connected (default Subscribed).</summary>
        public MqttSubscribeResult SubscribeResult { get; set; }

        /// <summary>Subscriptions held now: "filter/qos" separated by ';'.</summary>
        public string Subscriptions { get; private set; }

        /// <summary>True to report a QoS 1/2 message delivered from inside Publish, before the ID is returned.</summary>
        public bool DeliverDuringPublish { get; set; }

        /// <summary>
        /// True to forget every outstanding message (OnInflightLost) from inside the next Publish, after
        /// it accepted its message: the client lost its state while the caller was still publishing.
        /// </summary>
        public bool LoseInflightDuringPublish { get; set; }

        /// <summary>ID the next accepted publish gets; set it to imitate a transport that starts numbering again.</summary>
        public int NextMessageId
        {
            get { return _nextId; }
            set { _nextId = value; }
        }

        /// <summary>
        /// True to deliver the oldest outstanding ID from inside a Publish that then returns
        /// InflightFull: the window opens while the publisher still thinks it is full.
        /// </summary>
        public bool DeliverWhileRefusing { get; set; }

        /// <summary>Runs in the middle of every Connect; null for none.</summary>
        public IFakeConnectHook ConnectHook { get; set; }

        /// <summary>Calls in order, each followed by ';': "connect", "disconnect", "publish".</summary>
        public string Calls { get; private set; }

        /// <summary>Connect calls, successful or not.</summary>
        public int ConnectCount { get; private set; }

        /// <summary>Disconnect calls.</summary>
        public int DisconnectCount { get; private set; }

        /// <summary>Publish calls, accepted or not.</summary>
        public int PublishAttempts { get; private set; }

        /// <summary>Accepted publishes.</summary>
        public int PublishCount
        {
            get { return _publishes.Count; }
        }

        /// <summary>QoS 1/2 IDs accepted and neither delivered nor failed yet.</summary>
        public int OutstandingCount
        {
            get { return _outstanding.Count; }
        }

        /// <summary>Options of the last Connect call.</summary>
        public MqttConnectOptions LastOptions
        {
            get { return _options.Count == 0 ? null : (MqttConnectOptions)_options[_options.Count - 1]; }
        }

        /// <summary>The listener the code under test set.</summary>
        public IMqttTransportListener Listener
        {
            get { return _listener; }
        }

        /// <summary>Options of Connect call <paramref name="index"/>.</summary>
        public MqttConnectOptions OptionsAt(int index)
        {
            return (MqttConnectOptions)_options[index];
        }

        /// <summary>Accepted publish <paramref name="index"/>, oldest first.</summary>
        public FakePublish PublishAt(int index)
        {
            return (FakePublish)_publishes[index];
        }

        /// <summary>The newest accepted publish.</summary>
        public FakePublish LastPublish
        {
            get { return PublishAt(_publishes.Count - 1); }
        }

        /// <inheritdoc />
        public void SetListener(IMqttTransportListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public MqttConnectResult Connect(MqttConnectOptions options)
        {
            ConnectCount++;
            Calls += "connect;";
            _options.Add(options);
            if (ConnectHook != null)
            {
                ConnectHook.DuringConnect(this);
            }

            MqttConnectResult result = UnreachableBroker != null && options.Broker == UnreachableBroker ? MqttConnectResult.NetworkError : ConnectResult;
            IsConnected = result == MqttConnectResult.Success;
            return result;
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            DisconnectCount++;
            Calls += "disconnect;";
            IsConnected = false;
        }

        /// <inheritdoc />
        public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
        {
            messageId = 0;
            PublishAttempts++;
            if (!IsConnected)
            {
                return MqttPublishResult.NotConnected;
            }

            if (ForcedPublishResult != MqttPublishResult.Accepted)
            {
                return ForcedPublishResult;
            }

            if (qos > 0 && _outstanding.Count >= MaxInflight)
            {
                // The contract: the session never exceeds the window. Fail loudly if it does.
                throw new System.InvalidOperationException("publish beyond the in-flight window of " + MaxInflight.ToString());
            }

            if (qos > 0 && InflightWindow > 0 && _outstanding.Count >= InflightWindow)
            {
                if (DeliverWhileRefusing)
                {
                    Deliver((int)_outstanding[0]);
                }

                return MqttPublishResult.InflightFull;
            }

            int id = _nextId;
            _nextId = _nextId >= 65535 ? 1 : _nextId + 1;
            Calls += "publish;";
            // A copying transport keeps its own copy, as it promises; the caller may then reuse the array.
            byte[] kept = payload;
            if (CopiesPayload)
            {
                kept = new byte[payload.Length];
                System.Array.Copy(payload, kept, payload.Length);
            }

            _publishes.Add(new FakePublish(topic, payload, kept, qos, retain, qos == 0 ? 0 : id));
            if (qos > 0)
            {
                messageId = id;
                _outstanding.Add(id);
                if (DeliverDuringPublish)
                {
                    Deliver(id);
                }
            }

            if (LoseInflightDuringPublish)
            {
                LoseInflightDuringPublish = false;
                LoseInflight();
            }

            return MqttPublishResult.Accepted;
        }

        /// <inheritdoc />
        public MqttSubscribeResult Subscribe(string topicFilter, int qos)
        {
            Calls += "subscribe " + topicFilter + " " + qos.ToString() + ";";
            if (!IsConnected)
            {
                return MqttSubscribeResult.NotConnected;
            }

            if (SubscribeResult == MqttSubscribeResult.Subscribed)
            {
                RemoveSubscription(topicFilter);
                Subscriptions += topicFilter + "/" + qos.ToString() + ";";
            }

            return SubscribeResult;
        }

        /// <inheritdoc />
        public bool Unsubscribe(string topicFilter)
        {
            Calls += "unsubscribe " + topicFilter + ";";
            RemoveSubscription(topicFilter);
            return IsConnected;
        }

        /// <summary>Delivers a message as the broker would, on the test's thread.</summary>
        public void Receive(string topic, byte[] payload)
        {
            _listener.OnMessage(topic, payload, false);
        }

        /// <summary>Delivers a message the broker kept (RETAIN set), as it does on a subscribe.</summary>
        public void ReceiveRetained(string topic, byte[] payload)
        {
            _listener.OnMessage(topic, payload, true);
        }

        private void RemoveSubscription(string topicFilter)
        {
            string kept = string.Empty;
            string[] entries = Subscriptions.Split(new char[] { ';' });
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Length > 0 && !entries[i].StartsWith(topicFilter + "/"))
                {
                    kept += entries[i] + ";";
                }
            }

            Subscriptions = kept;
        }

        /// <summary>Completes an ID's handshake and reports it delivered.</summary>
        public void Deliver(int messageId)
        {
            _outstanding.Remove(messageId);
            _listener.OnDelivered(messageId);
        }

        /// <summary>Delivers every outstanding ID, oldest first.</summary>
        public void DeliverAll()
        {
            while (_outstanding.Count > 0)
            {
                Deliver((int)_outstanding[0]);
            }
        }

        /// <summary>Gives up on an ID and reports it failed.</summary>
        public void Fail(int messageId)
        {
            _outstanding.Remove(messageId);
            _listener.OnDeliveryFailed(messageId);
        }

        /// <summary>
        /// Loses the session as if the network went away. With <paramref name="loseInFlight"/> the
        /// client forgets every outstanding ID and reports OnInflightLost first (M2Mqtt's Close);
        /// without it they stay outstanding and can still be delivered after a reconnect (Paho
        /// resuming its session).
        /// </summary>
        public void DropConnection(string reason, bool loseInFlight)
        {
            IsConnected = false;
            if (loseInFlight)
            {
                LoseInflight();
            }

            _listener.OnConnectionLost(reason);
        }

        /// <summary>Forgets every outstanding ID and reports OnInflightLost.</summary>
        public void LoseInflight()
        {
            _outstanding.Clear();
            _listener.OnInflightLost();
        }

        /// <summary>Forgets the recorded publishes and calls (outstanding IDs stay).</summary>
        public void ClearRecords()
        {
            _publishes.Clear();
            Calls = string.Empty;
        }
    }
}
