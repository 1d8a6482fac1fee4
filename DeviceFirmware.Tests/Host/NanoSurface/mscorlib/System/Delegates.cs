namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
    public abstract class Delegate
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
        public override bool Equals(Object obj) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
        public static bool operator ==(Delegate d1, Delegate d2) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
        public static bool operator !=(Delegate d1, Delegate d2) { throw null; }
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/MulticastDelegate.cs
    public abstract class MulticastDelegate : Delegate
    {
        // CoreLibrary:nanoFramework.CoreLibrary/System/MulticastDelegate.cs
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/MulticastDelegate.cs
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) { throw null; }

        // CoreLibrary:nanoFramework.CoreLibrary/System/MulticastDelegate.cs
        public override bool Equals(Object obj) { throw null; }
    }
}
