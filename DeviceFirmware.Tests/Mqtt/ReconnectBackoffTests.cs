using System;
using DeviceFirmware.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Mqtt
{
    /// <summary>Reconnect delays: exponential, capped, jittered within bounds, reset on success.</summary>
    [TestClass]
    public class ReconnectBackoffTests
    {
        [TestMethod]
        public void DelaysDoubleUpToTheCap()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 8000, 0, null);

            Assert.AreEqual("1000,2000,4000,8000,8000,8000", Take(backoff, 6));
            Assert.AreEqual(6, backoff.Attempts);
        }

        [TestMethod]
        public void CapThatIsNotAPowerOfTwoIsReachedExactly()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 5000, 0, null);

            Assert.AreEqual("1000,2000,4000,5000,5000", Take(backoff, 5));
        }

        [TestMethod]
        public void ResetStartsAgainFromTheInitialDelay()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(500, 60000, 0, null);
            Take(backoff, 4);

            backoff.Reset();

            Assert.AreEqual(0, backoff.Attempts);
            Assert.AreEqual("500,1000", Take(backoff, 2));
        }

        [TestMethod]
        public void JitterStaysWithinItsBoundsAndVaries()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, 60000, 20, new Random(42));
            int expectedBase = 1000;
            bool varied = false;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                Assert.AreEqual(expectedBase, backoff.CurrentBaseMs);
                int delay = backoff.NextDelay();

                Assert.IsTrue(delay <= expectedBase, "never above the base, so never above the cap");
                Assert.IsTrue(delay >= expectedBase - (expectedBase * 20 / 100), "at most 20 % taken off");
                if (delay != expectedBase)
                {
                    varied = true;
                }

                expectedBase = expectedBase > 30000 ? 60000 : expectedBase * 2;
            }

            Assert.IsTrue(varied);
        }

        [TestMethod]
        public void HugeCapDoesNotOverflow()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(1000, int.MaxValue, 0, null);
            int previous = 0;
            int delay = 0;
            for (int i = 0; i < 40; i++)
            {
                delay = backoff.NextDelay();
                Assert.IsTrue(delay >= previous);
                previous = delay;
            }

            Assert.AreEqual(int.MaxValue, delay);
        }

        [TestMethod]
        public void InvalidSettingsAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReconnectBackoff(0, 1000, 0, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReconnectBackoff(1000, 999, 0, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReconnectBackoff(1000, 2000, 101, new Random(1)));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new ReconnectBackoff(1000, 2000, 10, null));
        }

        private static string Take(ReconnectBackoff backoff, int count)
        {
            string text = string.Empty;
            for (int i = 0; i < count; i++)
            {
                text += (i == 0 ? string.Empty : ",") + backoff.NextDelay().ToString();
            }

            return text;
        }
    }
}
