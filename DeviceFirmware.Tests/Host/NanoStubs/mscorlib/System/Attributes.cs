namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Attribute.cs
    [AttributeUsage(AttributeTargets.All)]
    public abstract class Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Attribute.cs
        protected Attribute() { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/AttributeUsageAttribute.cs
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class AttributeUsageAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/AttributeUsageAttribute.cs
        public AttributeUsageAttribute(AttributeTargets validOn) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/AttributeTargets.cs ([Flags] in the source)
    public enum AttributeTargets
    {
        Assembly = 0x0001,
        Module = 0x0002,
        Class = 0x0004,
        Struct = 0x0008,
        Enum = 0x0010,
        Constructor = 0x0020,
        Method = 0x0040,
        Property = 0x0080,
        Field = 0x0100,
        Event = 0x0200,
        Interface = 0x0400,
        Parameter = 0x0800,
        Delegate = 0x1000,
        ReturnValue = 0x2000,
        All = 0x3FFF,
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ParamArrayAttribute.cs
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class ParamArrayAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ParamArrayAttribute.cs
        public ParamArrayAttribute() { throw null; }
    }
}
