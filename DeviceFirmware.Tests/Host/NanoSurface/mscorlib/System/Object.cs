namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
    public class Object
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
        public Object() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs (NANOCLR_REFLECTION build)
        public virtual String ToString() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
        public virtual bool Equals(Object obj) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Object.cs
        public virtual int GetHashCode() { throw null; }
    }
}
