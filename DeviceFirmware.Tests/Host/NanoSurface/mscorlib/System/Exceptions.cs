namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
    public class Exception
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public Exception() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public Exception(String message) { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public Exception(String message, Exception innerException) { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public virtual String Message { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Exception.cs
        public Exception InnerException { get { throw null; } }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
    public class SystemException : Exception
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
        public SystemException() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
        public SystemException(String message) { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/SystemException.cs
        public SystemException(String message, Exception innerException) { }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
    public class ArgumentException : SystemException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException(String message) { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public ArgumentException(String message, String paramName) { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public override String Message { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentException.cs
        public virtual String ParamName { get { throw null; } }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentNullException.cs
    public class ArgumentNullException : ArgumentException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentNullException.cs
        public ArgumentNullException() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentNullException.cs
        public ArgumentNullException(String paramName) { }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs
    public class ArgumentOutOfRangeException : ArgumentException
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs
        public ArgumentOutOfRangeException() { }

        // CoreLibrary:nanoFramework.CoreLibrary/System/ArgumentOutOfRangeException.cs
        public ArgumentOutOfRangeException(String paramName) { }
    }
}
