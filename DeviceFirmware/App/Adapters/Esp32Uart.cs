using System;
using System.IO.Ports;
using DeviceFirmware.Runtime;
using DeviceFirmware.Serial;
using nanoFramework.Hardware.Esp32;

namespace DeviceFirmware.App.Adapters
{
    /// <summary>
    /// The configuration UART as <see cref="BoardConfiguration"/> wires it: COM2 on its two pins, at
    /// 115200 baud. The core's SerialLink opens it through this and disposes the channel after a failure.
    /// </summary>
    public sealed class Esp32Uart : ISerialPortOpener
    {
        private readonly IClock _clock;

        /// <summary>Creates the opener; nothing is touched until <see cref="Open"/>.</summary>
        /// <param name="clock">Measures the channel's read timeout.</param>
        public Esp32Uart(IClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _clock = clock;
        }

        /// <inheritdoc />
        public string Name
        {
            get { return BoardConfiguration.SerialPortName + " (RX GPIO" + BoardConfiguration.SerialRxPin.ToString() + ", TX GPIO" + BoardConfiguration.SerialTxPin.ToString() + ")"; }
        }

        /// <inheritdoc />
        public ISerialChannel Open()
        {
            // The pins are mapped before the port object exists, as the ESP32 driver requires.
            // SetPinFunction(int, DeviceFunction): nanoframework/nanoFramework.Hardware.Esp32 Configuration.cs.
            Configuration.SetPinFunction(BoardConfiguration.SerialRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(BoardConfiguration.SerialTxPin, DeviceFunction.COM2_TX);
            SerialPort port = new SerialPort(BoardConfiguration.SerialPortName, BoardConfiguration.SerialBaudRate);
            try
            {
                port.ReadTimeout = BoardConfiguration.SerialReadTimeoutMilliseconds;
                port.WriteTimeout = BoardConfiguration.SerialWriteTimeoutMilliseconds;
                port.Open();
                return new Esp32SerialChannel(port, _clock);
            }
            catch (Exception)
            {
                // Disposing unregisters the port, so the next attempt may construct COM2 again.
                port.Dispose();
                throw;
            }
        }
    }
}
