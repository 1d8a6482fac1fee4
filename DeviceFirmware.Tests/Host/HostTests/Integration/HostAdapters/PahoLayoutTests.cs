using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using DeviceFirmware.Host.Mqtt.Native;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.HostAdapters;

/// <summary>
/// Proves the P/Invoke structs match /usr/include/MQTTClient.h: a C program generated from the C#
/// field names is compiled with gcc against the installed header (CI installs libpaho-mqtt-dev) and
/// prints sizeof, offsetof and sizeof of every field, the bytes of each *_initializer macro, and the
/// #define values; the marshaller's view must agree on all of them.
/// </summary>
public sealed class PahoLayoutTests : IClassFixture<PahoLayoutTests.CompiledProbe>
{
    private const string Header = "/usr/include/MQTTClient.h";

    /// <summary>C struct name -> its C# mirror and the factory that mirrors the initializer macro.</summary>
    private static readonly (string CName, Type Mirror, string Initializer)[] Structs =
    {
        ("MQTTClient_connectOptions", typeof(MQTTClient_connectOptions), "MQTTClient_connectOptions_initializer"),
        ("MQTTClient_SSLOptions", typeof(MQTTClient_SSLOptions), "MQTTClient_SSLOptions_initializer"),
        ("MQTTClient_message", typeof(MQTTClient_message), "MQTTClient_message_initializer"),
        ("MQTTClient_willOptions", typeof(MQTTClient_willOptions), "MQTTClient_willOptions_initializer"),
        ("MQTTProperties", typeof(MQTTProperties), "MQTTProperties_initializer"),
    };

    /// <summary>C# constant -> C macro.</summary>
    private static readonly (int Value, string Macro)[] Constants =
    {
        (PahoConstants.Success, "MQTTCLIENT_SUCCESS"),
        (PahoConstants.Failure, "MQTTCLIENT_FAILURE"),
        (PahoConstants.Disconnected, "MQTTCLIENT_DISCONNECTED"),
        (PahoConstants.MaxMessagesInflight, "MQTTCLIENT_MAX_MESSAGES_INFLIGHT"),
        (PahoConstants.BadUtf8String, "MQTTCLIENT_BAD_UTF8_STRING"),
        (PahoConstants.NullParameter, "MQTTCLIENT_NULL_PARAMETER"),
        (PahoConstants.TopicNameTruncated, "MQTTCLIENT_TOPICNAME_TRUNCATED"),
        (PahoConstants.BadStructure, "MQTTCLIENT_BAD_STRUCTURE"),
        (PahoConstants.BadQos, "MQTTCLIENT_BAD_QOS"),
        (PahoConstants.SslNotSupported, "MQTTCLIENT_SSL_NOT_SUPPORTED"),
        (PahoConstants.BadMqttVersion, "MQTTCLIENT_BAD_MQTT_VERSION"),
        (PahoConstants.BadProtocol, "MQTTCLIENT_BAD_PROTOCOL"),
        (PahoConstants.BadMqttOption, "MQTTCLIENT_BAD_MQTT_OPTION"),
        (PahoConstants.WrongMqttVersion, "MQTTCLIENT_WRONG_MQTT_VERSION"),
        (PahoConstants.ZeroLengthWillTopic, "MQTTCLIENT_0_LEN_WILL_TOPIC"),
        (PahoConstants.BadSubscribe, "MQTT_BAD_SUBSCRIBE"),
        (PahoConstants.PersistenceNone, "MQTTCLIENT_PERSISTENCE_NONE"),
        (PahoConstants.MqttVersionDefault, "MQTTVERSION_DEFAULT"),
        (PahoConstants.MqttVersion311, "MQTTVERSION_3_1_1"),
        (PahoConstants.SslVersionDefault, "MQTT_SSL_VERSION_DEFAULT"),
    };

    private readonly CompiledProbe _probe;

    /// <summary>Receives the probe compiled once for the class.</summary>
    public PahoLayoutTests(CompiledProbe probe)
    {
        _probe = probe;
    }

    /// <summary>The C struct names under test.</summary>
    public static IEnumerable<object[]> StructNames() => Structs.Select(s => new object[] { s.CName });

    [Theory]
    [MemberData(nameof(StructNames))]
    public void Size_and_every_field_offset_and_size_match_the_header(string cName)
    {
        Type mirror = Structs.Single(s => s.CName == cName).Mirror;
        Assert.Equal(_probe.Value($"size {cName}"), Marshal.SizeOf(mirror));
        foreach (Leaf leaf in Leaves(mirror))
        {
            Assert.True(_probe.Value($"offset {cName}.{leaf.Path}") == leaf.Offset, $"offsetof({cName}, {leaf.Path}): C {_probe.Value($"offset {cName}.{leaf.Path}")}, C# {leaf.Offset}");
            Assert.True(_probe.Value($"fsize {cName}.{leaf.Path}") == leaf.Size, $"sizeof({cName}.{leaf.Path}): C {_probe.Value($"fsize {cName}.{leaf.Path}")}, C# {leaf.Size}");
        }

        // Every byte of the C struct is a mirrored field or padding between/after them.
        int covered = Leaves(mirror).Sum(l => l.Size);
        Assert.True(covered <= Marshal.SizeOf(mirror));
    }

    [Theory]
    [MemberData(nameof(StructNames))]
    public void CreateDefault_equals_the_initializer_macro_field_by_field(string cName)
    {
        (string _, Type mirror, string initializer) = Structs.Single(s => s.CName == cName);
        byte[] c = _probe.Bytes($"init {cName}");
        byte[] managed = Marshalled(mirror);
        Assert.Equal(c.Length, managed.Length);
        foreach (Leaf leaf in Leaves(mirror))
        {
            Assert.True(
                c.AsSpan(leaf.Offset, leaf.Size).SequenceEqual(managed.AsSpan(leaf.Offset, leaf.Size)),
                $"{initializer}.{leaf.Path}: C {Convert.ToHexString(c, leaf.Offset, leaf.Size)}, C# {Convert.ToHexString(managed, leaf.Offset, leaf.Size)}");
        }
    }

    [Fact]
    public void Struct_version_constants_are_the_header_initializer_versions()
    {
        Assert.Equal(MQTTClient_connectOptions.Version, _probe.Value("version MQTTClient_connectOptions"));
        Assert.Equal(MQTTClient_SSLOptions.Version, _probe.Value("version MQTTClient_SSLOptions"));
        Assert.Equal(MQTTClient_message.Version, _probe.Value("version MQTTClient_message"));
        Assert.Equal(MQTTClient_willOptions.Version, _probe.Value("version MQTTClient_willOptions"));
    }

    [Fact]
    public void Constants_match_the_header_defines()
    {
        foreach ((int value, string macro) in Constants)
        {
            Assert.True(_probe.Value($"const {macro}") == value, $"{macro}: C {_probe.Value($"const {macro}")}, C# {value}");
        }
    }

    private static byte[] Marshalled(Type mirror)
    {
        object value = mirror.GetMethod("CreateDefault", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, null)
                       ?? Activator.CreateInstance(mirror);
        int size = Marshal.SizeOf(mirror);
        IntPtr p = Marshal.AllocHGlobal(size);
        try
        {
            // Zero first so padding compares equal to the C static initializer's zero padding.
            Marshal.Copy(new byte[size], 0, p, size);
            Marshal.StructureToPtr(value, p, false);
            var bytes = new byte[size];
            Marshal.Copy(p, bytes, 0, size);
            return bytes;
        }
        finally
        {
            Marshal.FreeHGlobal(p);
        }
    }

    /// <summary>A primitive or pointer field, with its path (nested structs flattened as a.b).</summary>
    public sealed record Leaf(string Path, int Offset, int Size);

    /// <summary>Every leaf field of <paramref name="type"/>, with marshalled offsets.</summary>
    public static IEnumerable<Leaf> Leaves(Type type, string prefix = "", int baseOffset = 0)
    {
        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            int offset = baseOffset + Marshal.OffsetOf(type, field.Name).ToInt32();
            Type ft = field.FieldType;
            if (ft.IsPrimitive || ft == typeof(IntPtr))
            {
                yield return new Leaf(prefix + field.Name, offset, Marshal.SizeOf(ft));
            }
            else
            {
                foreach (Leaf nested in Leaves(ft, prefix + field.Name + ".", offset))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Generates, compiles and runs the C probe once for the test class.</summary>
    public sealed class CompiledProbe : IDisposable
    {
        private readonly string _directory;
        private readonly Dictionary<string, string> _values = new();

        /// <summary>Writes probe.c, compiles it with gcc against the installed header and runs it.</summary>
        public CompiledProbe()
        {
            Assert.True(File.Exists(Header), $"{Header} is missing: install libpaho-mqtt-dev (CI does apt-get install libpaho-mqtt-dev).");
            _directory = Directory.CreateTempSubdirectory("paho-layout-").FullName;
            string source = Path.Combine(_directory, "probe.c");
            string binary = Path.Combine(_directory, "probe");
            File.WriteAllText(source, Generate());
            Run("gcc", $"-std=c11 -Wall -Werror -o {binary} {source}");
            foreach (string line in Run(binary, string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int split = line.LastIndexOf(' ');
                _values[line[..split]] = line[(split + 1)..];
            }
        }

        /// <summary>A number the probe printed under <paramref name="key"/>.</summary>
        public long Value(string key)
        {
            Assert.True(_values.ContainsKey(key), $"probe printed no '{key}'");
            return long.Parse(_values[key], CultureInfo.InvariantCulture);
        }

        /// <summary>Bytes the probe printed in hex under <paramref name="key"/>.</summary>
        public byte[] Bytes(string key)
        {
            Assert.True(_values.ContainsKey(key), $"probe printed no '{key}'");
            return Convert.FromHexString(_values[key]);
        }

        /// <summary>Deletes the probe directory.</summary>
        public void Dispose()
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static string Generate()
        {
            var c = new StringBuilder();
            c.AppendLine("#include <stdio.h>");
            c.AppendLine("#include <stddef.h>");
            c.AppendLine("#include <MQTTClient.h>");
            c.AppendLine("#include <MQTTClientPersistence.h>");
            c.AppendLine("static void dump(const char* key, const void* p, size_t n) { const unsigned char* b = p; printf(\"%s \", key); for (size_t i = 0; i < n; i++) printf(\"%02X\", b[i]); printf(\"\\n\"); }");
            foreach ((string cName, Type _, string initializer) in Structs)
            {
                // Static storage: the padding between fields is zero, as in the managed copy.
                c.AppendLine(CultureInfo.InvariantCulture, $"static {cName} init_{cName} = {initializer};");
            }

            c.AppendLine("int main(void) {");
            foreach ((string cName, Type mirror, string _) in Structs)
            {
                c.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"size {cName} %zu\\n\", sizeof({cName}));");
                foreach (Leaf leaf in Leaves(mirror))
                {
                    c.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"offset {cName}.{leaf.Path} %zu\\n\", offsetof({cName}, {leaf.Path}));");
                    c.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"fsize {cName}.{leaf.Path} %zu\\n\", sizeof((({cName}*)0)->{leaf.Path}));");
                }

                c.AppendLine(CultureInfo.InvariantCulture, $"  dump(\"init {cName}\", &init_{cName}, sizeof init_{cName});");
                if (mirror.GetField("struct_version") != null)
                {
                    c.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"version {cName} %d\\n\", init_{cName}.struct_version);");
                }
            }

            foreach ((int _, string macro) in Constants)
            {
                c.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"const {macro} %d\\n\", (int)({macro}));");
            }

            c.AppendLine("  return 0;");
            c.AppendLine("}");
            return c.ToString();
        }

        private static string Run(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info);
            string output = process.StandardOutput.ReadToEndAsync().Result;
            string error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), $"{file} did not finish");
            Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}):\n{error}\n{output}");
            return output;
        }
    }
}
