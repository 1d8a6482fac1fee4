using DeviceFirmware.Protocol;
using DeviceFirmware.Settings;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Protocol
{
    /// <summary>The client-side request builder produces the manual's simple-form frames exactly.</summary>
    [TestClass]
    public class RequestBuilderTests
    {
        [TestMethod]
        public void GetOfQosIsTheSeedGetRequest()
        {
            Assert.AreEqual("AA0081040155D101840FD1018501018704020201028902C300", Hex.Format(MmsRequestBuilder.Get(0x55, PropertyIndex.MqttQos)));
        }

        [TestMethod]
        public void SetOfQosIsTheSeedSetRequest()
        {
            byte[] value = new byte[] { 0x00 };
            Assert.AreEqual("AA0081040155D1118410D1118501018704020201028903C30100", Hex.Format(MmsRequestBuilder.Set(0x55, PropertyIndex.MqttQos, value, 0, 1)));
        }

        [TestMethod]
        public void BranchGetPutsTheLastArcInTheRemainder()
        {
            byte[] arcs = new byte[] { 1, 2, 2, 1, 1 };
            Assert.AreEqual("AA0081040155D101840ED1018501018703020201" + "8902C100", Hex.Format(MmsRequestBuilder.GetBranch(0x55, arcs, 5)));
        }

        [TestMethod]
        public void BranchGetOfABareTypeSendsAnEmptyRemainder()
        {
            byte[] arcs = new byte[] { 1 };
            Assert.AreEqual("AA0081040155D1018407D1018501018900", Hex.Format(MmsRequestBuilder.GetBranch(0x55, arcs, 1)));
        }

        [TestMethod]
        public void LongValuesGetALongFormLength()
        {
            byte[] value = new byte[64];
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = (byte)'a';
            }

            byte[] request = MmsRequestBuilder.Set(0x01, PropertyIndex.MqttBroker, value, 0, value.Length);

            // 84 4F: 2 + 3 + 6 + (89 42 C1 40 + 64) = 79 bytes of payload.
            Assert.AreEqual("AA0081040101D111844FD111850101870402020102" + "8942C140", Hex.Format(request, 0, 25));
            Assert.AreEqual(8 + 2 + 79, request.Length);
        }

        [TestMethod]
        public void ArcsOutsideOneByteTagsAreRefused()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => MmsRequestBuilder.GetBranch(0x01, new byte[] { 1, 2, 0x1F }, 3));
            Assert.ThrowsException(typeof(System.ArgumentException), () => MmsRequestBuilder.GetBranch(0x01, new byte[] { 1, 0 }, 2));
        }
    }
}
