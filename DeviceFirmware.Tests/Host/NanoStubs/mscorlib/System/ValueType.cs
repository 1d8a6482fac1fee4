namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/ValueType.cs
    public abstract class ValueType
    {
    }
}
