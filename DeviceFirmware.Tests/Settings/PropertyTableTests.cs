using DeviceFirmware.Settings;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Settings
{
    /// <summary>
    /// The table's OID lookups, which compare one integer key per property (PropertyTable.OidKey),
    /// against the plain arc-by-arc comparison of each definition (PropertyDefinition.OidStartsWith):
    /// every property, every prefix of its OID, and arcs no property has. Also the character rules of
    /// text values for every byte, against the rules as the README states them.
    /// </summary>
    [TestClass]
    public class PropertyTableTests
    {
        [TestMethod]
        public void EveryOidAndEveryPrefixFindsWhatTheArcsFind()
        {
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                byte[] oid = PropertyTable.Get(i).CopyOid();
                int found = PropertyTable.IndexOfOid(oid, 0, oid.Length);
                Assert.AreEqual(i, found, PropertyTable.Get(i).Name);
                for (int count = 0; count <= oid.Length; count++)
                {
                    AssertPrefixAsByArcs(oid, count);

                    // The same arcs behind other bytes in the buffer.
                    byte[] framed = new byte[oid.Length + 2];
                    framed[0] = 0xFF;
                    System.Array.Copy(oid, 0, framed, 1, oid.Length);
                    int first;
                    int run = PropertyTable.FindPrefix(framed, 1, count, out first);
                    int expectedFirst;
                    int expectedRun = ByArcs(oid, 0, count, out expectedFirst);
                    Assert.AreEqual(expectedRun, run);
                    Assert.AreEqual(expectedFirst, first);
                }
            }
        }

        [TestMethod]
        public void ArcsNoPropertyHasFindNothing()
        {
            byte[][] cases = new byte[][]
            {
                new byte[] { 1, 2, 2, 1, 2, 0 },        // arc 0
                new byte[] { 1, 2, 2, 1, 2, 0x1F },     // an arc a one-byte tag cannot hold
                new byte[] { 1, 2, 2, 1, 2, 0x23 },     // the QoS arc with a class bit
                new byte[] { 0xC1, 2, 2, 1, 2, 3 },     // a type with class bits
                new byte[] { 1, 2, 2, 1, 2, 3, 1 },     // seven arcs
                new byte[] { 1, 2, 2, 1, 2, 0x1E },     // the largest arc, no such property
                new byte[] { 3 },                       // no such type
            };

            for (int c = 0; c < cases.Length; c++)
            {
                byte[] arcs = cases[c];
                Assert.AreEqual(-1, PropertyTable.IndexOfOid(arcs, 0, arcs.Length));
                for (int count = 0; count <= arcs.Length; count++)
                {
                    AssertPrefixAsByArcs(arcs, count);
                }
            }
        }

        [TestMethod]
        public void EveryByteIsAllowedAsItsTextRuleSays()
        {
            // Printable: 20 to 7E; no spaces: 21 to 7E; a publish topic: no spaces, no '+' or '#'.
            string[] names = new string[] { "wlan.ssid", "mqtt.broker", "mqtt.publish-topic" };
            for (int n = 0; n < names.Length; n++)
            {
                PropertyDefinition property = PropertyTable.Get(PropertyTable.IndexOfName(names[n]));
                for (int b = 1; b < 256; b++)
                {
                    bool allowed = b >= (n == 0 ? 0x20 : 0x21) && b <= 0x7E && (n < 2 || (b != '+' && b != '#'));
                    byte[] value = new byte[] { (byte)'a', (byte)b };
                    PropertyValueError expected = allowed ? PropertyValueError.None : PropertyValueError.BadCharacter;
                    Assert.AreEqual((int)expected, (int)property.Validate(value, 0, value.Length), names[n] + " " + b.ToString());
                }
            }
        }

        private static void AssertPrefixAsByArcs(byte[] arcs, int count)
        {
            int first;
            int run = PropertyTable.FindPrefix(arcs, 0, count, out first);
            int expectedFirst;
            int expectedRun = ByArcs(arcs, 0, count, out expectedFirst);
            string what = "prefix of " + count.ToString() + " arcs of " + arcs[0].ToString() + "." + arcs.Length.ToString();
            Assert.AreEqual(expectedRun, run, what);
            Assert.AreEqual(expectedFirst, first, what);
        }

        // The run of properties whose OID starts with the arcs, found by comparing arcs.
        private static int ByArcs(byte[] arcs, int offset, int count, out int first)
        {
            first = -1;
            int run = 0;
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                if (PropertyTable.Get(i).OidStartsWith(arcs, offset, count))
                {
                    if (run == 0)
                    {
                        first = i;
                    }

                    run++;
                }
            }

            return run;
        }
    }
}
