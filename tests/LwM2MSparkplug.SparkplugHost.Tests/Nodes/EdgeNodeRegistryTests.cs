using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace LwM2MSparkplug.SparkplugHost.Tests.Nodes;

public sealed class EdgeNodeRegistryTests
{
    const string Group = "G1";
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    readonly EdgeNodeRegistry _registry = new(new EdgeNodeSessionOptions(), maxEdgeNodes: 3);

    [Fact]
    public void EvictDead_RemovesNodesOfflineForLongerThanTheRetention_AndFreesTheirPlaces()
    {
        Apply("alive", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 0), Start);
        Apply("died", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 0), Start);
        Apply("died", SparkplugMessageType.NDeath, NodeDeath(bdSeq: 0), Start.AddMinutes(1));
        // Data before any birth: the node never came online.
        Apply("never-born", SparkplugMessageType.NData, Data(seq: 1), Start.AddMinutes(1));

        Assert.Empty(_registry.EvictDead(Start.AddMinutes(11), Retention, Retention));
        var evicted = _registry.EvictDead(Start.AddMinutes(12), Retention, Retention);

        Assert.Equal(["died", "never-born"], evicted.Select(s => s.EdgeNodeId).Order(StringComparer.Ordinal));
        Assert.Equal(1, _registry.Count);
        Assert.NotNull(_registry.Snapshot(Group, "alive"));
        Assert.Null(_registry.Snapshot(Group, "died"));
        Assert.True(Apply("newcomer", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 0), Start.AddMinutes(12)));
        Assert.True(Apply("died", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 1), Start.AddMinutes(12)));
    }

    [Fact]
    public void EvictDead_KeepsANodeThatWasBornAgainWithinTheRetention()
    {
        Apply("flapping", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 0), Start);
        Apply("flapping", SparkplugMessageType.NDeath, NodeDeath(bdSeq: 0), Start.AddMinutes(1));
        Apply("flapping", SparkplugMessageType.NBirth, NodeBirth(bdSeq: 1), Start.AddMinutes(5));

        Assert.Empty(_registry.EvictDead(Start.AddHours(1), Retention, Retention));
        Assert.True(_registry.Snapshot(Group, "flapping")!.Online);
    }

    [Fact]
    public void EvictDead_ForgetsANodeThatWasNeverBorn_OnceItIsSilentForTheShorterUnbornRetention()
    {
        var unborn = TimeSpan.FromMinutes(1);
        Apply("made-up", SparkplugMessageType.NData, Data(seq: 1), Start);
        Apply("talks-before-birth", SparkplugMessageType.NData, Data(seq: 1), Start);
        Apply("talks-before-birth", SparkplugMessageType.NData, Data(seq: 2), Start.AddSeconds(90));

        var evicted = _registry.EvictDead(Start.AddSeconds(100), Retention, unborn);

        // A flood of made-up ids holds the node limit for a minute, not for the dead-node retention.
        Assert.Equal(["made-up"], evicted.Select(s => s.EdgeNodeId));
        Assert.NotNull(_registry.Snapshot(Group, "talks-before-birth"));
    }

    [Fact]
    public void Snapshot_GivesEachNodeItsMessagesInTheLastMinute()
    {
        var time = new FakeTimeProvider(Start);
        var registry = new EdgeNodeRegistry(new EdgeNodeSessionOptions(), maxEdgeNodes: 3, time);
        registry.TryApply(SparkplugTopic.ForNode(Group, SparkplugMessageType.NBirth, "busy"), NodeBirth(bdSeq: 0), Start, out _, out _);
        for (byte seq = 1; seq <= 4; seq++)
        {
            registry.TryApply(SparkplugTopic.ForNode(Group, SparkplugMessageType.NData, "busy"), Data(seq), Start.AddSeconds(seq * 10), out _, out _);
        }

        time.SetUtcNow(Start.AddSeconds(45));
        Assert.Equal(5, registry.Snapshot(Group, "busy")!.MessagesPerMinute);
        time.SetUtcNow(Start.AddSeconds(85));
        Assert.Equal(2, Assert.Single(registry.Snapshot()).MessagesPerMinute);
        time.SetUtcNow(Start.AddSeconds(120));
        Assert.Equal(0, registry.Snapshot(Group, "busy")!.MessagesPerMinute);
    }

    bool Apply(string edgeNodeId, SparkplugMessageType type, Payload payload, DateTimeOffset at) =>
        _registry.TryApply(SparkplugTopic.ForNode(Group, type, edgeNodeId), payload, at, out _, out _);

    static Payload NodeBirth(long bdSeq)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(Start, 0);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, null, MetricValue.FromInt64(bdSeq))));
        return payload;
    }

    static Payload NodeDeath(long bdSeq)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(Start, null);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, null, MetricValue.FromInt64(bdSeq))));
        return payload;
    }

    static Payload Data(byte seq) => SparkplugPayloadEncoder.CreatePayload(Start, seq);
}
