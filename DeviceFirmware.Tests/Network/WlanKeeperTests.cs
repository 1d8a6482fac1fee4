using DeviceFirmware.Network;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Network
{
    /// <summary>
    /// The WLAN keeper: joins with the WLAN properties, backs off after failed joins, checks the
    /// address now and then, leaves and rejoins when the SSID or password changes, idles without an SSID.
    /// </summary>
    [TestClass]
    public class WlanKeeperTests
    {
        private static FakeNetworkLink _link;
        private static FakeClock _clock;
        private static SettingsStore _settings;
        private static RecordingLog _log;
        private static WlanKeeper _keeper;

        [TestMethod]
        public void WithoutAnSsidItSaysSoOnceAndNeverJoins()
        {
            Arrange(string.Empty, string.Empty);

            _keeper.Poll();
            _clock.Advance(WlanKeeper.MaxRetryMilliseconds);
            _keeper.Poll();

            Assert.AreEqual(string.Empty, _link.Calls);
            Assert.AreEqual(1, _log.CountExactly("WiFi: no SSID configured"));
        }

        [TestMethod]
        public void JoinsWithTheStoredCredentials()
        {
            Arrange("plant", "secret123");

            Assert.AreEqual(WlanKeeper.HealthCheckMilliseconds, _keeper.Poll());

            Assert.AreEqual("join plant/secret123;", _link.Calls);
            Assert.AreEqual(1, _log.CountExactly("WiFi: connecting to \"plant\""));
            Assert.AreEqual(1, _log.CountExactly("WiFi: connected, address 192.0.2.10"));
        }

        [TestMethod]
        public void FailedJoinsBackOffFromTwoSecondsDoublingToAMinute()
        {
            Arrange("plant", "secret123");
            _link.JoinSucceeds = false;

            int[] expected = { 2000, 4000, 8000, 16000, 32000, 60000, 60000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], _keeper.Poll());

                // Nothing happens before the delay is over.
                _clock.Advance(expected[i] - 1);
                Assert.AreEqual(1, _keeper.Poll());
                _clock.Advance(1);
            }

            Assert.AreEqual(1, _log.CountExactly("WiFi: connect failed, status 7 (no access point), retry in 2 s"));
            Assert.AreEqual(2, _log.CountExactly("WiFi: connect failed, status 7 (no access point), retry in 60 s"));

            _link.JoinSucceeds = true;
            Assert.AreEqual(WlanKeeper.HealthCheckMilliseconds, _keeper.Poll());
        }

        [TestMethod]
        public void ALostAddressIsNoticedAtTheNextHealthCheckAndRejoined()
        {
            Arrange("plant", "secret123");
            _keeper.Poll();
            _link.IsUp = false;

            _clock.Advance(WlanKeeper.HealthCheckMilliseconds - 1);
            _keeper.Poll();
            Assert.AreEqual("join plant/secret123;", _link.Calls);

            _clock.Advance(1);
            _keeper.Poll();
            Assert.AreEqual("join plant/secret123;join plant/secret123;", _link.Calls);
        }

        [TestMethod]
        public void ANewPasswordLeavesAndRejoinsAtOnce()
        {
            Arrange("plant", "secret123");
            _keeper.Poll();

            SettingsFixtures.SetText(_settings, PropertyIndex.WlanPassword, "another-one");
            _keeper.Poll();

            Assert.AreEqual("join plant/secret123;leave;join plant/another-one;", _link.Calls);
            Assert.AreEqual(1, _log.CountExactly("WiFi: settings changed, disconnecting"));
        }

        [TestMethod]
        public void OtherSettingsDoNotDisturbTheLink()
        {
            Arrange("plant", "secret123");
            _keeper.Poll();

            SettingsFixtures.SetNumber(_settings, PropertyIndex.MqttQos, 2);
            _keeper.Poll();

            Assert.AreEqual("join plant/secret123;", _link.Calls);
        }

        private static void Arrange(string ssid, string password)
        {
            _link = new FakeNetworkLink();
            _clock = new FakeClock(0);
            _log = new RecordingLog();
            _settings = SettingsFixtures.NewStore(SettingsDefaults.ForDevice("esp01"));
            if (ssid.Length > 0)
            {
                SettingsChange change = new SettingsChange();
                SettingsFixtures.AddText(change, PropertyIndex.WlanSsid, ssid);
                SettingsFixtures.AddText(change, PropertyIndex.WlanPassword, password);
                _settings.Apply(change);
            }

            _keeper = new WlanKeeper(_link, _settings, _clock, _log);
            _settings.AddListener(_keeper);
        }
    }
}
