using System;
using System.IO;
using System.Linq;
using DeviceFirmware.Tests.Infrastructure.Mosquitto;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;
using Xunit;

namespace DeviceFirmware.Tests.Host.Integration.Mqtt;

/// <summary>The broker fixture itself: ports, restarts, persistence and cleanup.</summary>
[Collection(PahoCollection.Name)]
public sealed class MosquittoBrokerTests
{
    [Fact]
    public void Two_brokers_get_their_own_ports_directories_and_live_logs()
    {
        using MosquittoBroker a = MosquittoBroker.Start();
        using MosquittoBroker b = MosquittoBroker.Start();
        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.Process.Directory, b.Process.Directory);

        using PahoTestSubscriber client = PahoTestSubscriber.Connect(a.Host, a.Port, "probe-a");
        a.WaitForLog(l => l.Count("probe-a", PacketDirection.Sent, "CONNACK") == 1, "the CONNACK to probe-a while the broker runs");
        Assert.Equal(0, b.Log().Count("probe-a", PacketDirection.Sent, "CONNACK"));
    }

    [Fact]
    public void Killed_or_terminated_broker_restarts_on_the_same_port_again_and_again()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        int port = broker.Port;
        for (int round = 0; round < 3; round++)
        {
            if (round % 2 == 0)
            {
                broker.Kill();
            }
            else
            {
                broker.Terminate();
            }

            Assert.False(broker.IsRunning);
            broker.Restart();
            Assert.True(broker.IsRunning);
            Assert.Equal(port, broker.Port);
            using PahoTestSubscriber client = PahoTestSubscriber.Connect(broker.Host, broker.Port, $"round-{round}");
        }

        Assert.Throws<InvalidOperationException>(() => broker.Restart());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Retained_messages_survive_a_clean_restart_only_with_persistence(bool persistence)
    {
        using MosquittoBroker broker = MosquittoBroker.Start(persistence: persistence);
        using (PahoTestSubscriber publisher = PahoTestSubscriber.Connect(broker.Host, broker.Port, "retainer"))
        {
            publisher.Publish("it/retained", new byte[] { 42 }, 1, retained: true);
            broker.WaitForLog(l => l.Count("retainer", PacketDirection.Sent, "PUBACK") == 1, "the retained message's PUBACK");
        }

        broker.Terminate();
        broker.Restart();

        // The broker sends retained messages right after the SUBACK, before anything published
        // later, so once the sentinel arrives the retained message has or has not come.
        using PahoTestSubscriber subscriber = PahoTestSubscriber.Connect(broker.Host, broker.Port, "late");
        subscriber.Subscribe("it/#", 1);
        using (PahoTestSubscriber sentinel = PahoTestSubscriber.Connect(broker.Host, broker.Port, "sentinel"))
        {
            sentinel.Publish("it/sentinel", new byte[] { 1 }, 1);
        }

        subscriber.WaitForTopic("it/sentinel");
        ReceivedMessage retained = subscriber.Messages.FirstOrDefault(m => m.Topic == "it/retained");
        if (persistence)
        {
            Assert.NotNull(retained);
            Assert.True(retained.Retained);
            Assert.Equal(new byte[] { 42 }, retained.Payload);
            Assert.True(File.Exists(Path.Combine(broker.Process.Directory, "mosquitto.db")));
        }
        else
        {
            Assert.Null(retained);
        }
    }

    [Fact]
    public void Dispose_kills_a_running_broker_and_removes_its_directory()
    {
        MosquittoBroker broker = MosquittoBroker.Start();
        int pid = broker.Process.ProcessId.Value;
        string directory = broker.Process.Directory;
        broker.Pause();

        broker.Dispose();

        Assert.False(Directory.Exists(directory));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(pid));
    }

    [Fact]
    public void A_port_in_use_is_reported_with_the_brokers_own_words()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        broker.Kill();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, broker.Port);
        squatter.Start();
        var e = Assert.Throws<InvalidOperationException>(() => broker.Process.Restart());
        Assert.Contains("Address already in use", e.Message);
    }
}
