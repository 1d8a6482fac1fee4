// The platform parts the nanoCLR benchmarks hand to the core: a clock the benchmark sets, a serial
// channel in RAM, an MQTT client that never connects and sensors with fixed readings. Compiled for
// nanoFramework together with InterpreterBenchmark.cs or HeapBenchmark.cs (see run.sh); benchmarks
// are programs, so they carry their own small fakes instead of the tests' TestSupport.

using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Benchmarks
{
    /// <summary>A clock the benchmark moves by hand.</summary>
    internal sealed class BenchClock : IClock
    {
        public long Now;

        public long UptimeMilliseconds
        {
            get { return Now; }
        }
    }

    /// <summary>
    /// A serial channel in RAM: each <see cref="Read"/> returns the frame loaded last (once), each
    /// <see cref="Write"/> is counted and kept in one reused array, so the channel allocates nothing
    /// per request.
    /// </summary>
    internal sealed class RamChannel : ISerialChannel
    {
        private readonly byte[] _written = new byte[4096];
        private byte[] _input;
        private bool _pending;

        public int WrittenLength;

        public byte[] Written
        {
            get { return _written; }
        }

        public void Load(byte[] frame)
        {
            _input = frame;
            _pending = true;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (!_pending)
            {
                return 0;
            }

            _pending = false;
            Array.Copy(_input, 0, buffer, offset, _input.Length);
            return _input.Length;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, _written, 0, count);
            WrittenLength = count;
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Opens the one <see cref="RamChannel"/>.</summary>
    internal sealed class RamPortOpener : ISerialPortOpener
    {
        public readonly RamChannel Channel = new RamChannel();

        public string Name
        {
            get { return "ram"; }
        }

        public ISerialChannel Open()
        {
            return Channel;
        }
    }

    /// <summary>An MQTT client that never has a session: QoS 1 and 2 messages stay in the outbox.</summary>
    internal sealed class OfflineTransport : IMqttTransport
    {
        public bool IsConnected
        {
            get { return false; }
        }

        // The board's M2MqttTransport.MaxInflightMessages.
        public int MaxInflight
        {
            get { return 8; }
        }

        public bool CopiesPayload
        {
            get { return false; }
        }

        public void SetListener(IMqttTransportListener listener)
        {
        }

        public MqttConnectResult Connect(MqttConnectOptions options)
        {
            return MqttConnectResult.NetworkError;
        }

        public void Disconnect()
        {
        }

        public MqttPublishResult Publish(string topic, byte[] payload, int qos, bool retain, out int messageId)
        {
            messageId = 0;
            return MqttPublishResult.NotConnected;
        }

        public MqttSubscribeResult Subscribe(string topicFilter, int qos)
        {
            return MqttSubscribeResult.NotConnected;
        }

        public bool Unsubscribe(string topicFilter)
        {
            return false;
        }
    }

    /// <summary>A sensor with a fixed reading: the board's three sensors, by name and size.</summary>
    internal sealed class FixedSensor : ISensor
    {
        private readonly string _name;
        private readonly int _decimals;
        private readonly long _value;

        public FixedSensor(string name, int decimals, long value)
        {
            _name = name;
            _decimals = decimals;
            _value = value;
        }

        public string Name
        {
            get { return _name; }
        }

        public int Decimals
        {
            get { return _decimals; }
        }

        public bool TryRead(out long scaledValue)
        {
            scaledValue = _value;
            return true;
        }

        /// <summary>uptime_s, free_heap_bytes, wifi_rssi_dbm: what an ESP32 reports (DeviceFirmware/App/Sensors).</summary>
        public static ISensor[] Board()
        {
            return new ISensor[]
            {
                new FixedSensor("uptime_s", 0, 86400),
                new FixedSensor("free_heap_bytes", 0, 48211),
                new FixedSensor("wifi_rssi_dbm", 0, -61),
            };
        }
    }

    /// <summary>Pads the columns of the two benchmarks' tables: one helper for both programs.</summary>
    internal static class Columns
    {
        /// <summary>The text with spaces after it, to the width.</summary>
        public static string Pad(string text, int width)
        {
            while (text.Length < width)
            {
                text += " ";
            }

            return text;
        }

        /// <summary>The text with spaces before it, to the width.</summary>
        public static string PadLeft(string text, int width)
        {
            while (text.Length < width)
            {
                text = " " + text;
            }

            return text;
        }
    }
}
