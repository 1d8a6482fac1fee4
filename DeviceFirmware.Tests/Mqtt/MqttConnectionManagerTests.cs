using DeviceFirmware.Settings;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Tests.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Mqtt
{
    /// <summary>
    /// Keeping the session: options from the properties, TLS on 8883, idle without a broker,
    /// backoff after failures and losses, clean reconnect after a connection-property change.
    /// </summary>
    [TestClass]
    public class MqttConnectionManagerTests
    {
        private const string Endpoint = "127.0.0.1:1883 as DeviceFirmware-sim01";

        private static FakeClock _clock;
        private static FakeMqttTransport _transport;
        private static SettingsStore _settings;
        private static RecordingLog _log;
        private static MqttConnectionManager _manager;
        private static StateRecorder _states;

        [TestMethod]
        public void ConnectsWithTheOptionsInTheProperties()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "broker.example");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 1884);
            SettingsFixtures.AddText(change, PropertyIndex.MqttClientId, "dev-7");
            SettingsFixtures.AddText(change, PropertyIndex.MqttUsername, "user");
            SettingsFixtures.AddText(change, PropertyIndex.MqttPassword, "secret");
            SettingsFixtures.AddText(change, PropertyIndex.MqttPeerName, "peer.example");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttKeepAlive, 30);
            _settings.Apply(change);

            _manager.Poll();

            MqttConnectOptions o = _transport.LastOptions;
            Assert.AreEqual("broker.example", o.Broker);
            Assert.AreEqual(1884, o.Port);
            Assert.IsFalse(o.UseTls);
            Assert.AreEqual("dev-7", o.ClientId);
            Assert.AreEqual("user", o.Username);
            Assert.AreEqual("secret", o.Password);
            Assert.AreEqual("peer.example", o.PeerName);
            Assert.AreEqual(30, o.KeepAliveSeconds);
            Assert.IsFalse(o.CleanSession);
            Assert.AreEqual((int)ConnectionState.Connected, (int)_manager.State);
            Assert.AreEqual(1, _states.Connected);
            Assert.AreEqual(1, _log.CountExactly("mqtt: connected to broker.example:1884 as dev-7"));
            Assert.IsTrue(_log.Dump().IndexOf("secret") < 0, "the password is never logged");
        }

        [TestMethod]
        public void Port8883MeansTls()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            SettingsFixtures.SetNumber(_settings, PropertyIndex.MqttPort, MqttConnectOptions.TlsPort);

            _manager.Poll();

            Assert.IsTrue(_transport.LastOptions.UseTls);
            Assert.AreEqual(8883, _transport.LastOptions.Port);
            Assert.AreEqual(1, _log.CountExactly("mqtt: connected to 127.0.0.1:8883 as DeviceFirmware-sim01 (TLS)"));
        }

        [TestMethod]
        public void EmptyBrokerStaysIdleAndLogsItOnce()
        {
            Arrange(SettingsDefaults.ForDevice("board1"));

            for (int i = 0; i < 5; i++)
            {
                _manager.Poll();
                _clock.Advance(10000);
            }

            Assert.AreEqual(0, _transport.ConnectCount);
            Assert.AreEqual((int)ConnectionState.NotConfigured, (int)_manager.State);
            Assert.AreEqual(1, _log.CountExactly("mqtt: no broker configured (1.2.2.1.2.1 is empty), idle"));
            Assert.AreEqual(1, _log.Count);

            // Configuring a broker is a connection-property change: it connects at the next poll.
            SettingsFixtures.SetText(_settings, PropertyIndex.MqttBroker, "10.0.0.5");
            _manager.Poll();
            Assert.AreEqual(1, _transport.ConnectCount);
            Assert.AreEqual(1, _log.CountExactly("mqtt: connected to 10.0.0.5:1883 as DeviceFirmware-board1"));
        }

        [TestMethod]
        public void FailedConnectsBackOffExponentiallyUpToTheCap()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _transport.ConnectResult = MqttConnectResult.NetworkError;

            // Attempts are due at 0, 1000, 3000, 7000, 15000, then every 8000 (the cap).
            long[] due = new long[] { 0, 1000, 3000, 7000, 15000, 23000, 31000 };
            for (int i = 0; i < due.Length; i++)
            {
                if (due[i] > 0)
                {
                    _clock.Advance(due[i] - 1 - _clock.UptimeMilliseconds);
                    _manager.Poll();
                    Assert.AreEqual(i, _transport.ConnectCount, "not yet at " + _clock.UptimeMilliseconds.ToString());
                    _clock.Advance(1);
                }

                _manager.Poll();
                Assert.AreEqual(i + 1, _transport.ConnectCount, "attempt at " + due[i].ToString());
            }

            Assert.AreEqual(1, _log.CountExactly("mqtt: connect to " + Endpoint + " failed: network error; retry in 1000 ms"));
            Assert.AreEqual(1, _log.CountExactly("mqtt: connect to " + Endpoint + " failed: network error; retry in 4000 ms"));
            Assert.AreEqual(4, _log.CountExactly("mqtt: connect to " + Endpoint + " failed: network error; retry in 8000 ms"));
            Assert.AreEqual(0, _states.Connected);
        }

        [TestMethod]
        public void LostConnectionReconnectsAfterTheBackoffDelay()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _manager.Poll();
            _clock.Advance(5000);

            _transport.DropConnection("socket closed", false);

            Assert.AreEqual((int)ConnectionState.Disconnected, (int)_manager.State);
            Assert.AreEqual(1, _states.Disconnected);
            Assert.AreEqual(1, _log.CountExactly("mqtt: connection lost (socket closed); retry in 1000 ms"));
            _manager.Poll();
            _clock.Advance(999);
            _manager.Poll();
            Assert.AreEqual(1, _transport.ConnectCount);

            _clock.Advance(1);
            _manager.Poll();
            Assert.AreEqual(2, _transport.ConnectCount);
            Assert.AreEqual((int)ConnectionState.Connected, (int)_manager.State);
            Assert.AreEqual(2, _states.Connected);
        }

        [TestMethod]
        public void SuccessResetsTheBackoff()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _transport.ConnectResult = MqttConnectResult.RefusedServerUnavailable;
            _manager.Poll();
            _clock.Advance(1000);
            _manager.Poll();
            _clock.Advance(2000);
            _transport.ConnectResult = MqttConnectResult.Success;
            _manager.Poll();
            Assert.AreEqual(3, _transport.ConnectCount);
            Assert.AreEqual(1, _log.CountExactly("mqtt: connect to " + Endpoint + " failed: refused: server unavailable; retry in 2000 ms"));

            _transport.DropConnection("broker restart", false);

            // Back to the initial delay, not the 4000 ms the failures had reached.
            Assert.AreEqual(_clock.UptimeMilliseconds + 1000, _manager.NextAttemptAt);
        }

        [TestMethod]
        public void ConnectionPropertyChangeCausesACleanReconnectWithTheNewOptions()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _manager.Poll();
            SettingsChange change = new SettingsChange();
            SettingsFixtures.AddText(change, PropertyIndex.MqttBroker, "10.0.0.2");
            SettingsFixtures.AddNumber(change, PropertyIndex.MqttPort, 1884);
            _settings.Apply(change);
            Assert.AreEqual("connect;", _transport.Calls, "the change only takes effect at the next poll");

            _manager.Poll();

            Assert.AreEqual("connect;disconnect;connect;", _transport.Calls);
            Assert.AreEqual("10.0.0.2", _transport.LastOptions.Broker);
            Assert.AreEqual(1884, _transport.LastOptions.Port);
            Assert.AreEqual(1, _log.CountExactly("mqtt: disconnected from " + Endpoint + " (settings changed)"));
            Assert.AreEqual(1, _log.CountExactly("mqtt: connected to 10.0.0.2:1884 as DeviceFirmware-sim01"));
            Assert.AreEqual(1, _states.Disconnected);
            Assert.AreEqual(2, _states.Connected);
        }

        [TestMethod]
        public void QosChangeNeedsNoReconnectButATopicChangeDoes()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _manager.Poll();

            // QoS belongs to each message.
            SettingsFixtures.SetNumber(_settings, PropertyIndex.MqttQos, 2);
            _manager.Poll();
            Assert.AreEqual("connect;", _transport.Calls);

            // The topics carry the subscription and the Last Will, which belong to the session.
            SettingsFixtures.SetText(_settings, PropertyIndex.MqttPublishTopic, "plant/line1");
            _manager.Poll();
            Assert.AreEqual("connect;disconnect;connect;", _transport.Calls);
            Assert.AreEqual("plant/line1/Status", _transport.LastOptions.WillTopic);

            SettingsFixtures.SetText(_settings, PropertyIndex.MqttSubscribeTopic, "plant/in");
            _manager.Poll();
            Assert.AreEqual("connect;disconnect;connect;disconnect;connect;", _transport.Calls);
        }

        [TestMethod]
        public void EveryConnectCarriesTheRetainedDisconnectedWillOnTheStatusTopic()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _manager.Poll();

            MqttConnectOptions options = _transport.LastOptions;
            Assert.AreEqual("DeviceFirmware/Server/sim01/Status", options.WillTopic);
            Assert.AreEqual("disconnected", options.WillMessage);
            Assert.IsTrue(options.WillRetain);
            Assert.AreEqual(0, options.WillQos);
        }

        [TestMethod]
        public void ChangeWhileWaitingForTheBackoffConnectsAtOnce()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _transport.ConnectResult = MqttConnectResult.NetworkError;
            _manager.Poll();
            _clock.Advance(1000);
            _manager.Poll();
            Assert.AreEqual(3000, _manager.NextAttemptAt);

            _transport.ConnectResult = MqttConnectResult.Success;
            SettingsFixtures.SetText(_settings, PropertyIndex.MqttBroker, "10.0.0.9");
            _manager.Poll();

            Assert.AreEqual("connect;connect;connect;", _transport.Calls);
            Assert.AreEqual("10.0.0.9", _transport.LastOptions.Broker);
            Assert.IsTrue(_manager.IsConnected);
        }

        [TestMethod]
        public void ChangeDuringAConnectIsFollowedByAReconnectWithTheNewOptions()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            ChangeBrokerHook hook = new ChangeBrokerHook();
            hook.Settings = _settings;
            hook.Broker = "10.0.0.3";
            _transport.ConnectHook = hook;

            _manager.Poll();

            // The session opened with the old options is closed at once, and nobody was told it was up.
            Assert.AreEqual("connect;disconnect;", _transport.Calls);
            Assert.AreEqual(0, _states.Connected);
            _transport.ConnectHook = null;
            _manager.Poll();
            Assert.AreEqual("connect;disconnect;connect;", _transport.Calls);
            Assert.AreEqual("10.0.0.3", _transport.LastOptions.Broker);
            Assert.IsTrue(_manager.IsConnected);
        }

        [TestMethod]
        public void ShutdownDisconnectsAndRestartConnectsAgain()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _manager.Poll();

            _manager.Shutdown();
            _manager.Poll();

            Assert.AreEqual("connect;disconnect;", _transport.Calls);
            Assert.AreEqual((int)ConnectionState.Stopped, (int)_manager.State);
            Assert.AreEqual(1, _log.CountExactly("mqtt: disconnected from " + Endpoint + " (stopped)"));

            _manager.Restart();
            _manager.Poll();
            Assert.AreEqual("connect;disconnect;connect;", _transport.Calls);
        }

        [TestMethod]
        public void LossReportedDuringConnectIsNotMistakenForASession()
        {
            Arrange(SettingsDefaults.ForSimulator("sim01"));
            _transport.ConnectHook = new LoseDuringConnectHook();

            _manager.Poll();

            // Whatever Connect opened is closed, and the next attempt waits for the backoff.
            Assert.AreEqual("connect;disconnect;", _transport.Calls);
            Assert.AreEqual((int)ConnectionState.Disconnected, (int)_manager.State);
            Assert.AreEqual(0, _states.Connected);
            Assert.AreEqual(1000, _manager.NextAttemptAt);
        }

        private static void Arrange(SettingsDefaults defaults)
        {
            _clock = new FakeClock(0);
            _transport = new FakeMqttTransport();
            _settings = SettingsFixtures.NewStore(defaults);
            _log = new RecordingLog();
            _manager = new MqttConnectionManager(_transport, null, _settings, new ReconnectBackoff(1000, 8000, 0, null), _clock, _log, false);
            _states = new StateRecorder(_manager);
            _manager.SetStateListener(_states);
            _transport.SetListener(_states);
            _settings.AddListener(_manager);
        }

        /// <summary>Counts state changes and routes the transport's connection loss to the manager.</summary>
        private sealed class StateRecorder : IMqttSessionListener, IMqttTransportListener
        {
            private readonly MqttConnectionManager _manager;

            public StateRecorder(MqttConnectionManager manager)
            {
                _manager = manager;
            }

            public int Connected { get; private set; }

            public int Disconnected { get; private set; }

            public void OnConnected()
            {
                Connected++;
            }

            public void OnDisconnected()
            {
                Disconnected++;
            }

            public void OnDelivered(int messageId)
            {
            }

            public void OnDeliveryFailed(int messageId)
            {
            }

            public void OnMessage(string topic, byte[] payload, bool retained)
            {
            }

            public void OnInflightLost()
            {
            }

            public void OnConnectionLost(string reason)
            {
                _manager.OnConnectionLost(reason);
            }
        }

        /// <summary>Sets a new broker address while Connect is blocked.</summary>
        private sealed class ChangeBrokerHook : IFakeConnectHook
        {
            public SettingsStore Settings;
            public string Broker;

            public void DuringConnect(FakeMqttTransport transport)
            {
                SettingsFixtures.SetText(Settings, PropertyIndex.MqttBroker, Broker);
            }
        }

        /// <summary>Reports the connection lost before Connect has returned success.</summary>
        private sealed class LoseDuringConnectHook : IFakeConnectHook
        {
            public void DuringConnect(FakeMqttTransport transport)
            {
                transport.Listener.OnConnectionLost("reset by peer");
            }
        }
    }
}
