using DeviceFirmware.DeviceSimulator;
using DeviceFirmware.DeviceSimulator.Fleet;
using Xunit;

namespace DeviceFirmware.Tests.Host.Simulator;

/// <summary>How a fleet names its devices and their flash files, and which ID prefixes fit the core's 16 characters.</summary>
public sealed class FleetOptionsTests
{
    /// <summary>Proves the four-digit numbering from 1, the flash file per device, and that only the first device gets the pty.</summary>
    [Fact]
    public void DevicesAreNumberedFromOne_WithFourDigits_AndAFlashFileEach()
    {
        FleetOptions options = new()
        {
            Count = 200,
            FlashDirectory = "/fleet",
            SerialPath = "/tmp/tty",
            Shared = new SimulatorOptions { IntervalMilliseconds = 200, BrokerHost = "127.0.0.1", BrokerPort = 1884, CaFile = "/ca.pem", RollbackTimeoutSeconds = 7 },
        };

        SimulatorOptions first = options.ForDevice(1);
        SimulatorOptions last = options.ForDevice(200);

        Assert.Equal("sim-0001", first.DeviceId);
        Assert.Equal("/fleet/sim-0001.flash", first.FlashPath);
        Assert.Equal("/tmp/tty", first.SerialPath);
        Assert.Equal("sim-0200", last.DeviceId);
        Assert.Null(last.SerialPath);
        Assert.Equal((200, "127.0.0.1", 1884, "/ca.pem", 7), (last.IntervalMilliseconds, last.BrokerHost, last.BrokerPort, last.CaFile, last.RollbackTimeoutSeconds));
    }

    /// <summary>Proves that a fleet of 10000 takes five digits and a prefix keeps its case and characters.</summary>
    [Fact]
    public void TenThousandDevices_TakeFiveDigits()
    {
        FleetOptions options = new() { Count = 10000, FlashDirectory = "d", IdPrefix = "Lab_A" };

        Assert.Equal("Lab_A-00001", options.DeviceId(1));
        Assert.Equal("Lab_A-10000", options.DeviceId(10000));
    }

    /// <summary>Proves the prefix bound: ID = prefix, '-', digits, at most 16 characters; only letters, digits, '-' and '_'.</summary>
    [Theory]
    [InlineData("abcdefghijk", 5, true)]
    [InlineData("abcdefghijkl", 5, false)]
    [InlineData("abcdefghij", 10000, true)]
    [InlineData("abcdefghijk", 10000, false)]
    [InlineData("", 5, false)]
    [InlineData("lab.a", 5, false)]
    [InlineData("lab-a_1", 5, true)]
    public void ThePrefixMustMakeValidDeviceIds(string prefix, int count, bool valid)
    {
        Assert.Equal(valid, FleetOptions.TryCheckPrefix(prefix, count, out string problem));
        Assert.Equal(valid, problem == null);
    }
}
