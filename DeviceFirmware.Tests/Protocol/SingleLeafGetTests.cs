using System;
using DeviceFirmware.Protocol;
using DeviceFirmware.Runtime;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// The short way for a Get of one leaf (SingleLeafGet, ahead of the handler's lock) against the
    /// general way. Every request goes twice: as it is, and as its twin with a reserved TLV (9E 00)
    /// between 81 and 84, which the general way ignores (README, protocol section) and the short way
    /// never takes. Both answers must be the same bytes, and so must the log lines. What this does not
    /// show: that the short way was taken at all, which is what the interpreter benchmark measures
    /// (a wrong answer from it would differ from the twin's, which is what matters here).
    /// </summary>
    [TestClass]
    public class SingleLeafGetTests
    {
        /// <summary>Every property's Get as MmsRequestBuilder (and mmsctl) builds it, with non-default values stored.</summary>
        [TestMethod]
        public void EveryPropertyAnswersTheSameBothWays()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            string[] sets = new string[]
            {
                "8704020201018906C10461703031",                 // SSID "ap01"
                "870402020101890AC2087365637265743132",         // WLAN password "secret12"
                "870402020102890AC10831302E312E322E33",         // broker "10.1.2.3"
                "8704020201028907C7057573657231",               // user "user1"
                "8704020201028905C803707721",                   // MQTT password "pw!"
                "8704020201028904CA020E10",                     // keep-alive 3600 s
            };

            for (int i = 0; i < sets.Length; i++)
            {
                string answer = ProtocolFixture.Exchange(handler, Request("D111", "D111850101" + sets[i]));
                Assert.AreEqual("00000000", answer.Substring(20, 8), sets[i]);
            }

            for (int index = 0; index < PropertyTable.Count; index++)
            {
                byte[] request = MmsRequestBuilder.Get((byte)(0x40 + index), index);
                byte[] answer = AssertSameBothWays(handler, request);
                Assert.AreEqual(MmsStatus.SummaryOk, answer[10], PropertyTable.Get(index).Name);

                // The version byte is echoed, whatever it is.
                request[1] = 0x01;
                AssertSameBothWays(handler, request);
            }
        }

        /// <summary>
        /// Requests at every edge of the short way's shape, each one byte or one TLV away from it:
        /// those it takes must answer as the general way does, the others must be left to it.
        /// </summary>
        [TestMethod]
        public void ShapesAtTheEdgesAnswerTheSameBothWays()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            string[] payloads = new string[]
            {
                "D101 850101 870402020102 8902C300",            // the seed request
                "D101 850102 870401020202 8902C100",            // device information, type 2
                "D101 850101 8902C300",                         // no prefix
                "D101 850101 8700 8902C300",                    // an empty prefix
                "D101 850101 87050202010203 8902C300",          // five prefix arcs
                "D101 850104 87050102020102 8902C300",          // seven arcs, the last six those of mqtt.qos
                "D101 850101 870402020002 8902C300",            // a prefix arc 0
                "D101 850101 87040202011F 8902C300",            // a prefix arc 1F
                "D101 850101 870402020140 8902C300",            // a prefix arc beyond any tag
                "D101 850100 870402020102 8902C300",            // type 0
                "D101 85011F 870402020102 8902C300",            // type 1F
                "D101 85020101 870402020102 8902C300",          // a type of two bytes
                "D101 850101 870402020102 8902E300",            // a constructed leaf
                "D101 850101 870402020102 89028300",            // a context-class leaf
                "D101 850101 870402020102 8902C000",            // leaf arc 0
                "D101 850101 870402020102 8902DF00",            // leaf arc 1F (a multi-byte tag)
                "D101 850101 870402020102 8902DE00",            // no such property
                "D101 850101 870402020102 8903C30100",          // a leaf with a value
                "D101 850101 870402020102 8902C301",            // a leaf whose value overruns
                "D101 850101 870402020102 8902C3",              // 89 overruns
                "D101 850101 870402020102 898102C300",          // 89 with a long length
                "D101 850101 870402020102 8902C300 8203020100", // a TLV after 89
                "D101 8203020100 850101 870402020102 8902C300", // device family first
                "D101 870402020102 850101 8902C300",            // 87 before 85
                "D101 850101 870402020102",                     // no 89
                "D111 850101 870402020102 8902C300",            // a payload of another command
            };

            for (int i = 0; i < payloads.Length; i++)
            {
                AssertSameBothWays(handler, Hex.Parse(Request("D101", payloads[i])));
            }

            string[] messages = new string[]
            {
                "AA00 8105 0155D10100 840F D101850101870402020102 8902C300",   // 81 of five bytes
                "AA00 8104 0255D101 840F D101850101870402020102 8902C300",     // not a request: no answer
                "AA00 8104 0155D102 840F D102850101870402020102 8902C300",     // an unknown command
                "AA00 8104 0155D101 8410 D101850101870402020102 8902C300",     // 84 one byte too long
                "AA00 8104 0155D101 840E D101850101870402020102 8902C300",     // 84 one byte too short
                "AA00 8104 0155D101 84810F D101850101870402020102 8902C300",   // 84 with a long length
                "AA00 8104 0155D101 840F D101850101870402020102 8902C300 00",  // a byte after 84
                "AB00 8104 0155D101 840F D101850101870402020102 8902C300",     // no SOM: no answer
            };

            for (int i = 0; i < messages.Length; i++)
            {
                AssertSameBothWays(handler, Hex.Parse(messages[i]));
            }

            // The shortest message of the shape, cut by one byte at a time.
            byte[] seed = Hex.Parse(SeedFrames.GetRequest);
            for (int length = 0; length < seed.Length; length++)
            {
                byte[] cut = new byte[length];
                Array.Copy(seed, cut, length);
                Assert.AreEqual(Hex.Format(handler.Handle(seed, 0, length)), Hex.Format(handler.Handle(cut, 0, length)), "cut to " + length.ToString());
            }
        }

        /// <summary>The line a Get logs is the same either way.</summary>
        [TestMethod]
        public void BothWaysLogTheSameLine()
        {
            SettingsStore store = new SettingsStore(new MemoryFlashStorage(), SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), NullLog.Instance);
            store.Load();
            RecordingLog log = new RecordingLog();
            MmsRequestHandler handler = new MmsRequestHandler(store, log);
            byte[] request = MmsRequestBuilder.Get(0x5A, PropertyIndex.MqttBroker);
            handler.Handle(request, 0, request.Length);
            byte[] twin = Twin(request);
            handler.Handle(twin, 0, twin.Length);

            string expected = "mms: Get ref=5A mqtt.broker -> OK";
            Assert.AreEqual(2, log.Count);
            Assert.AreEqual(expected, log.Line(0));
            Assert.AreEqual(expected, log.Line(1));
        }

        /// <summary>A Get answered the short way clears the caller's report, as the general way does: it changed nothing.</summary>
        [TestMethod]
        public void AGetClearsTheCallersReport()
        {
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(out store);
            SettingsApplyReport report = new SettingsApplyReport();
            byte[] set = MmsRequestBuilder.Set(0x01, PropertyIndex.MqttQos, new byte[] { 2 }, 0, 1);
            handler.Handle(set, 0, set.Length, report);
            bool changed = report.Changed.Contains(PropertyIndex.MqttQos);
            Assert.IsTrue(changed);

            byte[] get = MmsRequestBuilder.Get(0x02, PropertyIndex.MqttQos);
            byte[] answer = handler.Handle(get, 0, get.Length, report);
            changed = report.Changed.Contains(PropertyIndex.MqttQos);
            Assert.IsFalse(changed);
            Assert.IsNull(report.Before);
            Assert.AreEqual((byte)2, answer[answer.Length - 1]);
        }

        // Sends a request and its twin; returns the answer after asserting that both are the same.
        private static byte[] AssertSameBothWays(MmsRequestHandler handler, byte[] request)
        {
            byte[] twin = Twin(request);
            byte[] answer = handler.Handle(request, 0, request.Length);
            string general = Hex.Format(handler.Handle(twin, 0, twin.Length));
            Assert.AreEqual(general, Hex.Format(answer), Hex.Format(request));
            return answer;
        }

        // The request with 9E 00 after its 81 TLV (whose short length is at offset 3).
        private static byte[] Twin(byte[] request)
        {
            int at = 4 + request[3];
            byte[] twin = new byte[request.Length + 2];
            Array.Copy(request, twin, at);
            twin[at] = MmsMessage.TagReserved;
            twin[at + 1] = 0;
            Array.Copy(request, at, twin, at + 2, request.Length - at);
            return twin;
        }

        // A request of the given command around a payload, with its 84 length.
        private static string Request(string command, string payload)
        {
            string hex = Hex.Format(Hex.Parse(payload));
            return "AA0081040155" + command + "84" + Hex.Format(new byte[] { (byte)(hex.Length / 2) }) + hex;
        }
    }
}
