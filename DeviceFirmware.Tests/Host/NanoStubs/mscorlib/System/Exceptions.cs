namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
    public class Exception
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public Exception() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public virtual String Message { get { throw null; } }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
    public class SystemException : Exception
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
        public SystemException() { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
    public class ArgumentException : SystemException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException(String message) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException(String message, String paramName) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentNullException.cs
    public class ArgumentNullException : ArgumentException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentNullException.cs
        public ArgumentNullException(String paramName) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs
    public class ArgumentOutOfRangeException : ArgumentException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs
        public ArgumentOutOfRangeException(String paramName) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs (paramName first, then message)
        public ArgumentOutOfRangeException(String paramName, String message) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/InvalidOperationException.cs
    public class InvalidOperationException : SystemException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/InvalidOperationException.cs
        public InvalidOperationException(String message) { throw null; }
    }
}
