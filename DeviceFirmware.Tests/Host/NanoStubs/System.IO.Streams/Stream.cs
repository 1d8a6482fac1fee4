namespace System.IO
{
    // System.IO.Streams:System.IO.Streams/Stream.cs (main branch; Stream left mscorlib in CoreLibrary PR #175)
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        // System.IO.Streams:System.IO.Streams/Stream.cs
        public abstract long Length { get; }

        // System.IO.Streams:System.IO.Streams/Stream.cs (not virtual: it calls Close)
        public void Dispose() { throw null; }

        // System.IO.Streams:System.IO.Streams/Stream.cs
        public abstract void Flush();

        // System.IO.Streams:System.IO.Streams/Stream.cs
        public abstract int Read(byte[] buffer, int offset, int count);

        // System.IO.Streams:System.IO.Streams/Stream.cs
        public abstract void Write(byte[] buffer, int offset, int count);
    }
}
