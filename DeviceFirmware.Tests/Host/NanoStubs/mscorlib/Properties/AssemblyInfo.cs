// The version of the nanoFramework.CoreLibrary package whose surface this stub mirrors
// (CoreLibrary:nanoFramework.CoreLibrary/CoreLibrary.nfproj builds assembly "mscorlib").
[assembly: System.Reflection.AssemblyVersion("1.17.11.0")]
