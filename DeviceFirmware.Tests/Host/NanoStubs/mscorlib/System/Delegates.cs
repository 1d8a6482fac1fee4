namespace System
{
    // CoreLibrary:nanoFramework.CoreLibrary/System/Delegate.cs
    // Required by the compiler as the root of delegate types; no member is called: events of the
    // stubs have empty accessors, so nothing combines delegates.
    public abstract class Delegate
    {
    }

    // CoreLibrary:nanoFramework.CoreLibrary/System/MulticastDelegate.cs
    public abstract class MulticastDelegate : Delegate
    {
    }
}
