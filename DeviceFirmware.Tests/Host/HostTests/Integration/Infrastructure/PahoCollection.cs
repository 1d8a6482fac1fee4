using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>
/// Every test that talks to Paho or starts mosquitto runs in this collection, one at a time: Paho
/// keeps process-wide state (one background thread serves all clients and stops when the last one
/// disconnects), the machine has two shared cores, and broker kills and freezes make timing matter.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PahoCollection
{
    /// <summary>The collection name for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Paho and mosquitto";
}
