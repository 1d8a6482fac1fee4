using System.Runtime.CompilerServices;

namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
    // (the real class also implements IComparable and IEnumerable; not needed by the firmware)
    public sealed class String
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static readonly String Empty = "";

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public String(char[] value) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public int Length { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs ([IndexerName("Chars")]: the getter is get_Chars)
        [IndexerName("Chars")]
        public char this[int index] { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static bool operator ==(String a, String b) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static bool operator !=(String a, String b) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static String Concat(String str0, String str1) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static String Concat(String str0, String str1, String str2) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static String Concat(String str0, String str1, String str2, String str3) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public static String Concat(params String[] values) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public int IndexOf(char value) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/String.cs
        public String Substring(int startIndex, int length) { throw null; }
    }
}
