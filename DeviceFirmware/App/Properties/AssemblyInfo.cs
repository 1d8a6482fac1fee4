using System.Reflection;

[assembly: AssemblyTitle("DeviceFirmware.App")]
[assembly: AssemblyDescription("DeviceFirmware for ESP32: serial configuration, settings store and MQTT telemetry.")]
[assembly: AssemblyCompany("DeviceFirmware")]
[assembly: AssemblyProduct("DeviceFirmware")]
[assembly: AssemblyVersion("1.0.0.0")]
