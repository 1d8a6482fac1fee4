using System;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.TestSupport;
using nanoFramework.TestFramework;

namespace DeviceFirmware.Tests.Telemetry
{
    /// <summary>The JSON payload: exact bytes, fixed-point numbers, missing readings, input checks.</summary>
    [TestClass]
    public class TelemetryPayloadTests
    {
        private const string ReadmeExample =
            "{\"seq\":12,\"boot\":\"7f3c9a2e\",\"up_ms\":120034,\"qos\":1,"
            + "\"readings\":{\"temp_c\":21.50,\"rssi_dbm\":-61,\"heap_free\":48211},"
            + "\"outbox\":{\"queued\":2,\"sent\":11,\"delivered\":9,\"dropped_offline\":0,\"dropped_full\":0,\"failed\":1},"
            + "\"remote\":{\"requests\":0,\"dropped\":0,\"rollbacks\":0}}";

        // value, decimals, expected text
        private static readonly object[] FixedPointTable = new object[]
        {
            0L, 0, "0",
            7L, 0, "7",
            -7L, 0, "-7",
            2150L, 2, "21.50",
            -5L, 2, "-0.05",
            123L, 3, "0.123",
            5L, 6, "0.000005",
            -1000000L, 6, "-1.000000",
            10L, 1, "1.0",
            9L, 0, "9",
            99L, 0, "99",
            100L, 0, "100",
            99L, 2, "0.99",
            100L, 2, "1.00",
            999999999999999999L, 0, "999999999999999999",
            1000000000000000000L, 0, "1000000000000000000",
            long.MaxValue, 0, "9223372036854775807",
            long.MinValue, 0, "-9223372036854775808",
            long.MinValue, 6, "-9223372036854.775808",
        };

        [TestMethod]
        public void PayloadBytesAreExactlyTheDocumentedExample()
        {
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("7f3c9a2e", new ISensor[]
            {
                new FakeSensor("temp_c", 2, 2150),
                new FakeSensor("rssi_dbm", 0, -61),
                new FakeSensor("heap_free", 0, 48211),
            });
            OutboxCounters counters = new OutboxCounters(2, 1, 400, 11, 9, 0, 0, 1, 0);

            byte[] payload = builder.Build(12, 120034, 1, counters, null);

            byte[] expected = SettingsFixtures.Ascii(ReadmeExample);
            Assert.AreEqual(expected.Length, payload.Length);
            Assert.AreEqual(Hex.Format(expected), Hex.Format(payload));

            // The first bytes spelled out, so the encoding (ASCII, no BOM, no whitespace) is pinned too.
            Assert.AreEqual("7B22736571223A31322C22626F6F74223A22", Hex.Format(payload, 0, 18));
        }

        [TestMethod]
        public void FixedPointValuesAreFormattedWithoutFloatingPoint()
        {
            JsonByteWriter writer = new JsonByteWriter(32);
            for (int i = 0; i < FixedPointTable.Length; i += 3)
            {
                long value = (long)FixedPointTable[i];
                int decimals = (int)FixedPointTable[i + 1];
                string expected = (string)FixedPointTable[i + 2];

                writer.Reset();
                writer.WriteFixedPoint(value, decimals);

                Assert.AreEqual(Hex.Format(SettingsFixtures.Ascii(expected)), Hex.Format(writer.ToArray()), expected);
            }
        }

        [TestMethod]
        public void PreparedBytesAndNumbersFillTheBufferExactlyAndNeverPastIt()
        {
            // 9 bytes: {"a": (5) and -1.5 (4) fit exactly; past the end nothing is written, and a
            // refused write leaves what was written before untouched.
            JsonByteWriter writer = new JsonByteWriter(9);
            writer.WriteBytes(JsonByteWriter.Ascii("{\"a\":"));
            writer.WriteFixedPoint(-15, 1);
            Assert.AreEqual(Hex.Format(SettingsFixtures.Ascii("{\"a\":-1.5")), Hex.Format(writer.ToArray()));

            writer.Reset();
            writer.WriteBytes(JsonByteWriter.Ascii("12345678"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => writer.WriteFixedPoint(10, 0));
            Assert.ThrowsException(typeof(InvalidOperationException), () => writer.WriteBytes(JsonByteWriter.Ascii("9A")));
            Assert.AreEqual(8, writer.Length);
            writer.WriteFixedPoint(9, 0);
            Assert.AreEqual(Hex.Format(SettingsFixtures.Ascii("123456789")), Hex.Format(writer.ToArray()));
        }

        [TestMethod]
        public void SensorWithoutReadingIsLeftOut()
        {
            FakeSensor missing = new FakeSensor("a", 0, 1);
            missing.Available = false;
            FakeSensor broken = new FakeSensor("c", 0, 3);
            broken.Throws = true;
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("b", new ISensor[] { missing, new FakeSensor("b", 1, 25), broken });

            string text = Text(builder.Build(1, 0, 0, Zero(), null));

            Assert.AreEqual(
                "{\"seq\":1,\"boot\":\"b\",\"up_ms\":0,\"qos\":0,\"readings\":{\"b\":2.5},"
                + "\"outbox\":{\"queued\":0,\"sent\":0,\"delivered\":0,\"dropped_offline\":0,\"dropped_full\":0,\"failed\":0},"
                + "\"remote\":{\"requests\":0,\"dropped\":0,\"rollbacks\":0}}",
                text);
        }

        [TestMethod]
        public void NoSensorsGiveAnEmptyReadingsObject()
        {
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("boot-1_A", null);

            string text = Text(builder.Build(3, 5, 2, Zero(), null));

            Assert.AreEqual(
                "{\"seq\":3,\"boot\":\"boot-1_A\",\"up_ms\":5,\"qos\":2,\"readings\":{},"
                + "\"outbox\":{\"queued\":0,\"sent\":0,\"delivered\":0,\"dropped_offline\":0,\"dropped_full\":0,\"failed\":0},"
                + "\"remote\":{\"requests\":0,\"dropped\":0,\"rollbacks\":0}}",
                text);
        }

        [TestMethod]
        public void EveryBuildReturnsItsOwnArray()
        {
            // The transport may keep a payload until delivery, so the builder must not reuse it.
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("b", null);
            byte[] first = builder.Build(1, 0, 1, Zero(), null);
            byte[] second = builder.Build(2, 0, 1, Zero(), null);

            Assert.AreNotSame(first, second);
            Assert.AreEqual((byte)'1', first[7]);
            Assert.AreEqual((byte)'2', second[7]);
        }

        [TestMethod]
        public void LongestPayloadIs479BytesAndFitsMaxLength()
        {
            TelemetryPayloadBuilder builder = new TelemetryPayloadBuilder("123456789012345678901234567890123456", new ISensor[]
            {
                new FakeSensor("abcdefghijklmnopqrstuvwx", 6, long.MinValue),
                new FakeSensor("zbcdefghijklmnopqrstuvwx", 0, long.MinValue),
            });
            OutboxCounters counters = new OutboxCounters(int.MinValue, 0, 0, long.MinValue, long.MinValue, long.MinValue, long.MinValue, long.MinValue, 0);

            byte[] payload = builder.Build(long.MinValue, long.MinValue, int.MinValue, counters, null);

            // Every number the builder is given at its longest (long.MinValue: 20 characters,
            // int.MinValue: 11, six decimals: 21), the longest boot ID and sensor names; the remote
            // counters, which count up from zero and cannot be set, at 0: 479 bytes, counted by hand in
            // the text below. MaxLength, the buffer the builder reserves, is a bound computed from the
            // same parts with every number at 21 characters: 568.
            Assert.AreEqual(
                "{\"seq\":-9223372036854775808,\"boot\":\"123456789012345678901234567890123456\",\"up_ms\":-9223372036854775808,\"qos\":-2147483648,"
                + "\"readings\":{\"abcdefghijklmnopqrstuvwx\":-9223372036854.775808,\"zbcdefghijklmnopqrstuvwx\":-9223372036854775808},"
                + "\"outbox\":{\"queued\":-2147483648,\"sent\":-9223372036854775808,\"delivered\":-9223372036854775808,\"dropped_offline\":-9223372036854775808,"
                + "\"dropped_full\":-9223372036854775808,\"failed\":-9223372036854775808},"
                + "\"remote\":{\"requests\":0,\"dropped\":0,\"rollbacks\":0}}",
                Text(payload));
            Assert.AreEqual(479, payload.Length);
            Assert.AreEqual(568, builder.MaxLength);
        }

        [TestMethod]
        public void InvalidBootIdsAndSensorsAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder(null, null));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder(string.Empty, null));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("a\"b", null));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("1234567890123456789012345678901234567", null));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { new FakeSensor("Temp", 0, 0) }));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { new FakeSensor("a b", 0, 0) }));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { new FakeSensor("abcdefghijklmnopqrstuvwxy", 0, 0) }));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { new FakeSensor("x", 7, 0) }));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { new FakeSensor("x", 0, 0), new FakeSensor("x", 1, 0) }));
            Assert.ThrowsException(typeof(ArgumentException), () => new TelemetryPayloadBuilder("b", new ISensor[] { null }));
        }

        private static OutboxCounters Zero()
        {
            return new OutboxCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        private static string Text(byte[] payload)
        {
            char[] chars = new char[payload.Length];
            for (int i = 0; i < payload.Length; i++)
            {
                chars[i] = (char)payload[i];
            }

            return new string(chars);
        }

        [TestMethod]
        public void GeneratedBootIdsAreEightHexDigitsAndDiffer()
        {
            System.Random random = new System.Random(7);
            string first = TelemetryOptions.NewBootId(random);
            string second = TelemetryOptions.NewBootId(random);

            Assert.AreEqual(TelemetryOptions.GeneratedBootIdLength, first.Length);
            Assert.IsTrue(TelemetryPayloadBuilder.IsValidBootId(first));
            for (int i = 0; i < first.Length; i++)
            {
                char c = first[i];
                Assert.IsTrue((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'), first);
            }

            Assert.AreNotEqual(first, second);
        }
    }
}
