using System.Reflection;

[assembly: AssemblyTitle("DeviceFirmware.Core")]
[assembly: AssemblyDescription("Portable core of DeviceFirmware: MMS protocol, properties, settings store, telemetry.")]
[assembly: AssemblyCompany("DeviceFirmware")]
[assembly: AssemblyProduct("DeviceFirmware")]
// The one place the release is written: DeviceFirmware.Settings.FirmwareVersion (also the firmware IDs
// the device reports in properties 2.1.2.2.2.2 and 2.1.2.1.1.2).
[assembly: AssemblyVersion(DeviceFirmware.Settings.FirmwareVersion.AssemblyVersion)]
