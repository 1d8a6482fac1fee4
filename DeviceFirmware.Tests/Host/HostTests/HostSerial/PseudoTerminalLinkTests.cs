using System;
using System.IO;
using DeviceFirmware.HostPlatform.Serial;
using Xunit;

namespace DeviceFirmware.Tests.Host.HostSerial;

/// <summary>The symbolic link at the requested path: created, replaced when stale, never clobbering anything else, removed on dispose.</summary>
public sealed class PseudoTerminalLinkTests : IDisposable
{
    private readonly string _directory = SerialTestSupport.NewDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Link_PointsAtTheSlave_AndWorksAsAPortPath()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        using PseudoTerminal pty = PseudoTerminal.Open(link);

        Assert.Equal(link, pty.LinkPath);
        Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);
        using TermiosSerialPort port = TermiosSerialPort.Open(link);
        port.Write(new byte[] { 0xC0 }, 0, 1);
        Assert.Equal(new byte[] { 0xC0 }, SerialTestSupport.ReadExactly(pty, 1));
    }

    [Fact]
    public void Dispose_RemovesTheLink()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        PseudoTerminal pty = PseudoTerminal.Open(link);

        pty.Dispose();

        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.False(File.Exists(link));
    }

    [Fact]
    public void StaleLink_IsReplaced()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");

        using PseudoTerminal pty = PseudoTerminal.Open(link);

        Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void LinkToALiveDevice_IsRefused()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        using PseudoTerminal first = PseudoTerminal.Open(link);

        IOException error = Assert.ThrowsAny<IOException>(() => PseudoTerminal.Open(link));

        Assert.Contains("already links to " + first.SlavePath, error.Message);
        Assert.Equal(first.SlavePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void RegularFile_IsNotReplaced()
    {
        string path = Path.Combine(_directory, "ttyDEV");
        File.WriteAllText(path, "keep me");

        IOException error = Assert.ThrowsAny<IOException>(() => PseudoTerminal.Open(path));

        Assert.Contains("not a symbolic link", error.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Dispose_LeavesALinkSomeoneElseTookOver()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        PseudoTerminal pty = PseudoTerminal.Open(link);
        File.Delete(link);
        File.CreateSymbolicLink(link, "/somewhere/else");

        pty.Dispose();

        Assert.Equal("/somewhere/else", new FileInfo(link).LinkTarget);
    }
}
