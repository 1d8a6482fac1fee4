using System;
using System.IO;
using DeviceFirmware.Tests.Host.Integration.RemoteConfig;
using Xunit;

namespace DeviceFirmware.Tests.Host.Documentation;

/// <summary>
/// Text the README quotes from code that tests run, so the guide cannot drift from what was proven:
/// a user who copies it gets exactly what the tests exercised.
/// </summary>
public sealed class ReadmeQuotesTests
{
    /// <summary>
    /// The mosquitto ACL of "Securing it" is <see cref="DeviceAcl.Text"/>, verbatim, as one fenced block:
    /// the file <c>BrokerAclTests</c> starts mosquitto with. Fails on any edit of either side alone.
    /// </summary>
    [Fact]
    public void The_readme_quotes_the_tested_broker_acl_verbatim()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("```\n" + DeviceAcl.Text + "```\n", readme, StringComparison.Ordinal);
    }
}
