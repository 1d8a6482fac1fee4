namespace System.Net.NetworkInformation
{
    // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterfaceType.cs
    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs
    public class NetworkInterface
    {
        // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs
        protected NetworkInterface(int interfaceIndex) { throw null; }

        // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }

        // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs ("0.0.0.0" while unassigned)
        public string IPv4Address { get { throw null; } }

        // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs (also has a setter)
        public byte[] PhysicalAddress { get { throw null; } }

        // System.Net:nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
    }
}

namespace nanoFramework.Networking
{
    // System.Net:nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        Reconnecting,
        ExceptionOccurred,
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    // System.Net:nanoFramework.System.Net/X509Certificates/X509Certificate.cs
    // MqttClient's constructor takes it as the broker's CA. The source also has a public parameterless
    // constructor and more members, left out.
    public class X509Certificate
    {
        // System.Net:nanoFramework.System.Net/X509Certificates/X509Certificate.cs (keeps the bytes as given; parses them natively)
        public X509Certificate(byte[] certificate) { throw null; }

        // System.Net:nanoFramework.System.Net/X509Certificates/X509Certificate.cs (UTF-8 bytes plus a NUL terminator, which
        // mbedTLS needs to parse PEM; parses them natively, so a malformed certificate throws here)
        public X509Certificate(string certificate) { throw null; }

        // System.Net:nanoFramework.System.Net/X509Certificates/X509Certificate.cs
        public virtual string Subject { get { throw null; } }
    }
}
