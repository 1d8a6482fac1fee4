using DeviceFirmware.DeviceSimulator.Fleet;
using DeviceFirmware.Runtime;
using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.Simulator;

/// <summary>A fleet device's log: its ID in front, its own level.</summary>
public sealed class DeviceLogTests
{
    /// <summary>Proves that lines below the device's level are dropped (and reported disabled, so none is built) and the rest carry the ID.</summary>
    [Fact]
    public void LinesBelowTheDevicesLevelAreDropped_AndTheRestCarryItsId()
    {
        RecordingLog sink = new(10) { MinimumLevel = LogLevel.Debug };
        DeviceLog log = new(sink, "sim-0042", LogLevel.Warning);

        log.Write(LogLevel.Info, "mqtt: connected");
        log.Write(LogLevel.Warning, "mqtt: connection lost");

        Assert.False(log.IsEnabled(LogLevel.Info));
        Assert.True(log.IsEnabled(LogLevel.Error));
        Assert.Equal(1, sink.Count);
        Assert.Equal("[sim-0042] mqtt: connection lost", sink.Line(0));
    }
}
