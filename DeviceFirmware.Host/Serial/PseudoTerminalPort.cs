using System;
using DeviceFirmware.Serial;

namespace DeviceFirmware.Host.Serial;

/// <summary>
/// The simulator's configuration UART: an open <see cref="PseudoTerminal"/>, handed to the device
/// the way a USB-UART adapter is wired to a board. The adapter outlives the board: the pty and its
/// link stay when the composed device restarts, and whoever opened the pty disposes it.
/// </summary>
public sealed class PseudoTerminalPort : ISerialPortOpener
{
    private readonly PseudoTerminal _pty;

    /// <summary>Wraps an open pseudo-terminal; the caller keeps owning it.</summary>
    public PseudoTerminalPort(PseudoTerminal pty)
    {
        ArgumentNullException.ThrowIfNull(pty);
        _pty = pty;
    }

    /// <inheritdoc />
    public string Name => _pty.LinkPath ?? _pty.SlavePath;

    /// <inheritdoc />
    /// <remarks>The channel reads and writes the pty; disposing it leaves the pty open.</remarks>
    public ISerialChannel Open() => new Lease(_pty);

    private sealed class Lease : ISerialChannel
    {
        private readonly PseudoTerminal _pty;

        public Lease(PseudoTerminal pty) => _pty = pty;

        public int Read(byte[] buffer, int offset, int count) => _pty.Read(buffer, offset, count);

        public void Write(byte[] buffer, int offset, int count) => _pty.Write(buffer, offset, count);

        public void Dispose()
        {
            // The pty belongs to whoever opened it (the simulator); a lease only stops using it.
        }
    }
}
