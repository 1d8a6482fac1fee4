using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>
    /// Text zero-padded past its maximum, as MagTek's current configuration app sends the MQTT topics:
    /// 224 bytes, every length in the 82 hi lo form (setMQTTSubTopic in js/Demo_mmsMQTTConfig.js,
    /// WebHID_Public 06ee711). The padding is dropped; content past the maximum (64 for a topic) is
    /// refused with 80 020102 and changes nothing.
    /// </summary>
    [TestClass]
    public class PaddedValueTests
    {
        /// <summary>setMQTTSubTopic's frame up to the value: 84 8200F3, 89 8200E4, C4 8200E0.</summary>
        private static readonly string SubscribeTopicSet = "AA0081040155D111848200F3D111850101870402020102898200E4C48200E0";

        /// <summary>The topic the app builds for MagTek's example device: Org, product, serial number, "/SendCommand" (61 characters).</summary>
        private static readonly string Topic = "MagTek/US/CA/SealBeach/Name/DynaFlexIIPED/B62B3C6/SendCommand";

        [TestMethod]
        public void A224ByteTopicIsStoredWithoutItsPadding()
        {
            MemoryFlashStorage flash = new MemoryFlashStorage();
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), flash, out store);
            string value = Padded(Topic, 224);

            // Success echoes the request payload, all 243 bytes of it; Get reads back 64 bytes.
            ProtocolFixture.AssertAnswer(handler, SubscribeTopicSet + value, "AA0081048255D111820400000000848200F3D111850101870402020102898200E4C48200E0" + value);
            string stored = store.GetText(PropertyIndex.MqttSubscribeTopic);
            Assert.AreEqual(Topic, stored);
            Assert.AreEqual(1, flash.WriteCount);
            ProtocolFixture.AssertAnswer(
                handler,
                "AA0081040155D101840FD1018501018704020201028902C400",
                "AA0081048255D1018204000000008482004FD1018501018704020201028942C440" + Padded(Topic, 64));
        }

        [TestMethod]
        public void ContentPastTheMaximumIsRefused()
        {
            MemoryFlashStorage flash = new MemoryFlashStorage();
            SettingsStore store;
            MmsRequestHandler handler = ProtocolFixture.NewHandler(SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), flash, out store);
            string refused = "AA0081048255D111820480020102";

            // 69 characters then zeros: the 65th to 69th are content. And a stray byte at the end of the padding.
            ProtocolFixture.AssertAnswer(handler, SubscribeTopicSet + Padded(Topic + "/toolong", 224), refused);
            ProtocolFixture.AssertAnswer(handler, SubscribeTopicSet + Padded(Topic, 223) + "01", refused);

            string stored = store.GetText(PropertyIndex.MqttSubscribeTopic);
            Assert.AreEqual("DeviceFirmware/Device/test01", stored);
            Assert.AreEqual(0, flash.WriteCount);
        }

        [TestMethod]
        public void EveryTextSettingTakesPaddingPastItsMaximum()
        {
            // Each stored text property, its maximum of 'a' zero-padded to 224 bytes: stored as the maximum.
            for (int index = 0; index < PropertyTable.Count; index++)
            {
                PropertyDefinition property = PropertyTable.Get(index);
                if (property.Kind != PropertyKind.Ascii || !property.IsStored)
                {
                    continue;
                }

                SettingsStore store;
                MmsRequestHandler handler = ProtocolFixture.NewHandler(SettingsDefaults.ForSimulator(ProtocolFixture.DeviceId), new MemoryFlashStorage(), out store);
                byte[] value = new byte[224];
                for (int i = 0; i < property.MaxLength; i++)
                {
                    value[i] = (byte)'a';
                }

                byte[] request = MmsRequestBuilder.Set(0x31, index, value, 0, value.Length);
                byte[] response = handler.Handle(request, 0, request.Length);
                string status = Hex.Format(response, 8, 6);
                int stored = store.GetLength(index);

                Assert.AreEqual("820400000000", status, property.Name);
                Assert.AreEqual(property.MaxLength, stored, property.Name);
            }
        }

        private static string Padded(string ascii, int length)
        {
            string hex = string.Empty;
            for (int i = 0; i < ascii.Length; i++)
            {
                hex += ((byte)ascii[i]).ToString("X2");
            }

            return hex + Hex.Zeros(length - ascii.Length);
        }
    }
}
