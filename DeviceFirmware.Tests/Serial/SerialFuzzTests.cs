using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Serial;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Protocol;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Serial
{
    /// <summary>
    /// The whole UART path under noise: random bursts and mutated SLIP frames go through the serial
    /// service into the real request handler. Nothing escapes, every answer is a well-formed frame,
    /// settings change only when a Set is answered with success, and a valid request after the noise
    /// is answered byte for byte.
    /// </summary>
    [TestClass]
    public class SerialFuzzTests
    {
#if NANOFRAMEWORK_1_0
        // nanoCLR interprets IL; keep the run inside the test session timeout.
        private const int Iterations = 2000;
#else
        private const int Iterations = 100000;
#endif

        private static readonly string[] SeedRequests = new string[]
        {
            "AA0081040155D101840FD1018501018704020201028902C300",
            "AA0081040155D1118410D1118501018704020201028903C30101",
            "AA0081040155D1118414D1118501018704020201028907C20222B3C30102",
            "AA0081040155D101840ED1018501018703020201" + "8902C100",
        };

        [TestMethod]
        public void NoiseAndMutatedFramesNeverBreakTheUartPath()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            FakeSerialChannel channel = new FakeSerialChannel();
            FakeClock clock = new FakeClock(0);
            MmsSerialService service = new MmsSerialService(handler, clock, new RecordingLog(), MmsSerialService.DefaultIdleTimeoutMilliseconds);
            SlipFrameDecoder answers = new SlipFrameDecoder(SlipDirection.DeviceToHost, 4096, MmsSerialService.DefaultIdleTimeoutMilliseconds);
            Random random = new Random(424242);
            byte[][] frames = new byte[SeedRequests.Length][];
            for (int i = 0; i < SeedRequests.Length; i++)
            {
                frames[i] = SlipFrameEncoder.Encode(SlipFrame.InfoHostToDevice, Hex.Parse(SeedRequests[i]));
            }

            int answered = 0;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] chunk = (i % 3) == 0 ? Noise(random) : Mutate(frames[random.Next(frames.Length)], random);
                string before = SettingsFixtures.Fingerprint(store);
                channel.ClearOutput();
                channel.Enqueue(chunk);
                service.Poll(channel);
                clock.Advance(random.Next(3) == 0 ? 1500 : 1);

                bool successfulSet = false;
                byte[] output = channel.Output();
                int pos = 0;
                while (pos < output.Length)
                {
                    pos += answers.Feed(output, pos, output.Length - pos, clock.UptimeMilliseconds);
                    if (answers.Result == SlipDecodeResult.Frame)
                    {
                        answered++;
                        byte[] message = answers.CopyMessage();
                        Assert.IsTrue(message.Length == 0 || message[0] == MmsMessage.StartOfMessage, "answer is not an MMS message");
                        successfulSet |= message.Length >= 14 && message[6] == 0xD1 && message[7] == 0x11 && message[10] == MmsStatus.SummaryOk;
                    }
                }

                if (SettingsFixtures.Fingerprint(store) != before)
                {
                    Assert.IsTrue(successfulSet, "settings changed without a successful Set answer");
                }
            }

            Assert.IsTrue(answered > Iterations / 10, "the noise should leave many frames to answer");
            Assert.AreEqual(0, service.HandlerFailures);

            // A C0 first ends whatever partial frame the noise left behind.
            channel.ClearOutput();
            channel.Enqueue(Hex.Parse("C0"));
            channel.Enqueue(frames[0]);
            service.Poll(channel);
            service.Poll(channel);
            byte qos = store.GetByte(PropertyIndex.MqttQos);
            byte[] expected = SlipFrameEncoder.Encode(
                SlipFrame.InfoDeviceToHost,
                Hex.Parse("AA0081048255D10182040000000084820010D1018501018704020201028903C301" + Hex.Format(new byte[] { qos })));
            Assert.AreEqual(Hex.Format(expected), Hex.Format(channel.Output()));
        }

        private static byte[] Noise(Random random)
        {
            byte[] chunk = new byte[1 + random.Next(64)];
            random.NextBytes(chunk);
            return chunk;
        }

        private static byte[] Mutate(byte[] frame, Random random)
        {
            byte[] copy = new byte[frame.Length];
            Array.Copy(frame, copy, frame.Length);
            int mutations = random.Next(3);
            for (int m = 0; m < mutations; m++)
            {
                int at = random.Next(copy.Length);
                copy[at] = random.Next(4) == 0 ? SlipFrame.End : (byte)random.Next(256);
            }

            if (random.Next(5) == 0)
            {
                // Cut the frame short: the next chunk's C0 or the idle timeout must discard it.
                byte[] cut = new byte[random.Next(copy.Length)];
                Array.Copy(copy, cut, cut.Length);
                return cut;
            }

            return copy;
        }
    }
}
