namespace System.Collections
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/IEnumerable.cs
    public interface IEnumerable
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/IEnumerable.cs
        IEnumerator GetEnumerator();
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/IEnumerator.cs
    public interface IEnumerator
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ICollection.cs
    public interface ICollection : IEnumerable
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/IList.cs
    public interface IList : ICollection
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
    public class ArrayList : IList, ICloneable
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        public ArrayList() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        public virtual int Add(Object value) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        public virtual void Remove(Object value) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        public virtual Object Clone() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        public virtual IEnumerator GetEnumerator() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Collections/ArrayList.cs
        // Only in the NANOCLR_REFLECTION build of mscorlib, which is the nanoFramework.CoreLibrary
        // package; nanoFramework.CoreLibrary.NoReflection does not have it.
        public virtual Object[] ToArray() { throw null; }
    }
}
