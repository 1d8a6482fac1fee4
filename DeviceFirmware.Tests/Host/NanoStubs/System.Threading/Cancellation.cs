namespace System.Threading
{
    // System.Threading:nanoFramework.System.Threading/Threading/CancellationToken.cs
    public struct CancellationToken
    {
    }

    // System.Threading:nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
    public class CancellationTokenSource : IDisposable
    {
        // System.Threading:nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
        public CancellationTokenSource(int millisecondsDelay) { throw null; }

        // System.Threading:nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
        public CancellationToken Token { get { throw null; } }

        // System.Threading:nanoFramework.System.Threading/Threading/CancellationTokenSource.cs
        public void Dispose() { throw null; }
    }
}
