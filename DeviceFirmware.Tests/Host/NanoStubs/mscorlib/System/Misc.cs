namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/IDisposable.cs
    public interface IDisposable
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/IDisposable.cs
        void Dispose();
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/ICloneable.cs
    public interface ICloneable
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/ICloneable.cs
        Object Clone();
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/EventArgs.cs
    public class EventArgs
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/EventArgs.cs
        public static readonly EventArgs Empty = new EventArgs();

        // CoreLibrary:nanoFramework.CoreLibrary/System/EventArgs.cs
        public EventArgs() { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/MarshalByRefObject.cs
    public abstract class MarshalByRefObject
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Console.cs (not [Conditional]: survives Release builds)
    public static class Console
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Console.cs
        public static void WriteLine(String value) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/RuntimeFieldHandle.cs
    public struct RuntimeFieldHandle
    {
    }
}
