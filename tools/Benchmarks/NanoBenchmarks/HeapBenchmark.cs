// Heap benchmark: the managed heap each part of the composed core keeps, measured on the nanoCLR with
// nanoFramework.Runtime.Native.GC.Run(false) (free bytes after a collection; the compacting
// GC.Run(true) crashes the lab's nanoCLR). A program, not a test; run it with
//
//   bash tools/Benchmarks/NanoBenchmarks/run.sh heap [--lab /tmp/nanoclr]
//
// The parts are composed in the order and the way Composition/Device composes them, on the board's
// defaults, with platform fakes made before the first figure (the platform's parts are not the
// core's): RAM flash, a RAM serial channel, an MQTT client that never connects, and no sensors, so
// that the figures are the core's alone; compiled with BOARD_SENSORS (run.sh does that too), the
// board's three sensors add their readings to every payload. Then a Set of QoS 1 arrives over the
// serial link, and telemetry runs offline until the
// outbox is full at its default bounds (and past them: it stays full, dropping the oldest). Last,
// the largest answer a Get can produce, every property (85 01, empty 89), is held. Compiled with
// DEVICE_CHECK (run.sh does both), it composes one whole Device instead and fills it the same way, as a
// check on the sum.

using System;
using DeviceFirmware.Composition;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace DeviceFirmware.Benchmarks
{
    public static class HeapBenchmark
    {
        private const string DeviceId = "a0b1c2d3e4f5";
        private const string BootId = "7f3c9a2e";

        // Static roots keep every part alive between the measurements.
        private static SettingsStore s_settings;
        private static MmsRequestHandler s_handler;
        private static SerialLink s_serial;
        private static MqttSession s_mqtt;
        private static TelemetryPublisher s_telemetry;
        private static ConnectionTrial s_trial;
        private static MmsMqttService s_mmsOverMqtt;
        private static byte[] s_largestAnswer;
        private static Device s_device;

        private static uint s_free;
        private static uint s_baseline;

        public static void Main()
        {
            // Platform parts and request frames first: they are not the core's. (The core's static
            // tables are built when the nanoCLR loads the assembly, before Main: in no figure here.)
            MemoryFlashStorage flash = new MemoryFlashStorage();
            BenchClock clock = new BenchClock();
            ILog log = NullLog.Instance;
            RamPortOpener port = new RamPortOpener();
            OfflineTransport transport = new OfflineTransport();
#if BOARD_SENSORS
            ISensor[] sensors = FixedSensor.Board();
            const string Sensors = ", the board's 3 sensors";
#else
            ISensor[] sensors = null;
            const string Sensors = ", no sensors";
#endif
            Random random = new Random(1);
            byte[] setQos1 = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, MmsRequestBuilder.Set(0x01, PropertyIndex.MqttQos, new byte[] { 1 }, 0, 1));
            byte[] getEverything = MmsRequestBuilder.GetBranch(0x02, new byte[] { PropertyTable.DeviceSettingsType }, 1);
            NativeGC.Run(false);
            s_free = NativeGC.Run(false);
            s_baseline = s_free;
#if DEVICE_CHECK
            DevicePlatform platform = new DevicePlatform(flash, clock, log);
            platform.SerialPort = port;
            platform.Mqtt = transport;
            platform.Sensors = sensors;
            platform.Random = random;
            DeviceOptions options = Options();
            s_device = new Device(platform, options);
            s_device.LoadSettings();
            port.Channel.Load(setQos1);
            s_device.Serial.Poll();
            FillOutbox(s_device.Telemetry, s_device.Mqtt, clock, options.Telemetry.IntervalMilliseconds, options.Mqtt.OutboxMaxMessages);
            s_free = NativeGC.Run(false);
            Console.WriteLine(Columns.Pad("check: one Device composed and filled the same way" + Sensors, 76) + Columns.PadLeft((s_baseline - s_free).ToString(), 9));
#else
            Console.WriteLine("DeviceFirmware heap benchmark (nanoCLR): managed heap kept by each part, in bytes" + Sensors);
            Console.WriteLine(Columns.Pad("part", 50) + Columns.PadLeft("free before", 13) + Columns.PadLeft("free after", 13) + Columns.PadLeft("bytes", 9));

            // As the board's Program, then Device's constructor and LoadSettings, do.
            DeviceOptions options = Options();
            s_settings = new SettingsStore(flash, options.Defaults, log);
            s_settings.Load();
            Report("settings (options, defaults, store, loaded)");

            s_handler = new MmsRequestHandler(s_settings, log);
            s_serial = new SerialLink(port, s_handler, clock, log);
            Report("serial MMS service (handler, link, SLIP buffers)");

            s_mqtt = new MqttSession(transport, null, s_settings, clock, log, random, options.Mqtt);
            TelemetryPayloadBuilder payload = new TelemetryPayloadBuilder(BootId, sensors);
            s_telemetry = new TelemetryPublisher(s_settings, payload, s_mqtt, clock, log, options.Telemetry.IntervalMilliseconds);
            s_settings.AddListener(s_telemetry);
            Report("telemetry and MQTT session (empty outbox)");

            // MMS over MQTT, as Device composes it for a platform with an MQTT client.
            RemoteCounters remote = new RemoteCounters();
            s_trial = new ConnectionTrial(s_settings, s_mqtt, clock, log, remote, options.ConnectionTrialMilliseconds);
            s_mmsOverMqtt = new MmsMqttService(s_mqtt, s_handler, s_settings, s_trial, remote, clock, log);
            s_mqtt.SetClient(s_mmsOverMqtt);
            s_mqtt.AddListener(s_trial);
            s_settings.AddListener(s_trial);
            s_settings.AddListener(s_mmsOverMqtt);
            s_telemetry.RemoteCounters = remote;
            Report("MMS over MQTT (service, trial, counters)");

            // Configure QoS 1 the way a host does, then let telemetry run with no broker.
            port.Channel.Load(setQos1);
            s_serial.Poll();
            if (s_settings.GetByte(PropertyIndex.MqttQos) != 1)
            {
                throw new Exception("the Set of QoS 1 did not apply");
            }

            Report("a Set of QoS 1 over the serial link, after it");

            int produced = FillOutbox(s_telemetry, s_mqtt, clock, options.Telemetry.IntervalMilliseconds, options.Mqtt.OutboxMaxMessages);
            OutboxCounters counters = s_mqtt.Counters;
            Report("outbox full: " + counters.Queued.ToString() + " msgs, " + counters.QueuedBytes.ToString() + " B payload (" + produced.ToString() + " made)");

            uint core = s_baseline - s_free;
            s_largestAnswer = s_handler.Handle(getEverything, 0, getEverything.Length);
            Report("largest Get answer (" + s_largestAnswer.Length.ToString() + " B: every property)");

            Console.WriteLine(Columns.Pad("composed core with a full outbox", 76) + Columns.PadLeft(core.ToString(), 9));
            Console.WriteLine(Columns.Pad("... and the largest Get answer held", 76) + Columns.PadLeft((s_baseline - s_free).ToString(), 9));
#endif
        }

        // The board's options (DeviceFirmware/App/Program.cs), with a fixed boot ID.
        private static DeviceOptions Options()
        {
            DeviceOptions options = new DeviceOptions(SettingsDefaults.ForDevice(DeviceId));
            options.Telemetry.BootId = BootId;
            return options;
        }

        // Produces messages until the outbox is at its bound, then as many again, so that it has
        // dropped (and replaced) its oldest messages: the steady state of a long outage.
        private static int FillOutbox(TelemetryPublisher telemetry, MqttSession session, BenchClock clock, int interval, int maxMessages)
        {
            int produced = 0;
            telemetry.Poll();
            for (int i = 0; i < 2 * maxMessages; i++)
            {
                clock.Now += interval;
                telemetry.Poll();
                produced++;
            }

            if (session.Counters.DroppedFull == 0)
            {
                throw new Exception("the outbox never filled");
            }

            return produced;
        }

        private static void Report(string part)
        {
            uint before = s_free;
            s_free = NativeGC.Run(false);
            Console.WriteLine(Columns.Pad(part, 50) + Columns.PadLeft(before.ToString(), 13) + Columns.PadLeft(s_free.ToString(), 13) + Columns.PadLeft(((long)before - (long)s_free).ToString(), 9));
        }
    }
}
