using System.Threading;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>A condition a test waits for while another thread works.</summary>
    public delegate bool Condition();

    /// <summary>Waits, from a test's thread, for work done on the device's worker threads.</summary>
    public static class Waiting
    {
        /// <summary>Longest wait: generous, because the machine running the tests may be busy.</summary>
        public const int TimeoutMilliseconds = 10000;

        /// <summary>Returns once <paramref name="condition"/> holds; fails the test after <see cref="TimeoutMilliseconds"/>.</summary>
        public static void Until(Condition condition, string what)
        {
            for (int waited = 0; waited < TimeoutMilliseconds; waited += 5)
            {
                if (condition())
                {
                    return;
                }

                Thread.Sleep(5);
            }

            Assert.IsTrue(condition(), "timed out waiting for " + what);
        }
    }
}
