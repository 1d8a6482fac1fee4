namespace System.IO.Ports
{
    // System.IO.Ports:System.IO.Ports/Parity.cs (values per shared/reference/nanoframework.md §2)
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    // System.IO.Ports:System.IO.Ports/StopBits.cs (values per shared/reference/nanoframework.md §2)
    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    // System.IO.Ports:System.IO.Ports/SerialPort.cs
    public sealed class SerialPort : IDisposable
    {
        // System.IO.Ports:System.IO.Ports/SerialPort.cs (the defaults are compiled into the caller)
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { throw null; }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs
        public void Open() { throw null; }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs
        public void Dispose() { throw null; }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs
        public int ReadTimeout { get { throw null; } set { throw null; } }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs
        public int WriteTimeout { get { throw null; } set { throw null; } }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs (native getter)
        public int BytesToRead { get { throw null; } }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs (on ESP32 waits until `count` bytes are buffered)
        public int Read(byte[] buffer, int offset, int count) { throw null; }

        // System.IO.Ports:System.IO.Ports/SerialPort.cs
        public void Write(byte[] buffer, int offset, int count) { throw null; }
    }
}
