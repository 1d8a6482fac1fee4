using System.Collections;

namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs (NANOCLR_REFLECTION build: ICloneable, IList)
    public abstract class Array : ICloneable, IList
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public static void Copy(Array sourceArray, Array destinationArray, int length) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public static void Clear(Array array, int index, int length) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public static int IndexOf(Array array, Object value, int startIndex, int count) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs (the compiler binds `.Length` here and emits ldlen)
        public int Length { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public Object Clone() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Array.cs
        public IEnumerator GetEnumerator() { throw null; }
    }
}
