using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>
    /// A complete telemetry service over fakes: simulator settings (broker 127.0.0.1:1883, device
    /// sim01), a fake transport, a fake clock at 0, one sensor, a 1 s interval, an outbox of 8
    /// messages / 4 KB and a jitter-free backoff of 1 s doubling to 8 s. Tests drive it with
    /// <see cref="TelemetryService.Poll"/>.
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

        public FakeClock Clock;
        public FakeMqttTransport Transport;
        public SettingsStore Settings;
        public CapturingLog Log;
        public FakeSensor Sensor;
        public TelemetryService Service;

        /// <summary>Creates a rig whose QoS property holds <paramref name="qos"/>; nothing is polled yet.</summary>
        public static TelemetryRig Create(int qos)
        {
            return Create(qos, NewOptions());
        }

        /// <summary>Creates a rig with the given options.</summary>
        public static TelemetryRig Create(int qos, TelemetryOptions options)
        {
            TelemetryRig rig = new TelemetryRig();
            rig.Clock = new FakeClock(0);
            rig.Transport = new FakeMqttTransport();
            rig.Settings = NewStore(SettingsDefaults.ForSimulator(DeviceId));
            rig.Log = new CapturingLog();
            rig.Sensor = new FakeSensor("temp_c", 1, 215);
            if (qos != 0)
            {
                SetNumber(rig.Settings, PropertyIndex.MqttQos, qos);
            }

            rig.Service = new TelemetryService(rig.Transport, rig.Settings, new ISensor[] { rig.Sensor }, rig.Clock, rig.Log, null, options);
            return rig;
        }

        /// <summary>The rig's default options: 1 s interval, 8 messages / 4 KB, backoff 1 s to 8 s without jitter.</summary>
        public static TelemetryOptions NewOptions()
        {
            TelemetryOptions options = new TelemetryOptions();
            options.BootId = "b00t";
            options.IntervalMilliseconds = IntervalMs;
            options.OutboxMaxMessages = OutboxMessages;
            options.OutboxMaxBytes = OutboxBytes;
            options.BackoffInitialMs = BackoffInitialMs;
            options.BackoffMaxMs = BackoffMaxMs;
            options.BackoffJitterPercent = 0;
            options.StopTimeoutMs = 5000;
            return options;
        }

        /// <summary>A loaded store over RAM flash.</summary>
        public static SettingsStore NewStore(SettingsDefaults defaults)
        {
            SettingsStore store = new SettingsStore(new MemoryFlashStorage(), defaults, NullLog.Instance);
            store.Load();
            return store;
        }

        /// <summary>Applies a numeric property through the store, as a Set request would.</summary>
        public static void SetNumber(SettingsStore store, int index, int value)
        {
            SettingsChange change = new SettingsChange();
            AddNumber(change, index, value);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(change));
        }

        /// <summary>Applies a text property through the store, as a Set request would.</summary>
        public static void SetText(SettingsStore store, int index, string text)
        {
            SettingsChange change = new SettingsChange();
            AddText(change, index, text);
            Assert.AreEqual((int)SettingsApplyResult.Written, (int)store.Apply(change));
        }

        /// <summary>Adds a numeric value to a change, encoded as the property's wire type.</summary>
        public static void AddNumber(SettingsChange change, int index, int value)
        {
            byte[] bytes;
            if (PropertyTable.Get(index).Kind == PropertyKind.UInt16)
            {
                bytes = new byte[] { (byte)(value >> 8), (byte)(value & 0xFF) };
            }
            else
            {
                bytes = new byte[] { (byte)value };
            }

            Assert.IsTrue(change.Add(index, bytes, 0, bytes.Length));
        }

        /// <summary>Adds a text value to a change.</summary>
        public static void AddText(SettingsChange change, int index, string text)
        {
            byte[] bytes = Ascii(text);
            Assert.IsTrue(change.Add(index, bytes, 0, bytes.Length));
        }

        /// <summary>ASCII bytes of a string.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
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

        /// <summary>"seq/qos" of every accepted publish, comma-separated: "1/1,2/2".</summary>
        public string Published()
        {
            string text = string.Empty;
            for (int i = 0; i < Transport.PublishCount; i++)
            {
                FakePublish p = Transport.PublishAt(i);
                text += (i == 0 ? string.Empty : ",") + SeqOf(p).ToString() + "/" + p.Qos.ToString();
            }

            return text;
        }

        /// <summary>Advances the clock and polls once.</summary>
        public void Step(long ms)
        {
            Clock.Advance(ms);
            Service.Poll();
        }

        /// <summary>Polls at t=0 (connects, if it can) and one interval later (produces message 1).</summary>
        public void Begin()
        {
            Service.Poll();
            Step(IntervalMs);
        }
    }
}
