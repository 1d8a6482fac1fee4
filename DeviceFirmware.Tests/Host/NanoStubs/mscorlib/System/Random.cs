namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Random.cs (hardware or software generator, per platform)
    public class Random
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Random.cs
        public Random() { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Random.cs
        public virtual int Next(int maxValue) { throw null; }
    }
}
