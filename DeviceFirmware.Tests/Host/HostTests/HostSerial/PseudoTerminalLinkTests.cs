using System;
using System.IO;
using DeviceFirmware.Host.Serial;
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
    public void LinkOfARunningPseudoTerminal_IsRefused()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        using PseudoTerminal first = PseudoTerminal.Open(link);

        IOException error = Assert.ThrowsAny<IOException>(() => PseudoTerminal.Open(link));

        Assert.Equal(link + " (-> " + first.SlavePath + ") is in use by another running pseudo-terminal (" + link + ".lock is locked); stop it or choose another path", error.Message);
        Assert.Equal(first.SlavePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void LeftoverLinkToAnExistingDevice_IsReplaced_WhenNobodyHoldsItsLock()
    {
        // What a SIGKILLed simulator leaves behind once its pty number was handed to someone else.
        string link = Path.Combine(_directory, "ttyDEV");
        File.CreateSymbolicLink(link, "/dev/null");
        File.WriteAllText(link + ".lock", string.Empty);

        using PseudoTerminal pty = PseudoTerminal.Open(link);

        Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Dispose_RemovesTheLockFile_AndThePathCanBeUsedAgain()
    {
        string link = Path.Combine(_directory, "ttyDEV");
        PseudoTerminal first = PseudoTerminal.Open(link);
        Assert.True(File.Exists(link + ".lock"));

        first.Dispose();

        Assert.False(File.Exists(link + ".lock"));
        using PseudoTerminal second = PseudoTerminal.Open(link);
        Assert.Equal(second.SlavePath, new FileInfo(link).LinkTarget);
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
