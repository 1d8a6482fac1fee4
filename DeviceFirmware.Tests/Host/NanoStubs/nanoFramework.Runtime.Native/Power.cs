namespace nanoFramework.Runtime.Native
{
    // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/Power.cs
    // (a public non-static class without a declared constructor; its OnRebootEvent event and
    // RebootDevice(int) overload are not used by the firmware and not declared here)
    public class Power
    {
        // nanoFramework.Runtime.Native:nanoFramework.Runtime.Native/Power.cs
        public static void RebootDevice() { throw null; }
    }
}
