// Interpreter benchmark: the cost of the device's request path on the nanoCLR, the interpreter the
// board runs. The same cases as the host ProtocolBenchmark, each beside the time its frames take on
// the 115,200-baud UART (8N1: ten bits a byte). The serial path is measured twice: decoder, handler
// and encoder called in a row (what the figures measure), and the serial service's Poll over
// a channel in RAM (read, decode, answer, encode, write, problem summary). A program, not a test; run it with
//
//   bash tools/Benchmarks/NanoBenchmarks/run.sh interpreter [--lab /tmp/nanoclr]
//
// Figures are microseconds per request on this host's nanoCLR (DateTime.UtcNow.Ticks, 100 ns units):
// the best of fifteen rounds, each long enough (about 100 ms) for the clock's resolution not to matter.
// The best round, not the median, because the figure is the interpreter's cost and anything else
// running on the host only ever adds to it.
// An ESP32 at 240 MHz runs the same interpreter very roughly 20 to 40 times slower.

using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;

namespace DeviceFirmware.Benchmarks
{
    public static class InterpreterBenchmark
    {
        private const int GetQos = 0;
        private const int GetQosSlip = 1;
        private const int GetQosService = 2;
        private const int GetBroker = 3;
        private const int GetBranch = 4;
        private const int SetWrites = 5;
        private const int SetUnchanged = 6;
        private const int Payload = 7;
        private const int CaseCount = 8;

        private const int Rounds = 15;
        private const long RoundTicks = 1000000; // 100 ms
        private const long BaudRate = 115200;
        private const long BitsPerByte = 10;

        private static readonly string[] Names = new string[]
        {
            "Get mqtt.qos, handler only",
            "Get mqtt.qos, SLIP decode+handler+encode",
            "Get mqtt.qos, serial service Poll",
            "Get mqtt.broker (64-byte text)",
            "Get branch 1.2.2.1.2 (10 leaves)",
            "Set mqtt.qos, alternating (writes)",
            "Set mqtt.keepalive, unchanged",
            "Telemetry payload, 3 readings",
        };

        private static MmsRequestHandler s_handler;
        private static MmsSerialService s_service;
        private static RamChannel s_channel;
        private static SlipFrameDecoder s_decoder;
        private static byte[] s_frame;
        private static TelemetryPayloadBuilder s_payload;
        private static OutboxCounters s_counters;
        private static byte[] s_getQos;
        private static byte[] s_getQosFrame;
        private static byte[] s_getBroker;
        private static byte[] s_getBranch;
        private static byte[][] s_setQos;
        private static byte[] s_setSame;

        public static void Main()
        {
            BenchClock clock = new BenchClock();
            SettingsStore store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator("bench01"), NullLog.Instance);
            store.Load();
            s_handler = new MmsRequestHandler(store, NullLog.Instance);
            s_service = new MmsSerialService(s_handler, clock, NullLog.Instance, MmsSerialService.DefaultIdleTimeoutMilliseconds);
            s_channel = new RamChannel();
            s_decoder = new SlipFrameDecoder(SlipDirection.HostToDevice, s_handler.MaxMessageLength, MmsSerialService.DefaultIdleTimeoutMilliseconds);
            s_frame = new byte[SlipFrameEncoder.MaxFrameLength(s_handler.MaxMessageLength)];
            s_payload = new TelemetryPayloadBuilder("7f3c9a2e", FixedSensor.Board());
            s_counters = new OutboxCounters(2, 1, 412, 11, 9, 0, 0, 1, 0);

            s_getQos = MmsRequestBuilder.Get(0x55, PropertyIndex.MqttQos);
            s_getQosFrame = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, s_getQos);
            s_getBroker = MmsRequestBuilder.Get(0x56, PropertyIndex.MqttBroker);
            s_getBranch = MmsRequestBuilder.GetBranch(0x57, new byte[] { 1, 2, 2, 1, 2 }, 5);
            s_setQos = new byte[][]
            {
                MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 1 }, 0, 1),
                MmsRequestBuilder.Set(0x58, PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1),
            };
            s_setSame = MmsRequestBuilder.Set(0x59, PropertyIndex.MqttKeepAlive, new byte[] { 0x00, 0x3C }, 0, 2);

            Console.WriteLine("DeviceFirmware interpreter benchmark (nanoCLR): us per request, best of " + Rounds.ToString() + " rounds");
            Console.WriteLine(Columns.Pad("case", 42) + Columns.PadLeft("us/req", 9) + Columns.PadLeft("wire bytes", 12) + Columns.PadLeft("wire us", 9) + Columns.PadLeft("of wire", 9));
            for (int c = 0; c < CaseCount; c++)
            {
                RunCase(c);
            }
        }

        private static void RunCase(int c)
        {
            int wireBytes = Check(c);

            // Calibrate: enough iterations for a round of about RoundTicks.
            int n = 10;
            long probe = Time(c, n);
            while (probe < RoundTicks / 10 && n < 1000000)
            {
                n *= 4;
                probe = Time(c, n);
            }

            long scaled = RoundTicks * n / (probe > 0 ? probe : 1);
            n = scaled < 10 ? 10 : scaled > 1000000 ? 1000000 : (int)scaled;

            long[] tenths = new long[Rounds];
            for (int r = 0; r < Rounds; r++)
            {
                // Ticks are 0.1 us, so ticks per request are tenths of a microsecond.
                long ticks = Time(c, n);
                tenths[r] = (ticks + n / 2) / n;
            }

            long best = Min(tenths);
            long wireTenths = wireBytes * BitsPerByte * 10000000L / BaudRate;
            long basisPoints = wireTenths == 0 ? 0 : (best * 10000 + wireTenths / 2) / wireTenths;
            Console.WriteLine(Columns.Pad(Names[c], 42) + Columns.PadLeft(Fixed(best, 1), 9) + Columns.PadLeft(wireBytes.ToString(), 12)
                + Columns.PadLeft(Fixed((wireTenths + 5) / 10, 0), 9) + Columns.PadLeft(Fixed(basisPoints, 2) + " %", 9));
        }

        // Runs one request of the case and checks its answer; returns the bytes of the exchange on the wire.
        private static int Check(int c)
        {
            if (c == Payload)
            {
                // The payload alone, as it would cross the same wire.
                return s_payload.Build(12, 120034, 1, s_counters, null).Length;
            }

            if (c == GetQosSlip || c == GetQosService)
            {
                byte[] expected = SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, s_handler.Handle(s_getQos, 0, s_getQos.Length));
                byte[] written;
                int length;
                if (c == GetQosSlip)
                {
                    length = DecodeHandleEncode();
                    written = s_frame;
                }
                else
                {
                    s_channel.Load(s_getQosFrame);
                    s_service.Poll(s_channel);
                    length = s_channel.WrittenLength;
                    written = s_channel.Written;
                }

                if (length != expected.Length)
                {
                    throw new Exception(Names[c] + ": the answer has the wrong length");
                }

                for (int i = 0; i < expected.Length; i++)
                {
                    if (written[i] != expected[i])
                    {
                        throw new Exception(Names[c] + ": the answer differs from the encoded response");
                    }
                }

                return s_getQosFrame.Length + expected.Length;
            }

            byte[] request = Request(c, 0);
            byte[] response = s_handler.Handle(request, 0, request.Length);
            if (response == null || response[10] != MmsStatus.SummaryOk)
            {
                throw new Exception(Names[c] + ": request failed");
            }

            return SlipFrameEncoder.FrameLength(SlipFrame.InfoHostToDevice, request, 0, request.Length)
                + SlipFrameEncoder.FrameLength(SlipFrame.InfoDeviceToHost, response, 0, response.Length);
        }

        private static byte[] Request(int c, int i)
        {
            switch (c)
            {
                case GetQos:
                    return s_getQos;
                case GetBroker:
                    return s_getBroker;
                case GetBranch:
                    return s_getBranch;
                case SetWrites:
                    return s_setQos[i & 1];
                default:
                    return s_setSame;
            }
        }

        private static long Time(int c, int n)
        {
            MmsRequestHandler handler = s_handler;
            long start = DateTime.UtcNow.Ticks;
            switch (c)
            {
                case GetQosSlip:
                    for (int i = 0; i < n; i++)
                    {
                        DecodeHandleEncode();
                    }

                    break;

                case GetQosService:
                    for (int i = 0; i < n; i++)
                    {
                        s_channel.Load(s_getQosFrame);
                        s_service.Poll(s_channel);
                    }

                    break;

                case Payload:
                    for (int i = 0; i < n; i++)
                    {
                        s_payload.Build(i, 120034, 1, s_counters, null);
                    }

                    break;

                case SetWrites:
                    for (int i = 0; i < n; i++)
                    {
                        byte[] request = s_setQos[i & 1];
                        handler.Handle(request, 0, request.Length);
                    }

                    break;

                default:
                    byte[] fixedRequest = Request(c, 0);
                    int length = fixedRequest.Length;
                    for (int i = 0; i < n; i++)
                    {
                        handler.Handle(fixedRequest, 0, length);
                    }

                    break;
            }

            return DateTime.UtcNow.Ticks - start;
        }

        // The path the issue measures: SlipFrameDecoder.Feed, MmsRequestHandler.Handle, SlipFrameEncoder.Encode.
        private static int DecodeHandleEncode()
        {
            byte[] frame = s_getQosFrame;
            s_decoder.Feed(frame, 0, frame.Length, 0);
            byte[] response = s_handler.Handle(s_decoder.MessageBuffer, s_decoder.MessageOffset, s_decoder.MessageLength);
            return SlipFrameEncoder.Encode(SlipFrame.InfoDeviceToHost, response, 0, response.Length, s_frame, 0);
        }

        private static long Min(long[] values)
        {
            long min = values[0];
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] < min)
                {
                    min = values[i];
                }
            }

            return min;
        }

        // value / 10^decimals with exactly that many decimals, from integers only.
        private static string Fixed(long value, int decimals)
        {
            if (decimals == 0)
            {
                return value.ToString();
            }

            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            string fraction = (value % scale).ToString();
            while (fraction.Length < decimals)
            {
                fraction = "0" + fraction;
            }

            return (value / scale).ToString() + "." + fraction;
        }
    }
}
