namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/ValueType.cs
    public abstract class ValueType
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ValueType.cs
        public override bool Equals(Object obj) { throw null; }
    }
}
