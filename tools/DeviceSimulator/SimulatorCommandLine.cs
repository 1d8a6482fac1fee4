using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using DeviceFirmware.DeviceSimulator.Fleet;

namespace DeviceFirmware.DeviceSimulator;

/// <summary>
/// The simulator's options: one device (<c>--serial</c> and <c>--flash</c>, as always) or a fleet
/// (<c>--devices N --flash-dir DIR</c>), and what every device shares.
/// </summary>
internal sealed class SimulatorCommandLine
{
    private readonly Option<string> _serial = new("--serial")
    {
        Description = "Path of the symbolic link to the simulated UART (the pty slave); mmsctl --port takes it. With --devices: the first device's UART (the others have none)",
        HelpName = "PATH",
    };

    private readonly Option<string> _flash = new("--flash")
    {
        Description = "Flash image file holding the settings (created on the first Set); one device only",
        HelpName = "FILE",
    };

    private readonly Option<int> _devices = new("--devices")
    {
        Description = $"Run N independent devices in this process (1 to {FleetOptions.MaxDevices}; with more than 1, --flash-dir replaces --flash)",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<string> _flashDirectory = new("--flash-dir")
    {
        Description = "With --devices: directory of the devices' flash files, DIR/<device-id>.flash (created when missing)",
        HelpName = "DIR",
    };

    private readonly Option<int> _interval = new("--interval")
    {
        Description = "Telemetry interval in milliseconds",
        HelpName = "MS",
        DefaultValueFactory = _ => SimulatorOptions.DefaultIntervalMilliseconds,
    };

    private readonly Option<string> _broker = new("--broker")
    {
        Description = "Factory-default MQTT broker HOST[:PORT] (default 127.0.0.1:1883; port 8883 means TLS), used until the flash holds settings: once anything is set, the stored values win",
        HelpName = "HOST:PORT",
    };

    private readonly Option<string> _deviceId = new("--device-id")
    {
        Description = "Device ID (letters, digits, '-', '_'; at most 16); default: derived from the flash path. With --devices: the ID prefix, devices are PREFIX-0001... (default sim)",
        HelpName = "ID",
    };

    private readonly Option<string> _caFile = new("--ca-file")
    {
        Description = "PEM file of the certificate authorities trusted for a TLS broker (port 8883); default: the system's trust store",
        HelpName = "PATH",
    };

    private readonly Option<int> _rollbackTimeout = new("--rollback-timeout")
    {
        Description = "Seconds connection settings changed over MQTT get to reach a broker before the previous ones are restored",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => SimulatorOptions.DefaultRollbackTimeoutSeconds,
    };

    private readonly Option<bool> _verbose = new("--verbose")
    {
        Description = "Also log debug lines (connection attempts, queued messages); with --devices, every device's every line",
    };

    /// <summary>Builds the command and its validators.</summary>
    public SimulatorCommandLine()
    {
        _interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--interval must be at least 1 ms");
            }
        });
        _broker.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string>();
            if (text != null && !SimulatorOptions.TryParseBroker(text, out _, out _, out string problem))
            {
                result.AddError("--broker: " + problem);
            }
        });
        _rollbackTimeout.Validators.Add(result =>
        {
            int seconds = result.GetValueOrDefault<int>();
            if (seconds < 1 || seconds > SimulatorOptions.MaxRollbackTimeoutSeconds)
            {
                result.AddError($"--rollback-timeout must be 1 to {SimulatorOptions.MaxRollbackTimeoutSeconds} seconds");
            }
        });
        _caFile.Validators.Add(result =>
        {
            if (!CaFile.TryCheck(result.GetValueOrDefault<string>(), out _, out string problem))
            {
                result.AddError(problem);
            }
        });
        _devices.Validators.Add(result =>
        {
            int count = result.GetValueOrDefault<int>();
            if (count < 1 || count > FleetOptions.MaxDevices)
            {
                result.AddError($"--devices must be 1 to {FleetOptions.MaxDevices}");
            }
        });

        Command = new RootCommand("Simulated DeviceFirmware board: the portable core on a pseudo-terminal, a flash file and MQTT; or a fleet of them.")
        {
            _serial, _flash, _devices, _flashDirectory, _interval, _broker, _deviceId, _caFile, _rollbackTimeout, _verbose,
        };
        Command.Validators.Add(CheckMode);
    }

    /// <summary>The root command; its action is set by the caller.</summary>
    public RootCommand Command { get; }

    /// <summary>True when the parse asks for more than one device.</summary>
    public bool IsFleet(ParseResult result) => result.GetValue(_devices) > 1;

    /// <summary>Whether <c>--verbose</c> was given.</summary>
    public bool Verbose(ParseResult result) => result.GetValue(_verbose);

    /// <summary>The one device's options (no <c>--devices</c>, or 1).</summary>
    public SimulatorOptions Single(ParseResult result)
    {
        SimulatorOptions shared = Shared(result);
        return new SimulatorOptions
        {
            SerialPath = result.GetValue(_serial),
            FlashPath = result.GetValue(_flash),
            IntervalMilliseconds = shared.IntervalMilliseconds,
            BrokerHost = shared.BrokerHost,
            BrokerPort = shared.BrokerPort,
            DeviceId = result.GetValue(_deviceId),
            CaFile = shared.CaFile,
            RollbackTimeoutSeconds = shared.RollbackTimeoutSeconds,
        };
    }

    /// <summary>The fleet's options (<c>--devices</c> above 1).</summary>
    public FleetOptions Fleet(ParseResult result) => new()
    {
        Count = result.GetValue(_devices),
        FlashDirectory = result.GetValue(_flashDirectory),
        IdPrefix = result.GetValue(_deviceId) ?? FleetOptions.DefaultIdPrefix,
        SerialPath = result.GetValue(_serial),
        Shared = Shared(result),
    };

    private SimulatorOptions Shared(ParseResult result)
    {
        string brokerText = result.GetValue(_broker);
        SimulatorOptions.TryParseBroker(brokerText ?? "127.0.0.1", out string host, out int port, out _);
        return new SimulatorOptions
        {
            IntervalMilliseconds = result.GetValue(_interval),
            BrokerHost = brokerText == null ? null : host,
            BrokerPort = port,
            CaFile = result.GetValue(_caFile),
            RollbackTimeoutSeconds = result.GetValue(_rollbackTimeout),
        };
    }

    // One device needs --serial and --flash, as it always did; a fleet needs --flash-dir and takes no --flash.
    private void CheckMode(CommandResult result)
    {
        int count = result.GetValue(_devices);
        if (count <= 1)
        {
            Require(result, _serial);
            Require(result, _flash);
            if (result.GetValue(_flashDirectory) != null)
            {
                result.AddError("--flash-dir is for a fleet (--devices 2 or more); one device takes --flash FILE");
            }

            return;
        }

        Require(result, _flashDirectory);
        if (result.GetValue(_flash) != null)
        {
            result.AddError("--flash is for one device; a fleet keeps each device's flash in --flash-dir DIR");
        }

        string prefix = result.GetValue(_deviceId) ?? FleetOptions.DefaultIdPrefix;
        if (count <= FleetOptions.MaxDevices && !FleetOptions.TryCheckPrefix(prefix, count, out string problem))
        {
            result.AddError("--device-id: " + problem);
        }
    }

    private static void Require(CommandResult result, Option<string> option)
    {
        if (result.GetValue(option) == null)
        {
            // The parser's own wording for a required option, as when these were declared required.
            result.AddError($"Option '{option.Name}' is required.");
        }
    }
}
