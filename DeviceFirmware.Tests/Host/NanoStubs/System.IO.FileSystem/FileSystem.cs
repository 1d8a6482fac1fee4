namespace System.IO
{
    // System.IO.FileSystem:System.IO.FileSystem/FileMode.cs
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    // System.IO.FileSystem:System.IO.FileSystem/FileAccess.cs ([Flags] in the source)
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    // System.IO.FileSystem:System.IO.FileSystem/File.cs
    public static class File
    {
        // System.IO.FileSystem:System.IO.FileSystem/File.cs (FileStream.cs calls it as `bool exists = File.Exists(path)`)
        public static bool Exists(string path) { throw null; }

        // System.IO.FileSystem:System.IO.FileSystem/File.cs (read at tag v1.1.93: OpenText(path), then StreamReader.ReadToEnd)
        public static string ReadAllText(string path) { throw null; }
    }

    // System.IO.FileSystem:System.IO.FileSystem/Directory.cs
    public static class Directory
    {
        // System.IO.FileSystem:System.IO.FileSystem/Directory.cs (returns void; not recursive)
        public static void CreateDirectory(string path) { throw null; }

        // System.IO.FileSystem:System.IO.FileSystem/Directory.cs
        public static bool Exists(string path) { throw null; }
    }

    // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
    public class FileStream : Stream
    {
        // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
        public FileStream(string path, FileMode mode, FileAccess access) { throw null; }

        // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
        public override long Length { get { throw null; } }

        // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
        public override void Flush() { throw null; }

        // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
        public override int Read(byte[] buffer, int offset, int count) { throw null; }

        // System.IO.FileSystem:System.IO.FileSystem/FileStream.cs
        public override void Write(byte[] buffer, int offset, int count) { throw null; }
    }
}
