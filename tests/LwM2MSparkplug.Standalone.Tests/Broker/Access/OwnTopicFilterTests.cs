using LwM2MSparkplug.Standalone.Broker.Access;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

public sealed class OwnTopicFilterTests
{
    [Theory]
    [InlineData("spBv1.0/IIoT/NCMD/sim-001", true)]
    [InlineData("spBv1.0/IIoT/DCMD/sim-001/sensor", true)]
    [InlineData("spBv1.0/+/NCMD/sim-001", true)]
    [InlineData("spBv1.0/STATE/lwm2m-sparkplug-host", true)]
    [InlineData("lwm2m/sim-001/cmd/+", true)]
    [InlineData("lwm2m/sim-001/reg/ack", true)]
    [InlineData("lwm2m/sim-001/send/+/ack", true)]
    [InlineData("lwm2m/rd/sim-001", true)]
    // Many devices' topics, or not a device's to read: left to MQTTnet.
    [InlineData("spBv1.0/IIoT/NCMD/+", false)]
    [InlineData("spBv1.0/STATE/+", false)]
    [InlineData("spBv1.0/#", false)]
    [InlineData("lwm2m/+/cmd/+", false)]
    [InlineData("lwm2m/rd/+", false)]
    [InlineData("lwm2m/sim-001/#", false)]
    [InlineData("lwm2m/sim-001/reg", false)]
    [InlineData("$share/kafka-bridge/lwm2m/sim-001/cmd/+", false)]
    [InlineData("#", false)]
    public void OnlyFiltersOfOneDevicesOwnTopics_AreOwnTopicFilters(string filter, bool own)
    {
        Assert.Equal(own, TopicAccessPolicy.IsOwnTopicFilter(filter));
    }

    [Fact]
    public void UnderTheOmaPrefix_TheDevicesOmaTopicIsItsOwn()
    {
        Assert.True(TopicAccessPolicy.IsOwnTopicFilter("tenant-a/lwm2m/rd/sim-001", "tenant-a"));
        Assert.False(TopicAccessPolicy.IsOwnTopicFilter("tenant-a/lwm2m/rd/+", "tenant-a"));
    }
}
