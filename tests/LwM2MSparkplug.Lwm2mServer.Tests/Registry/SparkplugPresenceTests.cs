using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Registry;

public sealed class SparkplugPresenceTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AtCapacity_EdgeNodesOfUnregisteredEndpointsMakeRoom_ForARegisteredOne_AndRefusalsAreCounted()
    {
        var store = new InMemoryRegistrationStore(capacity: 10);
        var refused = 0;
        var presence = new SparkplugPresence(capacity: 2, store, () => refused++);
        presence.Apply(Birth("junk-1"), BirthPayload(), T0);
        presence.Apply(Birth("junk-2"), BirthPayload(), T0);
        store.TryRegister(new Registration("dev-1", "id-1", TimeSpan.FromMinutes(1), "1.2", "U", Lwm2mObjectList.Empty, T0, T0), out _);

        presence.Apply(Birth("dev-1"), BirthPayload(), T0);

        Assert.True(presence.Get("dev-1")?.Online);
        Assert.Null(presence.Get("junk-1"));
        Assert.Equal(0, refused);

        // Full again: an unregistered endpoint's edge node is refused, and counted; the registered one stays.
        presence.Apply(Birth("junk-3"), BirthPayload(), T0);
        presence.Apply(Birth("junk-4"), BirthPayload(), T0);
        Assert.Equal(2, presence.Count);
        Assert.Null(presence.Get("junk-4"));
        Assert.True(presence.Get("dev-1")?.Online);
        Assert.Equal(1, refused);
    }

    static SparkplugTopic Birth(string edgeNodeId) => SparkplugTopic.ForNode("G", SparkplugMessageType.NBirth, edgeNodeId);

    static Protocols.Sparkplug.Proto.Payload BirthPayload()
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 0);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, 1, MetricValue.FromInt64(0))));
        return payload;
    }
}
