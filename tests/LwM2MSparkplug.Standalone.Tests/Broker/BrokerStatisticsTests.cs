using LwM2MSparkplug.Standalone.Broker;

namespace LwM2MSparkplug.Standalone.Tests.Broker;

public sealed class BrokerStatisticsTests
{
    [Fact]
    public void Publishes_are_counted_per_protocol_by_topic()
    {
        var statistics = new BrokerStatistics();

        statistics.CountPublish("lwm2m/dev-1/reg");
        statistics.CountPublish("spBv1.0/IIoT/DDATA/dev-1/sensor");
        statistics.CountPublish("spBv1.0/IIoT/NBIRTH/dev-1");
        statistics.CountPublish("$SYS/broker/uptime");

        Assert.Equal(1, statistics.Lwm2mPublishes);
        Assert.Equal(2, statistics.SparkplugPublishes);
        Assert.Equal(1, statistics.OtherPublishes);
        Assert.Equal(4, statistics.PublishesReceived);
    }

    [Fact]
    public void Drops_are_counted_per_receiving_client_and_reason_largest_first()
    {
        var statistics = new BrokerStatistics();

        statistics.CountDrop("bridge", BrokerStatistics.QueueFull);
        statistics.CountDrop("host", BrokerStatistics.QueueFull);
        statistics.CountDrop("host", BrokerStatistics.QueueFull);

        Assert.Equal(3, statistics.Dropped);
        Assert.Equal([("host", BrokerStatistics.QueueFull, 2L), ("bridge", BrokerStatistics.QueueFull, 1L)], statistics.DroppedByClient());
    }

    [Fact]
    public async Task Concurrent_drops_are_all_counted()
    {
        var statistics = new BrokerStatistics();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                statistics.CountDrop("host", BrokerStatistics.QueueFull);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(40_000, statistics.Dropped);
        Assert.Equal(40_000, statistics.DroppedByClient().Single().Count);
    }
}
