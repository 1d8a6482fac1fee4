using System;
using DeviceFirmware.Composition;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Composition
{
    /// <summary>
    /// The one composition: which parts exist follows from the platform, the boot sequence serves the
    /// stored settings on the UART, a Set over the UART reaches the next telemetry message, the
    /// session waits for the network, and Dispose closes what the device opened.
    /// </summary>
    [TestClass]
    public class DeviceTests
    {
        /// <summary>Set Property 1.2.2.1.2.3 = 01 in a host-to-device SLIP frame (the seed Set with the value changed).</summary>
        private const string SetQos1Frame = "C0 00 0000001A AA00 8104 0155D111 8410 D111 850101 870402020102 8903 C30101 C0";

        /// <summary>The seed Get response, answering 02 (and its SLIP frame).</summary>
        private const string GetQos2ResponseFrame = "C0 02 00000022 AA00 8104 8255D101 8204 00000000 8482 0010 D101 850101 870402020102 8903 C30102 C0";

        [TestMethod]
        public void ADeviceHasOnlyThePartsItsPlatformHands()
        {
            Device bare = new Device(new DevicePlatform(new MemoryFlashStorage(), new FakeClock(0), new RecordingLog()), Options());
            Assert.IsNull(bare.Serial);
            Assert.IsNull(bare.Wlan);
            Assert.IsNull(bare.Mqtt);
            Assert.IsNull(bare.Telemetry);
            Assert.IsNull(bare.Reset);
            Assert.IsNotNull(bare.Handler);

            DevicePlatform full = new DevicePlatform(new MemoryFlashStorage(), new FakeClock(0), new RecordingLog());
            full.SerialPort = new FakeSerialPortOpener(new FakeSerialChannel());
            full.Network = new FakeNetworkLink();
            full.Mqtt = new FakeMqttTransport();
            Device device = new Device(full, Options());
            Assert.IsNotNull(device.Serial);
            Assert.IsNotNull(device.Wlan);
            Assert.IsNotNull(device.Mqtt);
            Assert.IsNotNull(device.Telemetry);
            Assert.AreEqual("b00t", device.BootId);
        }

        [TestMethod]
        public void TheConstructorTouchesNothing()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeSerialPortOpener port = new FakeSerialPortOpener(channel);
            FakeMqttTransport transport = new FakeMqttTransport();
            DevicePlatform platform = new DevicePlatform(flash, new FakeClock(0), new RecordingLog());
            platform.SerialPort = port;
            platform.Mqtt = transport;

            new Device(platform, Options());

            Assert.AreEqual(0, flash.ReadCount);
            Assert.AreEqual(0, port.Opens);
            Assert.AreEqual(string.Empty, transport.Calls);
        }

        [TestMethod]
        public void BootServesTheStoredSettingsOnTheUart()
        {
            // A first boot stores QoS 2; the next boot over the same flash answers with it.
            MemoryFlashStorage flash = new MemoryFlashStorage();
            Device first = new Device(new DevicePlatform(flash, new FakeClock(0), new RecordingLog()), Options());
            first.LoadSettings();
            byte[] set = MmsRequestBuilder.Set(0x55, PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1);
            first.Handler.Handle(set, 0, set.Length);
            first.Dispose();

            FakeSerialChannel channel = new FakeSerialChannel();
            channel.EmptyReadDelayMilliseconds = 5;
            DevicePlatform platform = new DevicePlatform(flash, new FakeClock(0), new RecordingLog());
            platform.SerialPort = new FakeSerialPortOpener(channel);
            Device device = new Device(platform, Options());
            device.Start();
            try
            {
                channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
                Waiting.Until(() => channel.OutputLength >= 41, "the answer on the UART");
                Assert.AreEqual(Hex.Format(Hex.Parse(GetQos2ResponseFrame)), Hex.Format(channel.Output()));
                Assert.ThrowsException(typeof(InvalidOperationException), () => device.Start());
            }
            finally
            {
                device.Dispose();
            }

            Assert.AreEqual(1, channel.Disposals);
            device.Dispose();
            Assert.AreEqual(1, channel.Disposals);
        }

        [TestMethod]
        public void AnUnreadableFlashBootsOnTheDefaultsAndStillAnswers()
        {
            FakeFlashStorage flash = new FakeFlashStorage();
            flash.SetReadFailure(0, true);
            flash.SetReadFailure(1, true);
            FakeSerialChannel channel = new FakeSerialChannel();
            RecordingLog log = new RecordingLog();
            DevicePlatform platform = new DevicePlatform(flash, new FakeClock(0), log);
            platform.SerialPort = new FakeSerialPortOpener(channel);
            Device device = new Device(platform, Options());

            device.LoadSettings();
            channel.Enqueue(Hex.Parse(SeedFrames.GetRequestFrame));
            device.Serial.Poll();

            Assert.AreEqual((int)SettingsLoadSource.Defaults, (int)device.Settings.LoadSource);
            Assert.AreEqual(Hex.Format(Hex.Parse(SeedFrames.GetResponseFrame)), Hex.Format(channel.Output()));
            device.Dispose();
        }

        [TestMethod]
        public void ASetOnTheUartReachesTheNextTelemetryMessage()
        {
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeMqttTransport transport = new FakeMqttTransport();
            FakeClock clock = new FakeClock(0);
            DevicePlatform platform = new DevicePlatform(new MemoryFlashStorage(), clock, new RecordingLog());
            platform.SerialPort = new FakeSerialPortOpener(channel);
            platform.Mqtt = transport;
            Device device = new Device(platform, Options());
            device.LoadSettings();
            device.Mqtt.Poll();
            device.Telemetry.Poll();
            clock.Advance(1000);
            device.Telemetry.Poll();

            channel.Enqueue(Hex.Parse(SetQos1Frame));
            device.Serial.Poll();
            clock.Advance(1000);
            device.Telemetry.Poll();

            // The first publish is the retained "connected" status; then the two telemetry messages.
            Assert.AreEqual(3, transport.PublishCount);
            Assert.AreEqual("connected", transport.PublishAt(0).Text);
            Assert.AreEqual(0, transport.PublishAt(1).Qos);
            Assert.AreEqual(1, transport.PublishAt(2).Qos);
            Assert.AreEqual(1, transport.ConnectCount);
            device.Dispose();
        }

        [TestMethod]
        public void TheSessionWaitsForTheNetworkAndConnectsAsSoonAsItIsUp()
        {
            FakeNetworkLink link = new FakeNetworkLink();
            FakeMqttTransport transport = new FakeMqttTransport();
            RecordingLog log = new RecordingLog();
            DevicePlatform platform = new DevicePlatform(new MemoryFlashStorage(), new FakeClock(0), log);
            platform.Network = link;
            platform.Mqtt = transport;
            Device device = new Device(platform, Options());
            device.LoadSettings();

            device.Mqtt.Poll();
            device.Mqtt.Poll();
            Assert.AreEqual(0, transport.ConnectCount);
            Assert.AreEqual(1, log.CountExactly("mqtt: waiting for the network"));

            // The keeper joins (the store holds no SSID here, so the test brings the link up itself).
            link.IsUp = true;
            device.Mqtt.Poll();
            Assert.AreEqual(1, transport.ConnectCount);
            Assert.IsTrue(device.Mqtt.IsConnected);
            device.Dispose();
        }

        [TestMethod]
        public void DisposeDetachesFromThePlatformsParts()
        {
            FakeMqttTransport transport = new FakeMqttTransport();
            DevicePlatform platform = new DevicePlatform(new MemoryFlashStorage(), new FakeClock(0), new RecordingLog());
            platform.Mqtt = transport;
            Device device = new Device(platform, Options());
            device.LoadSettings();
            device.Mqtt.Poll();
            Assert.IsNotNull(transport.Listener);

            device.Dispose();

            Assert.IsNull(transport.Listener);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual((int)ConnectionState.Stopped, (int)device.Mqtt.State);
        }

        [TestMethod]
        public void ResetDeviceOnTheUartAnswersThenRestarts()
        {
            // Table 154 in a SLIP frame: the answer (Table 155) is on the UART before the reboot, which
            // comes 200 ms later from the device's reset one-shot.
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeClock clock = new FakeClock(0);
            FakeReboot reboot = new FakeReboot(clock);
            DevicePlatform platform = new DevicePlatform(new MemoryFlashStorage(), clock, new RecordingLog());
            platform.SerialPort = new FakeSerialPortOpener(channel);
            platform.Reboot = reboot;
            Device device = new Device(platform, Options());
            device.LoadSettings();

            channel.Enqueue(Hex.Parse("C0000000000CAA00810401121F0184021F01C0"));
            device.Serial.Poll();
            string answer = Hex.Format(channel.Output());
            int rebootsAfterAnswer = reboot.Reboots;
            device.Reset.Poll();
            clock.Advance(200);
            device.Reset.Poll();

            Assert.AreEqual("C0020000000EAA00810482121F01820400000000C0", answer);
            Assert.AreEqual(0, rebootsAfterAnswer);
            Assert.AreEqual(1, reboot.Reboots);
            Assert.AreEqual(200L, reboot.LastRebootAt);
            device.Dispose();
        }

        [TestMethod]
        public void EachPartRunsOnWhatThePlatformsWorkerFactoryGives_AndStopsInReverseOrder()
        {
            FakeClock clock = new FakeClock(0);
            RecordingWorkers workers = new RecordingWorkers();
            DevicePlatform platform = new DevicePlatform(new MemoryFlashStorage(), clock, new RecordingLog());
            platform.SerialPort = new FakeSerialPortOpener(new FakeSerialChannel());
            platform.Network = new FakeNetworkLink();
            platform.Mqtt = new FakeMqttTransport();
            platform.Reboot = new FakeReboot(clock);
            platform.Workers = workers;
            Device device = new Device(platform, Options());

            device.Start();
            string started = "serial blocking,WiFi blocking,mqtt blocking,telemetry free,reset free,start serial,start WiFi,start mqtt,start telemetry,start reset,";
            Assert.AreEqual(started, workers.Events);

            device.Dispose();
            Assert.AreEqual(started + "stop reset,stop telemetry,stop mqtt,stop WiFi,stop serial,", workers.Events);
        }

        private static DeviceOptions Options()
        {
            DeviceOptions options = new DeviceOptions(SettingsDefaults.ForSimulator("dev01"));
            options.Telemetry.BootId = "b00t";
            options.Telemetry.IntervalMilliseconds = 1000;
            options.Mqtt.BackoffJitterPercent = 0;
            options.StopTimeoutMilliseconds = 5000;
            return options;
        }

        /// <summary>A worker factory that records what the device asks of it; its workers never poll.</summary>
        private sealed class RecordingWorkers : IWorkerFactory
        {
            private readonly object _sync = new object();
            private string _events = string.Empty;

            public string Events
            {
                get
                {
                    lock (_sync)
                    {
                        return _events;
                    }
                }
            }

            public IWorker Create(string name, IPollable work, bool mayBlock)
            {
                Record(name + (mayBlock ? " blocking" : " free"));
                return new RecordingWorker(this, name);
            }

            public void Record(string text)
            {
                lock (_sync)
                {
                    _events = _events + text + ",";
                }
            }
        }

        private sealed class RecordingWorker : IWorker
        {
            private readonly RecordingWorkers _owner;
            private readonly string _name;

            public RecordingWorker(RecordingWorkers owner, string name)
            {
                _owner = owner;
                _name = name;
            }

            public void Start()
            {
                _owner.Record("start " + _name);
            }

            public bool Stop(int waitMilliseconds)
            {
                _owner.Record("stop " + _name);
                return true;
            }
        }
    }
}
