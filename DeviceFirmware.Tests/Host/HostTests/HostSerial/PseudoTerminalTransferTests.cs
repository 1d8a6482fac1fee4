using System;
using System.Threading.Tasks;
using DeviceFirmware.Host.Serial;
using Xunit;

namespace DeviceFirmware.Tests.Host.HostSerial;

/// <summary>Bytes between a <see cref="PseudoTerminal"/> master and a <see cref="TermiosSerialPort"/> on its slave arrive untouched.</summary>
public sealed class PseudoTerminalTransferTests
{
    [Fact]
    public void EveryByteValue_PortToMaster_ArrivesUnchanged()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        byte[] data = SerialTestSupport.AllByteValues();

        port.Write(data, 0, data.Length);

        Assert.Equal(data, SerialTestSupport.ReadExactly(pty, data.Length));
    }

    [Fact]
    public void EveryByteValue_MasterToPort_ArrivesUnchanged()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        byte[] data = SerialTestSupport.AllByteValues();

        pty.Write(data, 0, data.Length);

        Assert.Equal(data, SerialTestSupport.ReadExactly(port, data.Length));
    }

    [Fact]
    public async Task RandomBlocks_BothWaysAtOnce_ArriveUnchanged()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        pty.WriteTimeout = 20000; // a loaded machine must not look like a client that stopped reading
        Random random = new(1234);
        byte[] up = new byte[48 * 1024];
        byte[] down = new byte[48 * 1024];
        random.NextBytes(up);
        random.NextBytes(down);

        Task<byte[]> readUp = Task.Run(() => SerialTestSupport.ReadExactly(pty, up.Length, 20000));
        Task<byte[]> readDown = Task.Run(() => SerialTestSupport.ReadExactly(port, down.Length, 20000));
        Task writeUp = Task.Run(() => port.Write(up, 0, up.Length));
        Task writeDown = Task.Run(() => pty.Write(down, 0, down.Length));
        await Task.WhenAll(writeUp, writeDown);

        Assert.Equal(up, await readUp);
        Assert.Equal(down, await readDown);
        Assert.Equal(0, pty.BytesDropped);
        Assert.Equal(0, pty.StaleInputFlushes);
    }

    [Fact]
    public void BothSides_AreRaw()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);

        DeviceFirmware.Host.Serial.Native.Termios termios = port.ReadAttributes();

        Assert.Equal(0UL, termios.LocalFlags & (DeviceFirmware.Host.Serial.Native.Termios.ICANON | DeviceFirmware.Host.Serial.Native.Termios.ECHO | DeviceFirmware.Host.Serial.Native.Termios.ISIG));
        Assert.Equal(0UL, termios.InputFlags & (DeviceFirmware.Host.Serial.Native.Termios.IXON | DeviceFirmware.Host.Serial.Native.Termios.IXOFF | DeviceFirmware.Host.Serial.Native.Termios.ICRNL));
        Assert.Equal(0UL, termios.OutputFlags & DeviceFirmware.Host.Serial.Native.Termios.OPOST);
        Assert.Equal(DeviceFirmware.Host.Serial.Native.Termios.CS8, termios.ControlFlags & DeviceFirmware.Host.Serial.Native.Termios.CSIZE);
        Assert.NotEqual(0UL, termios.ControlFlags & DeviceFirmware.Host.Serial.Native.Termios.CLOCAL);
        Assert.Equal(1, termios.GetControlChar(DeviceFirmware.Host.Serial.Native.Termios.VMin));
        Assert.Equal(0, termios.GetControlChar(DeviceFirmware.Host.Serial.Native.Termios.VTime));
    }
}
