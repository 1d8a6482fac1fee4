using System.Reflection;

[assembly: AssemblyTitle("DeviceFirmware.Core")]
[assembly: AssemblyDescription("Portable core of DeviceFirmware: MMS protocol, properties, settings store, telemetry.")]
[assembly: AssemblyCompany("DeviceFirmware")]
[assembly: AssemblyProduct("DeviceFirmware")]
[assembly: AssemblyVersion("1.0.0.0")]
