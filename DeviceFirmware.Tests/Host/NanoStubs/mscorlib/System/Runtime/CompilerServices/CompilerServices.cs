namespace System.Runtime.CompilerServices
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Runtime/CompilerServices/RuntimeHelpers.cs
    public static class RuntimeHelpers
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Runtime/CompilerServices/RuntimeHelpers.cs
        // (the compiler calls it to fill constant arrays such as `new byte[] { 1, 2, 2, 1 }`)
        public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Runtime/CompilerServices/IndexerNameAttribute.cs
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class IndexerNameAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Runtime/CompilerServices/IndexerNameAttribute.cs
        public IndexerNameAttribute(String indexerName) { throw null; }
    }
}
