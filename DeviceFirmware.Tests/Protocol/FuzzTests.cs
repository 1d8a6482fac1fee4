using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Random and mutated requests straight into the handler: nothing escapes, no internal error is
    /// ever reported, settings change only when a Set is answered with success, and a valid request
    /// after the noise still gets its answer.
    /// </summary>
    [TestClass]
    public class FuzzTests
    {
#if NANOFRAMEWORK_1_0
        // nanoCLR interprets IL; keep the run inside the test session timeout.
        private const int Iterations = 2000;
#else
        private const int Iterations = 100000;
#endif

        private static readonly string[] Seeds = new string[]
        {
            "AA0081040155D101840FD1018501018704020201028902C300",
            "AA0081040155D1118410D1118501018704020201028903C30101",
            "AA0081040155D1118414D1118501018704020201028907C20222B3C30102",
            "AA0081040155D1018411D101850101890AE208E206E104E202C300",
            "AA0081040155D101840ED1018501018703020201" + "8902C100",
            "AA0081040155D1118419D111850101" + "8912E210E20EE10CE105C1036C6162E203C30101",
            "AA0081040155D1118416D111850101870402020102" + "8909C5077061792F6C6F74",
        };

        [TestMethod]
        public void RandomAndMutatedFramesNeverBreakTheHandler()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            Random random = new Random(20261121);
            byte[][] seeds = new byte[Seeds.Length][];
            for (int i = 0; i < Seeds.Length; i++)
            {
                seeds[i] = Hex.Parse(Seeds[i]);
            }

            int answered = 0;
            int applied = 0;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] frame = (i & 1) == 0 ? RandomFrame(random) : Mutate(seeds[random.Next(seeds.Length)], random);
                string before = SettingsFixtures.Fingerprint(store);

                byte[] response = handler.Handle(frame, 0, frame.Length);

                if (response != null)
                {
                    answered++;
                    Assert.IsTrue(response.Length >= 14, "response too short");
                    Assert.AreEqual((byte)0xAA, response[0]);
                    Assert.IsFalse(response[11] == 0x02 && response[12] == 0x01 && response[13] == 0x07, "internal error for " + Hex.Format(frame));
                }

                if (SettingsFixtures.Fingerprint(store) != before)
                {
                    applied++;
                    bool successfulSet = response != null && response[6] == 0xD1 && response[7] == 0x11 && response[10] == MmsStatus.SummaryOk;
                    Assert.IsTrue(successfulSet, "settings changed without a successful Set: " + Hex.Format(frame));
                }
            }

            Assert.IsTrue(answered > Iterations / 4, "the fuzzer should reach the handler's answers");
            Assert.IsTrue(applied > 0, "the mutations should include some valid Sets");

            byte qos = store.GetByte(PropertyIndex.MqttQos);
            Assert.AreEqual(
                "AA0081048255D10182040000000084820010D1018501018704020201028903C301" + Hex.Format(new byte[] { qos }),
                ProtocolFixture.Exchange(handler, Seeds[0]));
        }

        private static byte[] RandomFrame(Random random)
        {
            byte[] frame = new byte[random.Next(40)];
            random.NextBytes(frame);
            if (frame.Length > 1 && random.Next(2) == 0)
            {
                // Keep a plausible envelope half the time so the parser gets past the SOM.
                frame[0] = MmsMessage.StartOfMessage;
                frame[1] = MmsMessage.Version0;
            }

            return frame;
        }

        private static byte[] Mutate(byte[] seed, Random random)
        {
            int length = seed.Length;
            switch (random.Next(4))
            {
                case 0:
                    length = random.Next(seed.Length + 1);
                    break;
                case 1:
                    length = seed.Length + 1 + random.Next(4);
                    break;
            }

            byte[] frame = new byte[length];
            Array.Copy(seed, frame, length < seed.Length ? length : seed.Length);
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips && length > 0; f++)
            {
                int at = random.Next(length);
                frame[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(frame[at] ^ (1 << random.Next(8)));
            }

            return frame;
        }
    }
}
