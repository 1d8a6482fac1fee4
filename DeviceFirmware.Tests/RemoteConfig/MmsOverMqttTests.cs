using DeviceFirmware.Mqtt;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.RemoteConfig
{
    /// <summary>
    /// MMS over MQTT through the composed device: the subscription follows the subscribe topic and the
    /// QoS, requests in binary and in hex are answered on &lt;publish topic&gt;/MMSMessage in the same
    /// form, a Set over MQTT reaches the next telemetry message without a reconnect, and bad input is
    /// counted and dropped while telemetry goes on.
    /// </summary>
    [TestClass]
    public class MmsOverMqttTests
    {
        private const string Requests = "DeviceFirmware/Device/sim01";
        private const string Answers = "DeviceFirmware/Server/sim01/MMSMessage";

        private static TelemetryRig _rig;

        [TestMethod]
        public void AfterConnectTheDeviceSubscribesToItsSubscribeTopicAtItsQos()
        {
            _rig = TelemetryRig.Create(1);
            _rig.Poll();

            Assert.AreEqual(Requests + "/1;", _rig.Transport.Subscriptions);
            Assert.AreEqual(Requests, _rig.Session.SubscribedFilter);
            Assert.AreEqual(1, _rig.Log.CountExactly("mqtt: subscribed to " + Requests + " qos=1"));
        }

        [TestMethod]
        public void TheSeedGetInBinaryIsAnsweredByteForByteInBinary()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();

            FakePublish answer = Ask(Hex.Parse(SeedFrames.GetRequest));

            Assert.AreEqual(Answers, answer.Topic);
            Assert.AreEqual(SeedFrames.GetResponse, Hex.Format(answer.Payload));
            Assert.AreEqual(0, answer.Qos);
            Assert.IsFalse(answer.Retain);
        }

        [TestMethod]
        public void TheSeedFramesInHexAreAnsweredInUpperCaseHexWhateverTheCaseOfTheRequest()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();

            FakePublish get = Ask(Ascii("aa0081040155d101840fd101850101870402020102" + "8902c300"));
            Assert.AreEqual(SeedFrames.GetResponse, get.Text);

            // The seed Set writes 00, the default: set 02 first so that it must really write.
            Ask(Ascii("AA0081040155D1118410D1118501018704020201028903C30102"));
            Assert.AreEqual((byte)2, _rig.Settings.GetByte(PropertyIndex.MqttQos));
            FakePublish set = Ask(Ascii("AA0081040155D1118410D1118501018704020201028903C30100"));
            Assert.AreEqual(SeedFrames.SetResponse, set.Text);
            Assert.AreEqual((byte)0, _rig.Settings.GetByte(PropertyIndex.MqttQos));
        }

        [TestMethod]
        public void AQosSetOverMqttAppliesToTheNextTelemetryMessageWithoutAReconnect()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();
            Assert.AreEqual("1/0", _rig.Published());

            FakePublish answer = Ask(Hex.Parse("AA0081040155D1118410D1118501018704020201028903C30102"));
            Assert.AreEqual("AA0081048255D11182040000000084820010D1118501018704020201028903C30102", Hex.Format(answer.Payload));

            // The answer went out at the QoS in force when it was made; the next message takes the new one.
            _rig.Step(TelemetryRig.IntervalMs);
            Assert.AreEqual("1/0,2/2", _rig.Published());
            Assert.AreEqual(1, _rig.Transport.ConnectCount);
            Assert.AreEqual(0, _rig.Transport.DisconnectCount);

            // The subscription keeps its QoS until the next connect: a subscribe waits for the broker,
            // and the session never waits on a broker that may have stopped answering.
            Assert.AreEqual(Requests + "/0;", _rig.Transport.Subscriptions);
        }

        [TestMethod]
        public void AnswersGoOutAtTheConfiguredQos()
        {
            _rig = TelemetryRig.Create(2);
            _rig.Poll();

            FakePublish answer = Ask(Hex.Parse(SeedFrames.GetRequest));

            Assert.AreEqual(2, answer.Qos);
            Assert.AreEqual(1, _rig.Counters.InFlight);
        }

        [TestMethod]
        public void SecretsStayWriteOnlyOverMqtt()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();
            Ask(Hex.Parse("AA0081040155D1118414D1118501018704020201028907C805" + "7330637233"));
            Assert.AreEqual("s0cr3", _rig.Settings.GetText(PropertyIndex.MqttPassword));

            FakePublish answer = Ask(Hex.Parse("AA0081040155D101840FD1018501018704020201028902C800"));

            Assert.AreEqual("AA0081048255D1018204000000008482002FD1018501018704020201028922C820" + GetPropertyZeros(32), Hex.Format(answer.Payload));
        }

        [TestMethod]
        public void BadInputIsCountedAndDroppedAndTelemetryGoesOn()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            // Empty, odd-length hex, not hex, white space inside, a response instead of a request, no SOM.
            string[] unanswerable = { string.Empty, "AA0", "ZZ00", "AA00 8104", "AA0081048255D101", "0102" };
            for (int i = 0; i < unanswerable.Length; i++)
            {
                int before = _rig.Transport.PublishCount;
                _rig.Transport.Receive(Requests, Ascii(unanswerable[i]));
                _rig.Session.Poll();
                Assert.AreEqual(before, _rig.Transport.PublishCount, "'" + unanswerable[i] + "' got an answer");
            }

            // A malformed request whose header is readable gets the manual's status, in hex.
            FakePublish malformed = Ask(Ascii("AA0081040155D101840FD101"));
            Assert.AreEqual("AA0081048255D101820480010102", malformed.Text);

            _rig.Step(TelemetryRig.IntervalMs);
            Assert.AreEqual(2, _rig.TelemetryCount);
            Assert.Contains("\"remote\":{\"requests\":1,\"dropped\":6,\"rollbacks\":0}", _rig.TelemetryAt(1).Text);
            Assert.AreEqual(1, _rig.Log.CountStartingWith("mms: dropped 1 message(s) received over MQTT, the last: an empty message"));
        }

        [TestMethod]
        public void ARequestLongerThanTheMaximumIsRefusedWhenItsHeaderIsReadable()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();

            // A Get with a 9E (reserved) TLV padding it past 1024 bytes.
            byte[] request = new byte[1100];
            byte[] head = Hex.Parse("AA0081040177D101 9E82043F");
            System.Array.Copy(head, request, head.Length);
            FakePublish answer = Ask(request);

            Assert.AreEqual("AA0081048277D101820480010102", Hex.Format(answer.Payload));

            // Without a readable header: dropped.
            byte[] noise = new byte[1100];
            noise[0] = 0xAA;
            int before = _rig.Transport.PublishCount;
            _rig.Transport.Receive(Requests, noise);
            _rig.Session.Poll();
            Assert.AreEqual(before, _rig.Transport.PublishCount);
        }

        [TestMethod]
        public void ABurstBeyondTheQueueIsCountedAndTheDeviceKeepsAnswering()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            byte[] get = Hex.Parse(SeedFrames.GetRequest);
            for (int i = 0; i < 10000; i++)
            {
                _rig.Transport.Receive(Requests, get);
            }

            _rig.Session.Poll();
            _rig.Step(TelemetryRig.IntervalMs);

            // The queue held four; the others were dropped and counted, not lost silently.
            Assert.AreEqual(9996L, _rig.Session.InboundDropped);
            Assert.Contains("\"remote\":{\"requests\":4,\"dropped\":9996,", _rig.TelemetryAt(1).Text);
            Assert.AreEqual(SeedFrames.GetResponse, Hex.Format(Ask(get).Payload));
        }

        [TestMethod]
        public void ASubscribeTopicChangeMovesTheSubscription()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();

            FakePublish answer = Ask(Hex.Parse("AA0081040155D111841BD111850101870402020102" + "890EC40C" + "706C616E742F636F6E666967"));
            Assert.AreEqual(Answers, answer.Topic);
            _rig.Poll();
            _rig.Poll();

            Assert.AreEqual("plant/config/0;", _rig.Transport.Subscriptions);
            Assert.AreEqual("plant/config", _rig.Session.SubscribedFilter);
            Assert.AreEqual(2, _rig.Transport.ConnectCount);
        }

        [TestMethod]
        public void APublishTopicChangeIsAnsweredOnTheOldAnswerTopicAndLaterAnswersOnTheNewOne()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Poll();

            // Set 1.2.2.1.2.5 (C5) to "plant/out": the host that asked listens on the old answer topic.
            FakePublish answer = Ask(Hex.Parse("AA0081040155D1118418D111850101870402020102" + "890BC509" + "706C616E742F6F7574"));
            Assert.AreEqual(Answers, answer.Topic);
            Assert.AreEqual("AA0081048255D11182040000000084820018D111850101870402020102890BC509706C616E742F6F7574", Hex.Format(answer.Payload));

            _rig.Poll();
            _rig.Poll();
            int before = _rig.Transport.PublishCount;
            _rig.Transport.Receive(Requests, Hex.Parse(SeedFrames.GetRequest));
            _rig.Session.Poll();
            Assert.AreEqual(before + 1, _rig.Transport.PublishCount);
            Assert.AreEqual("plant/out/MMSMessage", _rig.Transport.PublishAt(before).Topic);
            Assert.AreEqual(SeedFrames.GetResponse, Hex.Format(_rig.Transport.PublishAt(before).Payload));
        }

        [TestMethod]
        public void ARetainedRequestIsDroppedAndCountedNotCarriedOut()
        {
            _rig = TelemetryRig.Create(0);
            _rig.Begin();

            // A retained Set of QoS 01: the broker would hand it over again after every reconnect.
            int before = _rig.Transport.PublishCount;
            _rig.Transport.ReceiveRetained(Requests, Hex.Parse("AA0081040155D1118410D1118501018704020201028903C30101"));
            _rig.Session.Poll();

            Assert.AreEqual(before, _rig.Transport.PublishCount);
            Assert.AreEqual((byte)0, _rig.Settings.GetByte(PropertyIndex.MqttQos));
            Assert.AreEqual(1, _rig.Log.CountExactly("mms: dropped 1 message(s) received over MQTT, the last: a retained message (the broker keeps it and would replay it after every reconnect)"));

            // The same request live is carried out.
            FakePublish answer = Ask(Hex.Parse("AA0081040155D1118410D1118501018704020201028903C30101"));
            Assert.AreEqual("AA0081048255D11182040000000084820010D1118501018704020201028903C30101", Hex.Format(answer.Payload));
            _rig.Step(TelemetryRig.IntervalMs);
            Assert.Contains("\"remote\":{\"requests\":1,\"dropped\":1,\"rollbacks\":0}", _rig.TelemetryAt(1).Text);
        }

        private static FakePublish Ask(byte[] payload)
        {
            int before = _rig.Transport.PublishCount;
            _rig.Transport.Receive(Requests, payload);
            _rig.Session.Poll();
            for (int i = before; i < _rig.Transport.PublishCount; i++)
            {
                FakePublish p = _rig.Transport.PublishAt(i);
                if (p.Topic == Answers)
                {
                    return p;
                }
            }

            Assert.IsTrue(false, "no answer on " + Answers);
            return null;
        }

        private static byte[] Ascii(string text)
        {
            return SettingsFixtures.Ascii(text);
        }

        private static string GetPropertyZeros(int count)
        {
            return Hex.Zeros(count);
        }
    }
}
