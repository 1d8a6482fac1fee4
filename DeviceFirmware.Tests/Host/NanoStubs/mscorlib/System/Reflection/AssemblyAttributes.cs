namespace System.Reflection
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyAttributes.cs
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyVersionAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyAttributes.cs
        public AssemblyVersionAttribute(String version) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyTitleAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
        public AssemblyTitleAttribute(String title) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyDescriptionAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
        public AssemblyDescriptionAttribute(String description) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyCompanyAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
        public AssemblyCompanyAttribute(String company) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyProductAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/AssemblyReflectionAttributes.cs
        public AssemblyProductAttribute(String product) { throw null; }
    }
}

namespace System.Reflection
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/DefaultMemberAttribute.cs (NANOCLR_REFLECTION build)
    // The compiler puts it on every type that declares an indexer (String, ArrayList).
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Reflection/DefaultMemberAttribute.cs
        public DefaultMemberAttribute(String memberName) { throw null; }
    }
}
