using DeviceFirmware.Composition;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// The composed <see cref="Device"/> over fakes, with its telemetry and MQTT session driven by
    /// hand: simulator settings (broker 127.0.0.1:1883, device sim01), a fake transport, a fake clock
    /// at 0, one sensor, a 1 s interval, an outbox of 8 messages / 4 KB and a jitter-free backoff of
    /// 1 s doubling to 8 s. <see cref="Poll"/> is one step of the session's worker and then one of the
    /// telemetry worker, on the test's thread; <see cref="Device.Start"/> runs them on threads instead.
    /// </summary>
    internal sealed class TelemetryRig
    {
        public const string DeviceId = "sim01";
        public const string Topic = "DeviceFirmware/Server/sim01/Telemetry";
        public const string ClientId = "DeviceFirmware-sim01";
        public const int IntervalMs = 1000;
        public const int BackoffInitialMs = 1000;
        public const int BackoffMaxMs = 8000;
        public const int OutboxMessages = 8;
        public const int OutboxBytes = 4096;
        public const int TrialMs = 30000;

        public FakeClock Clock;
        public FakeMqttTransport Transport;
        public SettingsStore Settings;
        public RecordingLog Log;
        public FakeSensor Sensor;
        public Device Device;

        /// <summary>The device's MQTT session.</summary>
        public MqttSession Session
        {
            get { return Device.Mqtt; }
        }

        /// <summary>The device's telemetry loop.</summary>
        public TelemetryPublisher Publisher
        {
            get { return Device.Telemetry; }
        }

        /// <summary>Creates a rig whose QoS property holds <paramref name="qos"/>; nothing is polled yet.</summary>
        public static TelemetryRig Create(int qos)
        {
            return Create(qos, new FakeMqttTransport());
        }

        /// <summary>Creates a rig over the given transport (to set its window or payload copying first).</summary>
        public static TelemetryRig Create(int qos, FakeMqttTransport transport)
        {
            return Create(qos, transport, NewOptions());
        }

        /// <summary>Creates a rig with the given options.</summary>
        public static TelemetryRig Create(int qos, FakeMqttTransport transport, DeviceOptions options)
        {
            return Create(qos, transport, options, new MemoryFlashStorage(3, 1024));
        }

        /// <summary>Creates a rig over the given flash (three slots, as on the board: the third keeps a connection trial's fallback).</summary>
        public static TelemetryRig Create(int qos, FakeMqttTransport transport, DeviceOptions options, IFlashStorage flash)
        {
            TelemetryRig rig = new TelemetryRig();
            rig.Clock = new FakeClock(0);
            rig.Transport = transport;
            rig.Log = new RecordingLog();
            rig.Sensor = new FakeSensor("temp_c", 1, 215);
            DevicePlatform platform = new DevicePlatform(flash, rig.Clock, rig.Log);
            platform.Mqtt = transport;
            platform.Sensors = new ISensor[] { rig.Sensor };
            rig.Device = new Device(platform, options);
            rig.Device.LoadSettings();
            rig.Settings = rig.Device.Settings;
            if (qos != 0)
            {
                SettingsFixtures.SetNumber(rig.Settings, PropertyIndex.MqttQos, qos);
            }

            return rig;
        }

        /// <summary>The rig's default options: 1 s interval, 8 messages / 4 KB, backoff 1 s to 8 s without jitter.</summary>
        public static DeviceOptions NewOptions()
        {
            DeviceOptions options = new DeviceOptions(SettingsDefaults.ForSimulator(DeviceId));
            options.Telemetry.BootId = "b00t";
            options.Telemetry.IntervalMilliseconds = IntervalMs;
            options.Mqtt.OutboxMaxMessages = OutboxMessages;
            options.Mqtt.OutboxMaxBytes = OutboxBytes;
            options.Mqtt.BackoffInitialMs = BackoffInitialMs;
            options.Mqtt.BackoffMaxMs = BackoffMaxMs;
            options.Mqtt.BackoffJitterPercent = 0;
            options.StopTimeoutMilliseconds = 5000;
            options.ConnectionTrialMilliseconds = TrialMs;
            return options;
        }

        /// <summary>One step of each worker, on the test's thread: the session (connect, send what waits), then telemetry.</summary>
        public void Poll()
        {
            Session.Poll();
            Publisher.Poll();
        }

        /// <summary>Counter snapshot of the session.</summary>
        public OutboxCounters Counters
        {
            get { return Session.Counters; }
        }

        /// <summary>The sequence number in a payload (the digits after <c>{"seq":</c>).</summary>
        public static long SeqOf(FakePublish publish)
        {
            byte[] p = publish.Payload;
            long value = 0;
            for (int i = 7; i < p.Length && p[i] >= (byte)'0' && p[i] <= (byte)'9'; i++)
            {
                value = (value * 10) + (p[i] - (byte)'0');
            }

            return value;
        }

        /// <summary>"seq/qos" of every accepted telemetry publish, comma-separated: "1/1,2/2".</summary>
        public string Published()
        {
            string text = string.Empty;
            for (int i = 0; i < TelemetryCount; i++)
            {
                FakePublish p = TelemetryAt(i);
                text += (i == 0 ? string.Empty : ",") + SeqOf(p).ToString() + "/" + p.Qos.ToString();
            }

            return text;
        }

        /// <summary>Accepted publishes of telemetry (the session also publishes status and MMS answers).</summary>
        public int TelemetryCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < Transport.PublishCount; i++)
                {
                    if (IsTelemetry(Transport.PublishAt(i)))
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>Accepted telemetry publish <paramref name="index"/>, oldest first.</summary>
        public FakePublish TelemetryAt(int index)
        {
            for (int i = 0; i < Transport.PublishCount; i++)
            {
                FakePublish p = Transport.PublishAt(i);
                if (IsTelemetry(p) && index-- == 0)
                {
                    return p;
                }
            }

            throw new System.ArgumentOutOfRangeException("index");
        }

        /// <summary>True for a publish on a telemetry topic.</summary>
        public static bool IsTelemetry(FakePublish publish)
        {
            return publish.Topic.EndsWith(DeviceTopics.TelemetrySuffix);
        }

        /// <summary>Advances the clock and polls once.</summary>
        public void Step(long ms)
        {
            Clock.Advance(ms);
            Poll();
        }

        /// <summary>Polls at t=0 (connects, if it can) and one interval later (produces message 1).</summary>
        public void Begin()
        {
            Poll();
            Step(IntervalMs);
        }

        /// <summary>
        /// Produces <paramref name="count"/> messages, one interval apart on the fake clock: each a
        /// scheduled message through the whole pipeline.
        /// </summary>
        public void Produce(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Step(IntervalMs);
            }
        }
    }
}
