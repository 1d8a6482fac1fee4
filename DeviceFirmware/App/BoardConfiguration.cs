namespace DeviceFirmware.App
{
    /// <summary>
    /// Everything that depends on how the ESP32 board is wired, in one place.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The configuration UART is COM2 (ESP32 UART1). COM1 (UART0) carries the nanoFramework debugger
    /// and deployment protocol, and the firmware refuses to open it while the debugger uses it.
    /// COM2 has no default pins on nanoFramework, so the composition maps them with
    /// <c>Configuration.SetPinFunction</c> before it constructs the port.
    /// </para>
    /// <para>
    /// Pins are chosen at build time with one conditional-compilation symbol, added to the
    /// <c>DefineConstants</c> of <c>DeviceFirmware.App.nfproj</c> (for example
    /// <c>&lt;DefineConstants&gt;$(DefineConstants);BOARD_UART_GPIO32_GPIO33&lt;/DefineConstants&gt;</c>):
    /// </para>
    /// <list type="table">
    /// <item><term>(no symbol)</term><description>RX GPIO16, TX GPIO17: the pins UART2 uses on ESP32-WROOM-32 DevKitC boards. Not usable on WROVER modules, whose PSRAM takes GPIO16 and GPIO17.</description></item>
    /// <item><term><c>BOARD_UART_GPIO32_GPIO33</c></term><description>RX GPIO32, TX GPIO33: the pins of nanoFramework's serial sample; free on WROOM and WROVER modules.</description></item>
    /// <item><term><c>BOARD_UART_GPIO21_GPIO19</c></term><description>RX GPIO21, TX GPIO19: the pins the nanoFramework.Hardware.Esp32 README uses for COM2.</description></item>
    /// </list>
    /// <para>
    /// Another board gets another <c>#elif</c> block below. Avoid GPIO6 to GPIO11 (SPI flash) and the
    /// strapping pins GPIO0, GPIO2, GPIO5, GPIO12 and GPIO15.
    /// </para>
    /// </remarks>
    internal static class BoardConfiguration
    {
#if BOARD_UART_GPIO32_GPIO33
        /// <summary>GPIO that receives from the configuring host (UART RX).</summary>
        public const int SerialRxPin = 32;

        /// <summary>GPIO that transmits to the configuring host (UART TX).</summary>
        public const int SerialTxPin = 33;
#elif BOARD_UART_GPIO21_GPIO19
        /// <summary>GPIO that receives from the configuring host (UART RX).</summary>
        public const int SerialRxPin = 21;

        /// <summary>GPIO that transmits to the configuring host (UART TX).</summary>
        public const int SerialTxPin = 19;
#else
        /// <summary>GPIO that receives from the configuring host (UART RX).</summary>
        public const int SerialRxPin = 16;

        /// <summary>GPIO that transmits to the configuring host (UART TX).</summary>
        public const int SerialTxPin = 17;
#endif

        /// <summary>The configuration UART. COM1 belongs to the debugger.</summary>
        public const string SerialPortName = "COM2";

        /// <summary>Line speed, 8 data bits, no parity, one stop bit: what the host tools open.</summary>
        public const int SerialBaudRate = 115200;

        /// <summary>
        /// How long one read waits for the first byte. Short, so the serial service's loop regains
        /// control often enough to time out a half-received frame.
        /// </summary>
        public const int SerialReadTimeoutMilliseconds = 100;

        /// <summary>How long one write may take before the port gives up (a response is at most a few KB at 11.5 KB/s).</summary>
        public const int SerialWriteTimeoutMilliseconds = 2000;

        /// <summary>Telemetry interval: one message every 10 s.</summary>
        public const int TelemetryIntervalMilliseconds = 10000;

        /// <summary>
        /// Folder on the internal LittleFS drive that holds the settings slots. The drive also keeps the
        /// device's own network configuration, so the firmware stays inside its own folder.
        /// </summary>
        public const string SettingsDirectory = "I:\\devicefirmware";

        /// <summary>Slot files are named <c>settings0.bin</c>, <c>settings1.bin</c>, <c>settings2.bin</c>.</summary>
        public const string SettingsFilePrefix = "settings";

        /// <summary>
        /// The settings store alternates between slots 0 and 1 and keeps the last connection settings
        /// known to work, while a remote change is tried, in slot 2 (<c>SettingsStore.FallbackSlot</c>).
        /// A slot whose file does not exist yet reads as empty.
        /// </summary>
        public const int SettingsSlotCount = 3;

        /// <summary>
        /// Largest settings record. Twelve properties of at most 64 bytes plus headers stay well below it.
        /// </summary>
        public const int SettingsSlotCapacity = 1024;

        /// <summary>
        /// PEM file of the CA that signed the MQTT broker's certificate, read at the first TLS connect
        /// (port 8883) and trusted in addition to the CA certificates stored in the device's
        /// configuration. Optional: without it only the stored ones are trusted. Put it on the board
        /// with <c>nanoff --filedeployment</c> (see README.md).
        /// </summary>
        public const string BrokerCaCertificatePath = SettingsDirectory + "\\ca.pem";

        /// <summary>Device ID used when no network interface reports a MAC address.</summary>
        public const string FallbackDeviceId = "esp32";
    }
}
