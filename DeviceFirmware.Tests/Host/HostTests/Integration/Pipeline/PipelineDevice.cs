using System;
using System.IO;
using System.Text;
using DeviceFirmware.Composition;
using DeviceFirmware.Host.Mqtt;
using DeviceFirmware.Host.Runtime;
using DeviceFirmware.Host.Serial;
using DeviceFirmware.Host.Storage;
using DeviceFirmware.MmsCtl;
using DeviceFirmware.Mqtt;
using DeviceFirmware.Protocol;
using DeviceFirmware.RemoteConfig;
using DeviceFirmware.Settings;
using DeviceFirmware.Telemetry;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Pipeline;

/// <summary>
/// The real device on the host, composed as the ESP32's Program and the simulator compose it: the
/// core's <see cref="DeviceFirmware.Composition.Device"/> built from a <see cref="DevicePlatform"/> with a
/// file-backed flash, a <see cref="PahoMqttTransport"/>, a <see cref="StopwatchClock"/> (through a
/// <see cref="SkippableClock"/>) and a capacity-bounded <see cref="RecordingLog"/>. Every setting
/// below goes through the device's <see cref="MmsRequestHandler"/>, the protocol path.
/// </summary>
/// <remarks>
/// The broker, port, keep-alive and QoS are written with MMS Set requests once the settings are
/// loaded and before anything runs, exactly as a technician would configure a fresh board over its
/// serial port. Nothing runs until the test calls <see cref="Start"/> (the device's own worker
/// threads) or <see cref="Poll"/> (one step of the MQTT session, then one of telemetry, on the
/// test's thread); a test uses one or the other. On request the device also gets its configuration
/// UART, a <see cref="PseudoTerminal"/> as in the simulator, which <see cref="Uart"/> talks to with
/// mmsctl's SLIP session, and a platform <see cref="IReboot"/> for Reset Device.
/// </remarks>
public sealed class PipelineDevice : IDisposable
{
    /// <summary>Message reference the test's MMS requests carry (0x55, as in the manual's examples).</summary>
    public const byte Reference = 0x55;

    // Generous: the device answers within milliseconds, but the machine is shared.
    private const int UartTimeoutMilliseconds = 10000;

    private readonly string _flashDirectory;
    private SerialChannel _uart;
    private bool _disposed;

    private PipelineDevice(string deviceId, string host, int port, int qos, DeviceOptions options, PahoTransportSettings transportSettings, int logCapacity, bool serial, IReboot reboot)
    {
        DeviceId = deviceId;
        Options = options;
        Log = new RecordingLog(logCapacity);
        Clock = new SkippableClock();
        _flashDirectory = Directory.CreateTempSubdirectory("pipeline-flash-").FullName;
        Flash = new FileFlashStorage(Path.Combine(_flashDirectory, "settings.bin"));
        Transport = new PahoMqttTransport(Log, transportSettings ?? new PahoTransportSettings { DisconnectTimeoutMilliseconds = 500 });
        try
        {
            Pty = serial ? PseudoTerminal.Open() : null;
            var platform = new DevicePlatform(Flash, Clock, Log)
            {
                Mqtt = Transport,
                Random = new Random(7),
                SerialPort = serial ? new PseudoTerminalPort(Pty) : null,
                Reboot = reboot,
            };
            Device = new Device(platform, options);
            Device.LoadSettings();

            SetText(PropertyIndex.MqttBroker, host);
            SetUInt16(PropertyIndex.MqttPort, port);
            SetUInt16(PropertyIndex.MqttKeepAlive, 30);
            SetQos(qos);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The device ID the defaults derive the topics and client ID from.</summary>
    public string DeviceId { get; }

    /// <summary>MQTT client ID: property 1.2.2.1.2.6, "DeviceFirmware-" plus the device ID by default.</summary>
    public string ClientId => Store.GetText(PropertyIndex.MqttClientId);

    /// <summary>The telemetry topic: property 1.2.2.1.2.5 plus "/Telemetry".</summary>
    public string Topic => Telemetry.Topic;

    /// <summary>The status topic: property 1.2.2.1.2.5 plus "/Status" (retained "connected", Last Will "disconnected").</summary>
    public string StatusTopic => Device.Settings.GetText(PropertyIndex.MqttPublishTopic) + DeviceTopics.StatusSuffix;

    /// <summary>Where MMS requests over MQTT go: property 1.2.2.1.2.4 (<c>DeviceFirmware/Device/&lt;id&gt;</c> by default).</summary>
    public string CommandTopic => Device.Settings.GetText(PropertyIndex.MqttSubscribeTopic);

    /// <summary>Where the answers come: property 1.2.2.1.2.5 plus "/MMSMessage".</summary>
    public string AnswerTopic => Device.Settings.GetText(PropertyIndex.MqttPublishTopic) + DeviceTopics.MmsResponseSuffix;

    /// <summary>The configuration UART's pseudo-terminal; null unless the device was created with one.</summary>
    public PseudoTerminal Pty { get; }

    /// <summary>What remote configuration counted: the numbers of the payload's "remote" object.</summary>
    public RemoteCounters Remote => Telemetry.RemoteCounters;

    /// <summary>Boot ID in every payload.</summary>
    public string BootId => Device.BootId;

    /// <summary>Device log, shared by every part and the transport.</summary>
    public RecordingLog Log { get; }

    /// <summary>File-backed flash under a temporary directory.</summary>
    public FileFlashStorage Flash { get; }

    /// <summary>Monotonic clock of every part: real time, plus what a test skips.</summary>
    public SkippableClock Clock { get; }

    /// <summary>The Paho transport.</summary>
    public PahoMqttTransport Transport { get; }

    /// <summary>The options the device was composed with.</summary>
    public DeviceOptions Options { get; }

    /// <summary>The composed device.</summary>
    public Device Device { get; }

    /// <summary>The settings store.</summary>
    public SettingsStore Store => Device.Settings;

    /// <summary>The MMS request handler over <see cref="Store"/>.</summary>
    public MmsRequestHandler Handler => Device.Handler;

    /// <summary>The device's MQTT session.</summary>
    public MqttSession Session => Device.Mqtt;

    /// <summary>The device's telemetry loop.</summary>
    public TelemetryPublisher Telemetry => Device.Telemetry;

    /// <summary>Counter snapshot of the session.</summary>
    public OutboxCounters Counters => Session.Counters;

    /// <summary>Sequence number of the last message produced.</summary>
    public long LastSequence => Telemetry.LastSequence;

    /// <summary>
    /// Builds a device for <paramref name="broker"/> publishing at <paramref name="qos"/>.
    /// </summary>
    /// <param name="broker">The broker the MMS Sets point the device to.</param>
    /// <param name="deviceId">At most 16 letters, digits, '-' or '_'; unique per test so client IDs and topics never collide.</param>
    /// <param name="qos">Value written to 1.2.2.1.2.3 before start.</param>
    /// <param name="intervalMs">Telemetry interval.</param>
    /// <param name="configure">Changes to the options (outbox limits and such) before the device is composed.</param>
    /// <param name="transportSettings">Paho settings; default: in-flight window 10, 500 ms disconnect wait.</param>
    /// <param name="logCapacity">Device log lines kept.</param>
    /// <param name="serial">Give the device its configuration UART on a pseudo-terminal (see <see cref="Uart"/>).</param>
    /// <param name="reboot">What Reset Device restarts; null: the device cannot restart and refuses it.</param>
    public static PipelineDevice Create(MosquittoBroker broker, string deviceId, int qos, int intervalMs, Action<DeviceOptions> configure = null, PahoTransportSettings transportSettings = null, int logCapacity = 20000, bool serial = false, IReboot reboot = null)
    {
        var options = new DeviceOptions(SettingsDefaults.ForDevice(deviceId));
        options.Telemetry.BootId = TelemetryOptions.NewBootId(new Random());
        options.Telemetry.IntervalMilliseconds = intervalMs;
        options.Mqtt.BackoffInitialMs = 100;
        options.Mqtt.BackoffMaxMs = 800;
        options.Mqtt.BackoffJitterPercent = 0;
        options.StopTimeoutMilliseconds = 15000;
        configure?.Invoke(options);
        return new PipelineDevice(deviceId, broker.Host, broker.Port, qos, options, transportSettings, logCapacity, serial, reboot);
    }

    /// <summary>
    /// The manual's Set Request example for 1.2.2.1.2.3 (Table 765) with the value byte replaced:
    /// <c>AA00 81040155D111 8410 D111 850101 870402020102 8903C301 0x</c>.
    /// </summary>
    public static byte[] QosSetFrame(int qos)
    {
        byte[] frame = Convert.FromHexString("AA0081040155D1118410D1118501018704020201028903C301" + qos.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return frame;
    }

    /// <summary>Sends an MMS Set of the QoS property through the handler (the seed-style frame) and checks the answer.</summary>
    public void SetQos(int qos)
    {
        byte[] frame = QosSetFrame(qos);

        // The literal frame is exactly what the core's own request builder makes.
        Assert.Equal(frame, MmsRequestBuilder.Set(Reference, PropertyIndex.MqttQos, new[] { (byte)qos }, 0, 1));
        AssertSetSucceeded(Handle(frame), "QoS " + qos);
    }

    /// <summary>Passes a request to the MMS handler and returns its answer.</summary>
    public byte[] Handle(byte[] request) => Handler.Handle(request, 0, request.Length);

    /// <summary>
    /// Sends <paramref name="request"/> over the configuration UART, as mmsctl does (a SLIP frame on
    /// the pseudo-terminal's other end), and returns the device's matching answer. The device must
    /// run (<see cref="Start"/>): its serial worker reads the frame.
    /// </summary>
    /// <exception cref="InvalidOperationException">The device has no UART.</exception>
    public byte[] Uart(byte[] request)
    {
        if (Pty == null)
        {
            throw new InvalidOperationException("this device was created without a UART (serial: true)");
        }

        _uart ??= SerialChannel.Open(Pty.SlavePath, TermiosSerialPort.DefaultBaudRate, UartTimeoutMilliseconds);
        MmsExchange exchange = _uart.Exchange(request);
        Assert.False(exchange.TooBig, "the UART refused the request as too big");
        return exchange.Reply.Message;
    }

    /// <summary>Boots the device: its MQTT session and telemetry run on their own worker threads.</summary>
    public void Start() => Device.Start();

    /// <summary>
    /// Stops the device for good: its workers end and its MQTT session closes. Queued messages stay
    /// in the outbox and the counters keep their values.
    /// </summary>
    public void Stop() => Device.Dispose();

    /// <summary>One deterministic step on the caller's thread: the MQTT session (connect, send what waits), then telemetry (a message if one is due).</summary>
    public void Poll()
    {
        Session.Poll();
        Telemetry.Poll();
    }

    /// <summary>
    /// Waits, while the device runs on its own threads, until its session is up and holds its
    /// subscription to <see cref="CommandTopic"/> (the SUBACK has arrived): requests published from
    /// then on reach it.
    /// </summary>
    public void WaitForSubscription(TimeSpan? timeout = null)
        => Wait.Until(
            () => Session.IsConnected && Session.SubscribedFilter == CommandTopic,
            () => $"the device subscribed to {CommandTopic}\n{Log.Tail(20)}",
            timeout);

    /// <summary>Calls <see cref="Poll"/> until <paramref name="condition"/> holds.</summary>
    public void PollUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
        => Wait.Until(
            () =>
            {
                Poll();
                return condition();
            },
            () => what + "\n" + Log.Tail(20),
            timeout);

    /// <summary>Polls until one more message has been produced; returns its sequence number.</summary>
    public long PollNextMessage()
    {
        long before = LastSequence;
        PollUntil(() => LastSequence > before, "the next telemetry message");
        return LastSequence;
    }

    /// <summary>Stops the device, disposes the transport and deletes the flash file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Device?.Dispose();
        _uart?.Dispose();
        Pty?.Dispose();
        Transport.Dispose();
        try
        {
            Directory.Delete(_flashDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes a text property with an MMS Set through the handler (as over the UART before start) and checks the answer.</summary>
    public void SetText(int index, string text)
    {
        byte[] value = Encoding.ASCII.GetBytes(text);
        AssertSetSucceeded(Handle(MmsRequestBuilder.Set(Reference, index, value, 0, value.Length)), PropertyTable.Get(index).Name);
    }

    /// <summary>Writes a two-byte number property with an MMS Set through the handler and checks the answer.</summary>
    public void SetUInt16(int index, int number)
    {
        byte[] value = { (byte)(number >> 8), (byte)number };
        AssertSetSucceeded(Handle(MmsRequestBuilder.Set(Reference, index, value, 0, value.Length)), PropertyTable.Get(index).Name);
    }

    /// <summary>
    /// Checks a Set Property response: <c>AA00 8104 82 55 D111 8204 00000000 ...</c> (device-to-host,
    /// our reference, Set Property, status 0: success), as in the manual's Table 766.
    /// </summary>
    public static void AssertSetSucceeded(byte[] response, string what)
    {
        Assert.NotNull(response);
        Assert.True(response.Length >= 14, $"Set {what}: short response {Convert.ToHexString(response)}");
        Assert.Equal("AA0081048255D111820400000000", Convert.ToHexString(response, 0, 14));
    }
}
