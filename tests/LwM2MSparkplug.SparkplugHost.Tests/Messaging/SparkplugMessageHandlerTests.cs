using System.Buffers;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.SparkplugHost.Messaging;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace LwM2MSparkplug.SparkplugHost.Tests.Messaging;

/// <summary>The host's receive path without a broker: limits, refusals and what they cost.</summary>
public sealed class SparkplugMessageHandlerTests
{
    const string Group = "G1";

    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly SparkplugHostMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Fact]
    public void NewEdgeNode_PastMaxEdgeNodes_IsRefusedAndCounted_WithoutARebirthRequest_WhileKnownNodesStillWork()
    {
        var (handler, registry) = Create(new SparkplugHostOptions { MaxEdgeNodes = 2 });
        Publish(handler, "NBIRTH", "edge-a", SparkplugHostHarness.NodeBirth(0, Counter(1)));
        Publish(handler, "NBIRTH", "edge-b", SparkplugHostHarness.NodeBirth(0, Counter(1)));

        // Data before birth from an unknown node would ask for a rebirth; past the limit it must cost nothing.
        Publish(handler, "NDATA", "edge-c", SparkplugHostHarness.Data(1, Counter(2)));
        Publish(handler, "NBIRTH", "edge-d", SparkplugHostHarness.NodeBirth(0, Counter(1)));
        Publish(handler, "NDATA", "edge-a", SparkplugHostHarness.Data(1, Counter(2)));

        Assert.Equal(2, registry.Count);
        Assert.Null(registry.Snapshot(Group, "edge-c"));
        Assert.Null(registry.Snapshot(Group, "edge-d"));
        Assert.Equal(2, _metrics.LimitRefusals.WithLabels("max_edge_nodes").Value);
        Assert.Equal(0, _metrics.RebirthRequests.Total() + _metrics.RebirthsDelayed.Value);
        Assert.Equal(1, registry.Snapshot(Group, "edge-a")!.LastSeq);
    }

    [Fact]
    public void NewDevice_PastMaxDevicesPerNode_IsRefusedAndCounted_ItsDataCostsNoRebirthRequest()
    {
        var (handler, registry) = Create(new SparkplugHostOptions { MaxDevicesPerNode = 1 });
        Publish(handler, "NBIRTH", "edge-a", SparkplugHostHarness.NodeBirth(0, Counter(1)));
        Publish(handler, "DBIRTH", "edge-a/d1", SparkplugHostHarness.DeviceBirth(1, Counter(1)));

        Publish(handler, "DBIRTH", "edge-a/d2", SparkplugHostHarness.DeviceBirth(2, Counter(1)));
        Publish(handler, "DDATA", "edge-a/d2", SparkplugHostHarness.Data(3, Counter(2)));
        Publish(handler, "DDATA", "edge-a/d1", SparkplugHostHarness.Data(4, Counter(2)));

        Assert.Equal(["d1"], registry.Snapshot(Group, "edge-a")!.Devices.Select(d => d.DeviceId));
        Assert.Equal(2, _metrics.LimitRefusals.WithLabels("max_devices_per_node").Value);
        Assert.Equal(0, _metrics.RebirthRequests.Total() + _metrics.RebirthsDelayed.Value);
        Assert.Equal(4, registry.Snapshot(Group, "edge-a")!.LastSeq);
    }

    [Fact]
    public void LateCopyOfAnAppliedSeq_IsDroppedAndCounted_WithoutARebirthRequest_AndTheNextSeqApplies()
    {
        var (handler, registry) = Create(new SparkplugHostOptions());
        Publish(handler, "NBIRTH", "edge-a", SparkplugHostHarness.NodeBirth(0, Counter(0)));
        for (byte seq = 1; seq <= 3; seq++)
        {
            Publish(handler, "NDATA", "edge-a", SparkplugHostHarness.Data(seq, Counter(seq)));
        }

        Publish(handler, "NDATA", "edge-a", SparkplugHostHarness.Data(2, Counter(2)));
        Publish(handler, "NDATA", "edge-a", SparkplugHostHarness.Data(4, Counter(4)));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(registry.Expire(_time.GetUtcNow()));
        Publish(handler, "NDATA", "edge-a", SparkplugHostHarness.Data(5, Counter(5)));
        var node = registry.Snapshot(Group, "edge-a")!;
        Assert.Equal(5, node.LastSeq);
        Assert.Equal(5, node.Metrics.Single(m => m.Name == "counter").Value.AsInt64());
        Assert.Equal(0, _metrics.RebirthRequests.Total() + _metrics.RebirthsDelayed.Value + _metrics.SeqGaps.Value);
        Assert.Equal(1, _metrics.IgnoredMessages.WithLabels("late_seq").Value);
    }

    [Fact]
    public void SecondNodeDeath_WithTheSameBdSeq_ChangesNothing_AndAsksForNoRebirth()
    {
        var (handler, registry) = Create(new SparkplugHostOptions());
        Publish(handler, "NBIRTH", "edge-a", SparkplugHostHarness.NodeBirth(3, Counter(1)));
        Publish(handler, "NDEATH", "edge-a", SparkplugHostHarness.NodeDeath(3));
        var dead = registry.Snapshot(Group, "edge-a")!;
        _time.Advance(TimeSpan.FromSeconds(5));

        Publish(handler, "NDEATH", "edge-a", SparkplugHostHarness.NodeDeath(3));

        var after = registry.Snapshot(Group, "edge-a")!;
        Assert.False(after.Online);
        Assert.Equal(dead.DeathTime, after.DeathTime);
        Assert.Equal(dead.Metrics.Single(m => m.Name == "counter"), after.Metrics.Single(m => m.Name == "counter"));
        Assert.Equal(0, _metrics.RebirthRequests.Total() + _metrics.RebirthsDelayed.Value + _metrics.RebirthsDebounced.Value);
        Assert.Equal(0, _metrics.StaleDeaths.Value);
        Assert.Equal(1, _metrics.IgnoredMessages.WithLabels("death_while_offline").Value);
        Assert.Equal((0, 0), registry.CountOnline());
    }

    [Fact]
    public void TemplateInstanceData_WithOneMemberWithoutItsDatatype_UpdatesThatMember_AndIsNotCountedInvalid()
    {
        var (handler, registry) = Create(new SparkplugHostOptions());
        var members = new SparkplugMetric[] { new("speed", null, 1, MetricValue.FromDouble(1)), new("running", null, 1, MetricValue.FromBoolean(true)) };
        Publish(handler, "NBIRTH", "edge-a", SparkplugHostHarness.NodeBirth(0,
            new SparkplugMetric("Motor", null, 1, MetricValue.FromTemplate(new SparkplugTemplate(null, null, true, members, []))),
            new SparkplugMetric("motor1", 7, 1, MetricValue.FromTemplate(new SparkplugTemplate(null, "Motor", false, members, [])))));

        var data = SparkplugPayloadEncoder.CreatePayload(_time.GetUtcNow(), 1);
        var update = new Payload.Types.Template { TemplateRef = "Motor" };
        update.Metrics.Add(new Payload.Types.Metric { Name = "speed", DoubleValue = 3 });
        data.Metrics.Add(new Payload.Types.Metric { Alias = 7, TemplateValue = update });
        Publish(handler, "NDATA", "edge-a", data.ToByteArray());

        var motor = registry.Snapshot(Group, "edge-a")!.Metrics.Single(m => m.Name == "motor1").Value.AsTemplate();
        Assert.Equal([MetricValue.FromDouble(3), MetricValue.FromBoolean(true)], motor.Metrics.Select(m => m.Value));
        Assert.Equal(0, _metrics.InvalidMessages.Total());
    }

    (SparkplugMessageHandler Handler, EdgeNodeRegistry Registry) Create(SparkplugHostOptions options)
    {
        var registry = new EdgeNodeRegistry(options.ToSessionOptions(), options.MaxEdgeNodes);
        var outbox = new MqttOutbox();
        var rebirth = new RebirthRequester(new RebirthThrottle(options.RebirthDebounce, options.RebirthRatePerSecond), outbox, registry, _metrics, _time, NullLogger<RebirthRequester>.Instance);
        var handler = new SparkplugMessageHandler(registry, rebirth, new HostApplicationState(Options.Create(options)), outbox, _metrics,
            Options.Create(options), _time, NullLogger<SparkplugMessageHandler>.Instance);
        return (handler, registry);
    }

    void Publish(SparkplugMessageHandler handler, string messageType, string edgeNodeId, byte[] payload) =>
        handler.Handle($"spBv1.0/{Group}/{messageType}/{edgeNodeId}", new ReadOnlySequence<byte>(payload), _time.GetUtcNow());

    static SparkplugMetric Counter(long value) => new("counter", null, 1, MetricValue.FromInt64(value));
}
