namespace nanoFramework.Runtime.Native
{
    // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/GC.cs
    public static class GC
    {
        // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/GC.cs (returns the free bytes after collecting)
        public static uint Run(bool compactHeap) { throw null; }
    }
}

namespace System
{
    // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/System/Environment.cs
    // (namespace System, but this assembly, not mscorlib)
    public static partial class Environment
    {
        // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/System/Environment.cs
        public static long TickCount64 { get { throw null; } }
    }
}
