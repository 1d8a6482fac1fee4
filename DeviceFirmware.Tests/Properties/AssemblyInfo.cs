using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("DeviceFirmware unit tests, shared by nanoCLR and the .NET host.")]
[assembly: AssemblyCompany("DeviceFirmware")]
[assembly: AssemblyProduct("DeviceFirmware")]
[assembly: AssemblyVersion("1.0.0.0")]
