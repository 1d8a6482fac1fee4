namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Enum.cs
    public abstract class Enum : ValueType
    {
    }
}
