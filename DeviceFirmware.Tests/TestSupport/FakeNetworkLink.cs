using DeviceFirmware.Network;

namespace DeviceFirmware.Tests.TestSupport
{
    /// <summary>
    /// A scriptable <see cref="INetworkLink"/>: joins succeed or fail as the test says, the address
    /// can be taken away as if the access point vanished, and every call is recorded.
    /// </summary>
    public sealed class FakeNetworkLink : INetworkLink
    {
        /// <summary>Creates a link without an address that accepts joins.</summary>
        public FakeNetworkLink()
        {
            JoinSucceeds = true;
            Calls = string.Empty;
        }

        /// <summary>Whether the next joins succeed.</summary>
        public bool JoinSucceeds { get; set; }

        /// <summary>Calls in order, each followed by ';': "join ssid/password", "leave".</summary>
        public string Calls { get; private set; }

        /// <inheritdoc />
        public bool IsUp { get; set; }

        /// <inheritdoc />
        public string Address
        {
            get { return IsUp ? "192.0.2.10" : null; }
        }

        /// <inheritdoc />
        public bool Join(string ssid, string password, out string problem)
        {
            Calls += "join " + ssid + "/" + password + ";";
            IsUp = JoinSucceeds;
            problem = JoinSucceeds ? null : "status 7 (no access point)";
            return JoinSucceeds;
        }

        /// <inheritdoc />
        public void Leave()
        {
            Calls += "leave;";
            IsUp = false;
        }
    }
}
