using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.LoadTest.Devices;
using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.LoadTest.Reporting;
using LwM2MSparkplug.LoadTest.Stack;

namespace LwM2MSparkplug.LoadTest.Tests.Reporting;

public sealed class HopAccountingTests
{
    static readonly ServiceClientIds Clients = new("host-1", "server-1", "bridge-1");

    static readonly StackSnapshot Before = new(DateTimeOffset.UnixEpoch, OfferedSnapshot.Empty, new BrokerSnapshot(0, 0, new Dictionary<string, long>()),
        MetricsPage.Empty, MetricsPage.Empty, MetricsPage.Empty, KafkaCounts.Empty, 0, 0, 0);

    /// <summary>1,000 Sparkplug messages offered (2 more failed), 50 LwM2M Sends; the broker dropped 100 for the host.</summary>
    static StackSnapshot After(IReadOnlyDictionary<string, long>? droppedByClient) => new(
        DateTimeOffset.UnixEpoch.AddSeconds(10),
        new OfferedSnapshot(
            new Dictionary<(string, string), long> { [("sparkplug", "DDATA")] = 1_000, [("lwm2m", "send")] = 50 },
            new Dictionary<string, long> { ["sparkplug"] = 2 },
            0),
        new BrokerSnapshot(1_050, 100, droppedByClient),
        MetricsPage.Parse("""
            sparkplug_messages_total{message_type="DDATA"} 896
            sparkplug_messages_total{message_type="NCMD"} 2
            sparkplug_invalid_messages_total{reason="topic_malformed"} 2
            sparkplug_invalid_messages_total{reason="payload_too_large"} 9
            sparkplug_rebirth_requests_total{reason="seq_gap"} 5
            """),
        MetricsPage.Parse("lwm2m_messages_total{message_type=\"send\"} 50"),
        MetricsPage.Parse($$"""
            bridge_mqtt_messages_received_total 1055
            bridge_records_forwarded_total{kafka_topic="{{TopicRouter.SparkplugTopic}}"} 1000
            bridge_records_forwarded_total{kafka_topic="{{TopicRouter.UpdatesTopic}}"} 50
            bridge_dead_letters_total 2
            bridge_in_flight_records 3
            """),
        new KafkaCounts(new Dictionary<string, long> { [TopicRouter.SparkplugTopic] = 1_000, [TopicRouter.UpdatesTopic] = 49 }, new Dictionary<(string, string), long>()),
        0, 0, 0);

    [Fact]
    public void Pipeline_ExpectedEqualsDeliveredDroppedPendingAndUnexplained_AtEveryHop()
    {
        var hops = HopAccounting.Pipeline(Before, After(new Dictionary<string, long> { ["host-1"] = 100 }), Clients);

        var publishing = Hop(hops, HopAccounting.SparkplugFlow, "devices → broker");
        Assert.Equal((1_002, 1_000, 2, 0L), (publishing.Expected, publishing.Delivered, publishing.Dropped, publishing.Unexplained));

        // The host also receives its own 5 rebirth requests; invalid messages with a bad topic still arrived.
        var host = Hop(hops, HopAccounting.SparkplugFlow, "broker → Sparkplug host");
        Assert.Equal((1_005, 900, 100, 5L), (host.Expected, host.Delivered, host.Dropped, host.Unexplained));

        var bridge = Hop(hops, "Sparkplug+LwM2M", "bridge → Kafka (confirmed)");
        Assert.Equal((1_055, 1_052, 3, 0L), (bridge.Expected, bridge.Delivered, bridge.Pending, bridge.Unexplained));

        var kafka = Hop(hops, "Sparkplug+LwM2M", "Kafka → consumer");
        Assert.Equal((1_050, 1_049, 1L), (kafka.Expected, kafka.Delivered, kafka.Unexplained));

        var lwm2m = Hop(hops, HopAccounting.Lwm2mFlow, "broker → LwM2M server");
        Assert.Equal((50, 50, 0L), (lwm2m.Expected, lwm2m.Delivered, lwm2m.Unexplained));
    }

    [Fact]
    public void Pipeline_WithoutTheBridge_LeavesOutItsHopsAndKafkas_AndKeepsTheServices()
    {
        var hops = HopAccounting.Pipeline(Before, After(new Dictionary<string, long> { ["host-1"] = 100 }), Clients, hasBridge: false);

        Assert.Equal(["devices → broker", "broker → Sparkplug host", "devices → broker", "broker → LwM2M server"], hops.Select(h => h.Hop));
        var host = Hop(hops, HopAccounting.SparkplugFlow, "broker → Sparkplug host");
        Assert.Equal((1_005, 900, 100, 5L), (host.Expected, host.Delivered, host.Dropped, host.Unexplained));
        Assert.Equal(0, Hop(hops, HopAccounting.Lwm2mFlow, "broker → LwM2M server").Unexplained);
    }

    [Fact]
    public void ABrokerThatCountsDropsOnlyInTotal_LeavesThemUnexplainedPerHop_AndSaysSo()
    {
        var hops = HopAccounting.Pipeline(Before with { Broker = BrokerSnapshot.Empty }, After(droppedByClient: null), Clients);

        var host = Hop(hops, HopAccounting.SparkplugFlow, "broker → Sparkplug host");
        Assert.Equal(0, host.Dropped);
        Assert.Equal(105, host.Unexplained);
        Assert.Contains("only in total (100 in this phase", host.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_CountsTheSubscribersDropsAndArrivals()
    {
        var after = Before with
        {
            Offered = new OfferedSnapshot(new Dictionary<(string, string), long> { [(OfferedCounts.Baseline, "DDATA")] = 500 }, new Dictionary<string, long>(), 0),
            Broker = new BrokerSnapshot(500, 20, new Dictionary<string, long> { ["baseline-sub"] = 20 }),
            BaselineReceived = 480,
        };

        var hops = HopAccounting.Baseline(Before, after, "baseline-sub");

        var subscriber = Hop(hops, HopAccounting.BaselineFlow, "broker → subscriber");
        Assert.Equal((500, 480, 20, 0L), (subscriber.Expected, subscriber.Delivered, subscriber.Dropped, subscriber.Unexplained));
    }

    [Fact]
    public void WithoutAKafkaConsumer_TheKafkaHopIsLeftOut_NotCountedAsLost()
    {
        var hops = HopAccounting.Pipeline(Before, After(new Dictionary<string, long> { ["host-1"] = 100 }), Clients, readsKafka: false);

        Assert.DoesNotContain(hops, h => h.Hop == "Kafka → consumer");
        Assert.Contains(hops, h => h.Hop == "bridge → Kafka (confirmed)");
    }

    [Theory]
    [InlineData(30, 50, 460, 20)]
    [InlineData(100, 0, 580, -100)]
    public void MessagesQueuedInTheBroker_ArePending_NeitherLostNorDeliveredTwice(long queuedBefore, long queuedAfter, long received, long pending)
    {
        var before = Before with { Broker = new BrokerSnapshot(0, 0, new Dictionary<string, long>(), new Dictionary<string, long> { ["baseline-sub"] = queuedBefore }) };
        var after = Before with
        {
            Offered = new OfferedSnapshot(new Dictionary<(string, string), long> { [(OfferedCounts.Baseline, "DDATA")] = 500 }, new Dictionary<string, long>(), 0),
            Broker = new BrokerSnapshot(500, 20, new Dictionary<string, long> { ["baseline-sub"] = 20 }, new Dictionary<string, long> { ["baseline-sub"] = queuedAfter }),
            BaselineReceived = received,
        };

        var subscriber = Hop(HopAccounting.Baseline(before, after, "baseline-sub"), HopAccounting.BaselineFlow, "broker → subscriber");

        Assert.Equal((pending, 0L), (subscriber.Pending, subscriber.Unexplained));
    }

    static HopRow Hop(IReadOnlyList<HopRow> hops, string flow, string hop) => Assert.Single(hops, h => h.Flow == flow && h.Hop == hop);
}
