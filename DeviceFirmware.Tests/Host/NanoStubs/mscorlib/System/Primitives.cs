// The built-in value types. The compiler needs them declared; their members are declared only where
// the firmware calls them. Each is a struct in the file named beside it.
namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Void.cs
    public struct Void
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Boolean.cs
    public struct Boolean
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Char.cs
    public struct Char
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/SByte.cs
    public struct SByte
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Byte.cs
    public struct Byte
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Byte.cs
        public String ToString(String format) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Int16.cs
    public struct Int16
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/UInt16.cs
    public struct UInt16
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Int32.cs
    public struct Int32
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Int32.cs
        public const int MaxValue = 0x7fffffff;

        // CoreLibrary:nanoFramework.CoreLibrary/System/Int32.cs
        public override String ToString() { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/UInt32.cs
    public struct UInt32
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Int64.cs
    public struct Int64
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Int64.cs
        public const long MaxValue = 0x7fffffffffffffffL;

        // CoreLibrary:nanoFramework.CoreLibrary/System/Int64.cs
        public const long MinValue = unchecked((long)0x8000000000000000L);
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/UInt64.cs
    public struct UInt64
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Single.cs
    public struct Single
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Double.cs
    public struct Double
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/IntPtr.cs
    public struct IntPtr
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/UIntPtr.cs (in the metadata; excluded from the .pe by
    // NFMDP_PE_ExcludeClassByName in CoreLibrary.nfproj). The compiler asks for it when it types the
    // native-sized result of an array's ldlen.
    public struct UIntPtr
    {
    }
}
