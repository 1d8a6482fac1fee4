namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Enum.cs
    public abstract class Enum : ValueType
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Enum.cs (returns the number on the device)
        public override String ToString() { throw null; }
    }
}
