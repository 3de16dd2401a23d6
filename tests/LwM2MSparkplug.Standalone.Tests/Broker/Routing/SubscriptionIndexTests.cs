using LwM2MSparkplug.Standalone.Broker.Routing;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Routing;

public sealed class SubscriptionIndexTests
{
    [Theory]
    [InlineData("spBv1.0/G/NCMD/n1", "spBv1.0/G/NCMD/n1", true)]
    [InlineData("spBv1.0/G/DCMD/n1/+", "spBv1.0/G/DCMD/n1/d1", true)]
    [InlineData("spBv1.0/G/DCMD/n1/+", "spBv1.0/G/DCMD/n1", false)]
    [InlineData("spBv1.0/G/DCMD/n1/+", "spBv1.0/G/DCMD/n1/d1/x", false)]
    [InlineData("lwm2m/#", "lwm2m", true)]
    [InlineData("lwm2m/#", "lwm2m/ep/cmd/1", true)]
    [InlineData("+/+", "a/b", true)]
    [InlineData("+", "$SYS", false)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("$SYS/#", "$SYS/broker/uptime", true)]
    [InlineData("a//b", "a//b", true)]
    [InlineData("a/+/b", "a//b", true)]
    [InlineData("spBv1.0/G/NCMD/n1", "spBv1.0/G/NCMD/n2", false)]
    public void Match_FollowsMqttsTopicRules(string filter, string topic, bool matches)
    {
        var index = new SubscriptionIndex();
        index.Add("client", filter, 1);

        var found = new Dictionary<string, int>();
        index.Match(topic, found);

        Assert.Equal(matches, found.ContainsKey("client"));
    }

    [Fact]
    public void AClientWithSeveralMatchingFilters_IsFoundOnce_WithTheHighestQos()
    {
        var index = new SubscriptionIndex();
        index.Add("node", "spBv1.0/G/DCMD/n1/+", 0);
        index.Add("node", "spBv1.0/G/DCMD/n1/d1", 1);
        index.Add("other", "spBv1.0/G/DCMD/n2/+", 1);

        var found = new Dictionary<string, int>();
        index.Match("spBv1.0/G/DCMD/n1/d1", found);

        Assert.Equal(new Dictionary<string, int> { ["node"] = 1 }, found);
    }

    [Fact]
    public void Remove_EndsOneSubscription_RemoveClient_EndsAll()
    {
        var index = new SubscriptionIndex();
        index.Add("node", "a/b", 1);
        index.Add("node", "a/+", 1);
        index.Add("other", "a/b", 0);

        Assert.True(index.Remove("node", "a/b"));
        Assert.False(index.Remove("node", "a/b"));
        Assert.True(index.Contains("node", "a/+"));
        index.RemoveClient("node");

        var found = new Dictionary<string, int>();
        index.Match("a/b", found);
        Assert.Equal(["other"], found.Keys);
        Assert.Equal(1, index.FilterCount);
        Assert.True(index.Remove("other", "a/b"));
        Assert.Equal(0, index.FilterCount);
    }
}
