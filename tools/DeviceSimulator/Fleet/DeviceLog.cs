using DeviceFirmware.Runtime;

namespace DeviceFirmware.DeviceSimulator.Fleet;

/// <summary>
/// One fleet device's log: every line starts with <c>[device-id]</c>, and lines below the device's
/// own level are dropped before any text is built (the core asks <see cref="IsEnabled"/> first), so a
/// thousand quiet devices cost no string building.
/// </summary>
internal sealed class DeviceLog : ILog
{
    private readonly ILog _sink;
    private readonly string _prefix;
    private readonly LogLevel _minimum;

    /// <summary>Creates the log.</summary>
    /// <param name="sink">The process's log, shared by every device.</param>
    /// <param name="deviceId">Written in front of each line.</param>
    /// <param name="minimum">The device's lines below this level are dropped.</param>
    public DeviceLog(ILog sink, string deviceId, LogLevel minimum)
    {
        _sink = sink;
        _prefix = "[" + deviceId + "] ";
        _minimum = minimum;
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => level >= _minimum && _sink.IsEnabled(level);

    /// <inheritdoc />
    public void Write(LogLevel level, string message)
    {
        if (level >= _minimum)
        {
            _sink.Write(level, _prefix + message);
        }
    }
}
