namespace System.Threading
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/ThreadStart.cs
    public delegate void ThreadStart();

    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
    public sealed class Thread
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public Thread(ThreadStart start) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public void Start() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public static void Sleep(int millisecondsTimeout) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public bool IsAlive { get { throw null; } }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public bool Join(int millisecondsTimeout) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Thread.cs
        public static Thread CurrentThread { get { throw null; } }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Monitor.cs
    // Only Enter(object) and Exit(object): the C# compiler then lowers `lock` to the pre-C# 4 pattern,
    // as it does when building for the device.
    public static class Monitor
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Monitor.cs
        public static void Enter(Object obj) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Monitor.cs
        public static void Exit(Object obj) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Timeout.cs
    public static class Timeout
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/Timeout.cs
        public const int Infinite = -1;
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/WaitHandle.cs
    public abstract class WaitHandle : MarshalByRefObject
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/WaitHandle.cs
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/AutoResetEvent.cs
    public sealed class AutoResetEvent : WaitHandle
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/AutoResetEvent.cs
        public AutoResetEvent(bool initialState) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Threading/AutoResetEvent.cs
        public bool Set() { throw null; }
    }
}
