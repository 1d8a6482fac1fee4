using System.Collections.Generic;
using System.IO;

namespace DeviceFirmware.MmsCtl;

/// <summary><c>mmsctl --broker ... devices [--pattern FILTER]</c>: the devices and their status, from the retained status topics.</summary>
public static class DevicesCommand
{
    /// <summary>Connects, collects (<see cref="DeviceDirectory"/>) and prints; returns an <see cref="ExitCodes"/> value (0 also for an empty list).</summary>
    public static int Run(BrokerSettings settings, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            List<DeviceStatus> devices;
            using (BrokerConnection connection = BrokerConnection.Open(settings))
            {
                devices = DeviceDirectory.Collect(connection, settings.StatusPattern, DeviceDirectory.SettleMilliseconds(settings.TimeoutMilliseconds));
            }

            Print(devices, settings.StatusPattern, json, output);
            return ExitCodes.Success;
        }
        catch (MmsCtlException ex)
        {
            error.WriteLine("mmsctl: " + ex.Message);
            return ex.ExitCode;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }

    /// <summary>
    /// Prints the list: a table <c>DEVICE STATUS TOPIC</c>, or with <paramref name="json"/> one JSON
    /// array of <c>{"device","status","connected","topic"}</c>. An empty list prints a line saying so
    /// (JSON: <c>[]</c>).
    /// </summary>
    public static void Print(IReadOnlyList<DeviceStatus> devices, StatusPattern pattern, bool json, TextWriter output)
    {
        if (json)
        {
            List<JsonReport> items = new(devices.Count);
            foreach (DeviceStatus device in devices)
            {
                items.Add(new JsonReport().Set("device", device.Id).Set("status", device.Status).Set("connected", device.IsConnected).Set("topic", device.Topic));
            }

            output.WriteLine(JsonReport.ToJsonArray(items));
            return;
        }

        if (devices.Count == 0)
        {
            output.WriteLine($"no device status on {pattern.Filter}");
            return;
        }

        TextTable table = new("DEVICE", "STATUS", "TOPIC");
        foreach (DeviceStatus device in devices)
        {
            table.Add(device.Id, device.Status, device.Topic);
        }

        table.Write(output);
    }
}
