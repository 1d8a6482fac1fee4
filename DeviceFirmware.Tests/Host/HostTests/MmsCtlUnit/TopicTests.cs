using System.Collections.Generic;
using DeviceFirmware.MmsCtl;
using Xunit;

namespace DeviceFirmware.Tests.Host.MmsCtlUnit;

/// <summary>
/// Topic templates with {id}, status patterns and the device IDs read from them, topic filters, and
/// which devices and subscriptions an --all run uses: the addressing MagTek's two topic conventions
/// need. Pure string logic; whether a broker delivers on these topics is the end-to-end tests' part.
/// </summary>
public sealed class TopicTests
{
    [Fact]
    public void DefaultTemplates_AreTheDevicesDefaultTopics()
    {
        Assert.Equal("DeviceFirmware/Device/B61378A", TopicTemplate.DefaultCommand.For("B61378A"));
        Assert.Equal("DeviceFirmware/Server/B61378A/MMSMessage", TopicTemplate.DefaultResponse.For("B61378A"));
        Assert.Equal("DeviceFirmware/Server/+/MMSMessage", TopicTemplate.DefaultResponse.WildcardFilter);
    }

    [Fact]
    public void MagTekModelTemplates_FillInTheSerialNumber()
    {
        Assert.True(TopicTemplate.TryParse("MagTek/Device/DynaFlex/{id}", "--command-topic", out TopicTemplate command, out _));
        Assert.True(TopicTemplate.TryParse("MagTek/Server/DynaFlex/{id}/MMSMessage", "--response-topic", out TopicTemplate response, out _));

        Assert.Equal("MagTek/Device/DynaFlex/B61378A", command.For("B61378A"));
        Assert.Equal("MagTek/Server/DynaFlex/B61378A/MMSMessage", response.For("B61378A"));
        Assert.Equal("MagTek/Server/DynaFlex/+/MMSMessage", response.WildcardFilter);
    }

    [Fact]
    public void PathTemplates_TakeAWholeTopicPathAsTheId()
    {
        Assert.True(TopicTemplate.TryParse("{id}/SendCommand", "--command-topic", out TopicTemplate command, out _));
        Assert.True(TopicTemplate.TryParse("{id}/MMSMessage", "--response-topic", out TopicTemplate response, out _));

        Assert.Equal("MagTek/US/Lab/B61378A/SendCommand", command.For("MagTek/US/Lab/B61378A"));
        Assert.Equal("MagTek/US/Lab/B61378A/MMSMessage", response.For("MagTek/US/Lab/B61378A"));
    }

    [Fact]
    public void IdInsideALevel_HasNoWildcardFilter_AndNoIdMeansOneTopic()
    {
        Assert.True(TopicTemplate.TryParse("lab/dev-{id}/in", "--command-topic", out TopicTemplate partial, out _));
        Assert.True(TopicTemplate.TryParse("lab/in", "--command-topic", out TopicTemplate fixedTopic, out _));

        Assert.Null(partial.WildcardFilter);
        Assert.Equal("lab/dev-7/in", partial.For("7"));
        Assert.False(fixedTopic.HasId);
        Assert.Null(fixedTopic.WildcardFilter);
        Assert.Equal("lab/in", fixedTopic.For("anything"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/+")]
    [InlineData("a/#")]
    [InlineData("a\0b")]
    public void Templates_RefuseEmptyAndWildcards(string text)
    {
        Assert.False(TopicTemplate.TryParse(text, "--response-topic", out _, out string problem));
        Assert.StartsWith("--response-topic", problem);
    }

    [Theory]
    [InlineData("DeviceFirmware/Server/+/Status", "DeviceFirmware/Server/dev-1/Status", "dev-1")]
    [InlineData("MagTek/Server/DynaFlex/+/Status", "MagTek/Server/DynaFlex/B61378A/Status", "B61378A")]
    [InlineData("MagTek/+/+/Status", "MagTek/US/B61378A/Status", "MagTek/US/B61378A")]
    [InlineData("MagTek/#", "MagTek/US/B61378A/Status", "MagTek/US/B61378A/Status")]
    [InlineData("lab/one/Status", "lab/one/Status", "lab/one")]
    public void StatusPattern_ReadsTheDeviceId(string filter, string topic, string id)
    {
        Assert.True(StatusPattern.TryParse(filter, out StatusPattern pattern, out string problem), problem);

        Assert.True(pattern.Matches(topic));
        Assert.Equal(id, pattern.DeviceIdOf(topic));
    }

    [Theory]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/d", false)]
    [InlineData("a/+/c", "a/b/c/d", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("+/b", "$SYS/b", false)]
    [InlineData("#", "$SYS/x", false)]
    [InlineData("a/b", "a/b", true)]
    public void TopicFilter_Matches(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, TopicFilter.Matches(filter, topic));
    }

    [Theory]
    [InlineData("a/+/c", true)]
    [InlineData("#", true)]
    [InlineData("a/#", true)]
    [InlineData("a/#/c", false)]
    [InlineData("a/b+/c", false)]
    [InlineData("a/b#", false)]
    [InlineData("", false)]
    public void TopicFilter_IsValid(string filter, bool valid)
    {
        Assert.Equal(valid, TopicFilter.IsValid(filter));
    }

    [Fact]
    public void All_TakesConnectedDevicesCaseInsensitively_AndTheOthersOnlyWhenAsked()
    {
        List<DeviceStatus> listed = new()
        {
            new DeviceStatus("a", "connected", "DeviceFirmware/Server/a/Status"),
            new DeviceStatus("b", "Connected", "DeviceFirmware/Server/b/Status"),
            new DeviceStatus("c", "disconnected", "DeviceFirmware/Server/c/Status"),
            new DeviceStatus("d", "rolled back: broker unreachable", "DeviceFirmware/Server/d/Status"),
        };

        List<FleetDevice> connected = FleetCommand.Select(listed, new BrokerSettings());
        List<FleetDevice> everyone = FleetCommand.Select(listed, new BrokerSettings { IncludeDisconnected = true });

        Assert.Equal(new[] { "a", "b" }, connected.ConvertAll(d => d.Id));
        Assert.Equal(new FleetDevice("b", "DeviceFirmware/Device/b", "DeviceFirmware/Server/b/MMSMessage"), connected[1]);
        Assert.Equal(new[] { "a", "b", "c", "d" }, everyone.ConvertAll(d => d.Id));
    }

    [Fact]
    public void All_SubscribesOnceWithAWildcard_OrPerDeviceWhenIdsSpanLevels()
    {
        List<FleetDevice> plain = FleetCommand.Select(new[] { new DeviceStatus("a", "connected", "t"), new DeviceStatus("b", "connected", "u") }, new BrokerSettings());
        Assert.True(TopicTemplate.TryParse("{id}/SendCommand", "--command-topic", out TopicTemplate command, out _));
        Assert.True(TopicTemplate.TryParse("{id}/MMSMessage", "--response-topic", out TopicTemplate response, out _));
        BrokerSettings paths = new() { CommandTopic = command, ResponseTopic = response };
        List<FleetDevice> pathDevices = FleetCommand.Select(new[] { new DeviceStatus("MagTek/US/A", "connected", "MagTek/US/A/Status"), new DeviceStatus("MagTek/US/B", "connected", "MagTek/US/B/Status") }, paths);

        Assert.Equal(new[] { "DeviceFirmware/Server/+/MMSMessage" }, FleetCommand.ResponseFilters(plain, new BrokerSettings()));
        Assert.Equal(new[] { "MagTek/US/A/MMSMessage", "MagTek/US/B/MMSMessage" }, FleetCommand.ResponseFilters(pathDevices, paths));
        Assert.Equal("MagTek/US/B/SendCommand", pathDevices[1].CommandTopic);
    }
}
