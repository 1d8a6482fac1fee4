using System.Threading;
using nanoFramework.Networking;

namespace System.Device.Wifi
{
    // System.Device.Wifi:System.Device.Wifi/WifiReconnectionKind.cs
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }

    // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, Object e);

    // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
    public sealed class WifiAdapter : IDisposable
    {
        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
        internal WifiAdapter(int NetworkInterface) { throw null; }

        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs (raised when a scan completes)
        public event AvailableNetworksChangedEventHandler AvailableNetworksChanged { add { throw null; } remove { throw null; } }

        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
        public WifiNetworkReport NetworkReport { get { throw null; } }

        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
        public static WifiAdapter[] FindAllAdapters() { throw null; }

        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
        public void ScanAsync() { throw null; }

        // System.Device.Wifi:System.Device.Wifi/WifiAdapter.cs
        public void Dispose() { throw null; }
    }

    // System.Device.Wifi:System.Device.Wifi/WifiNetworkReport.cs
    public class WifiNetworkReport
    {
        // System.Device.Wifi:System.Device.Wifi/WifiNetworkReport.cs
        internal WifiNetworkReport(WifiAvailableNetwork[] WifiNetworks) { throw null; }

        // System.Device.Wifi:System.Device.Wifi/WifiNetworkReport.cs
        public WifiAvailableNetwork[] AvailableNetworks { get { throw null; } }
    }

    // System.Device.Wifi:System.Device.Wifi/WifiAvailableNetwork.cs
    public class WifiAvailableNetwork
    {
        // System.Device.Wifi:System.Device.Wifi/WifiAvailableNetwork.cs (decoded from 33 bytes, may carry '\0' padding)
        public string Ssid { get { throw null; } }

        // System.Device.Wifi:System.Device.Wifi/WifiAvailableNetwork.cs
        public double NetworkRssiInDecibelMilliwatts { get { throw null; } }
    }
}

namespace nanoFramework.Networking
{
    // System.Device.Wifi:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
    public static class WifiNetworkHelper
    {
        // System.Device.Wifi:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs (retryable; not guarded by the one-shot flag)
        public static bool ConnectDhcp(
            string ssid,
            string password,
            System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default)
        {
            throw null;
        }

        // System.Device.Wifi:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
        public static void Disconnect() { throw null; }

        // System.Device.Wifi:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
        public static NetworkHelperStatus Status { get { throw null; } }

        // System.Device.Wifi:System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
        public static System.Exception HelperException { get { throw null; } }
    }
}
