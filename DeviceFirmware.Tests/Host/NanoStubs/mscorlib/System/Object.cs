namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
    public class Object
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
        public Object() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs (NANOCLR_REFLECTION build)
        public virtual String ToString() { throw null; }
    }
}
