// Version of the NuGet package whose surface this stub mirrors; see README.md for the list.
[assembly: System.Reflection.AssemblyVersion("1.5.149.0")]
