using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("DeviceFirmware device-level unit tests (composition, MQTT, network, remote configuration, runtime, telemetry) on nanoCLR.")]
[assembly: AssemblyCompany("DeviceFirmware")]
[assembly: AssemblyProduct("DeviceFirmware")]
[assembly: AssemblyVersion("1.0.0.0")]
