using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DeviceFirmware.Host.Serial;
using Xunit;

namespace DeviceFirmware.Tests.Host.HostSerial;

/// <summary>Reads end on their timeout, on Dispose, and on a hang-up; they never wedge.</summary>
public sealed class SerialTimeoutTests
{
    [Fact]
    public void PortRead_WithNothingSent_ReturnsZeroAfterItsTimeout()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        byte[] buffer = new byte[16];

        Stopwatch watch = Stopwatch.StartNew();
        int n = port.Read(buffer, 0, buffer.Length, 300);

        Assert.Equal(0, n);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public void MasterRead_WithNothingSent_ReturnsZeroAfterItsTimeout()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        byte[] buffer = new byte[16];

        Stopwatch watch = Stopwatch.StartNew();
        int n = pty.Read(buffer, 0, buffer.Length, 300);

        Assert.Equal(0, n);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public void MasterRead_WithNoClientEverOpened_ReturnsZeroAfterItsTimeout()
    {
        using PseudoTerminal pty = PseudoTerminal.Open(keepSlaveOpen: false);
        byte[] buffer = new byte[16];

        Stopwatch watch = Stopwatch.StartNew();
        int n = pty.Read(buffer, 0, buffer.Length, 300);

        Assert.Equal(0, n);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public void MasterRead_AfterTheClientClosed_WaitsOutItsTimeoutInsteadOfSpinning()
    {
        using PseudoTerminal pty = PseudoTerminal.Open(keepSlaveOpen: false);
        using (TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath))
        {
            port.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.Equal(new byte[] { 1, 2, 3 }, SerialTestSupport.ReadExactly(pty, 3));
        }

        // Linux now reports POLLHUP and EIO on the master until someone reopens the slave.
        byte[] buffer = new byte[16];
        long passesBefore = pty.ReadPasses;
        Stopwatch watch = Stopwatch.StartNew();
        int n = pty.Read(buffer, 0, buffer.Length, 300);

        Assert.Equal(0, n);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
        Assert.InRange(pty.ReadPasses - passesBefore, 2, 40); // naps of 20 ms, not a busy loop

        // ...and the next client is served as usual.
        using TermiosSerialPort again = TermiosSerialPort.Open(pty.SlavePath);
        again.Write(new byte[] { 4, 5 }, 0, 2);
        Assert.Equal(new byte[] { 4, 5 }, SerialTestSupport.ReadExactly(pty, 2));
    }

    [Fact]
    public void PortRead_AfterThePseudoTerminalClosed_ThrowsInsteadOfWaiting()
    {
        PseudoTerminal pty = PseudoTerminal.Open();
        using TermiosSerialPort port = TermiosSerialPort.Open(pty.SlavePath);
        pty.Dispose();
        byte[] buffer = new byte[16];

        Stopwatch watch = Stopwatch.StartNew();
        IOException error = Assert.ThrowsAny<IOException>(() => port.Read(buffer, 0, buffer.Length, 5000));

        Assert.Contains("hung up", error.Message);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// A read with a 20 s timeout is in progress (it has entered its wait loop: the pty's read-pass
    /// counter moved, so it holds its descriptors and waits on the wake pipe too) when the pty is
    /// disposed: it ends at once with ObjectDisposedException instead of waiting out its timeout.
    /// </summary>
    [Fact]
    public async Task Dispose_WakesAWaitingMasterRead()
    {
        PseudoTerminal pty = PseudoTerminal.Open();
        byte[] buffer = new byte[16];
        long passesBefore = pty.ReadPasses;
        Stopwatch watch = Stopwatch.StartNew();
        Task<int> read = Task.Run(() => pty.Read(buffer, 0, buffer.Length, 20000));
        SpinWait.SpinUntil(() => pty.ReadPasses > passesBefore || read.IsCompleted, TimeSpan.FromSeconds(10));
        Assert.False(read.IsCompleted, "the read ended before the pty was disposed: " + read.Status);
        Assert.Equal(passesBefore + 1, pty.ReadPasses);

        pty.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");

        // One pass: the wake ended the wait it was in, it did not time out and loop.
        Assert.Equal(passesBefore + 1, pty.ReadPasses);
    }

    [Fact]
    public void MasterWrite_WithTheClientNotReading_DiscardsItsStaleInputInsteadOfBlocking()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        pty.WriteTimeout = 200;
        byte[] block = new byte[4096];

        Stopwatch watch = Stopwatch.StartNew();
        for (int i = 0; i < 32; i++)
        {
            pty.Write(block, 0, block.Length);
        }

        Assert.True(watch.ElapsedMilliseconds < 10000, $"took {watch.ElapsedMilliseconds} ms");
        Assert.True(pty.StaleInputFlushes > 0);
    }
}
