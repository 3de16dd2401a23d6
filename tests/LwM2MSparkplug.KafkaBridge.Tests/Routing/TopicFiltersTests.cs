using LwM2MSparkplug.KafkaBridge.Routing;

namespace LwM2MSparkplug.KafkaBridge.Tests.Routing;

public sealed class TopicFiltersTests
{
    [Theory]
    [InlineData("#", "lwm2m/rd/+", true)]
    [InlineData("lwm2m/#", "lwm2m/rd/+", true)]
    [InlineData("lwm2m/+/+", "lwm2m/rd/+", true)]
    [InlineData("lwm2m/rd/+", "lwm2m/rd/+", true)]
    [InlineData("lwm2m/#", "lwm2m", true)]
    [InlineData("lwm2m/+/reg", "lwm2m/rd/+", false)]
    [InlineData("lwm2m/rd/+", "lwm2m/rd/#", false)]
    [InlineData("lwm2m/rd/ep", "lwm2m/rd/+", false)]
    [InlineData("lwm2m/+", "lwm2m/rd/+", false)]
    [InlineData("spBv1.0/#", "lwm2m/rd/+", false)]
    public void Covers_EveryTopicOfTheInnerFilter(string outer, string inner, bool covers)
    {
        Assert.Equal(covers, TopicFilters.Covers(outer, inner));
    }

    [Theory]
    [InlineData("lwm2m/+/reg", "lwm2m/rd/+", true)]
    [InlineData("lwm2m/+/notify/#", "lwm2m/+/notify/+", true)]
    [InlineData("lwm2m/sensor-1/reg", "lwm2m/+/reg", true)]
    [InlineData("lwm2m/#", "lwm2m", true)]
    [InlineData("#", "tenant-a/lwm2m/rd/+", true)]
    [InlineData("spBv1.0/#", "lwm2m/+/reg", false)]
    [InlineData("lwm2m/+/cmd/+", "lwm2m/+/resp/+", false)]
    [InlineData("lwm2m/+/reg/ack", "lwm2m/+/reg", false)]
    [InlineData("tenant-a/lwm2m/rd/+", "lwm2m/rd/+", false)]
    public void Overlap_WhenSomeTopicMatchesBoth(string first, string second, bool overlap)
    {
        Assert.Equal(overlap, TopicFilters.Overlap(first, second));
        Assert.Equal(overlap, TopicFilters.Overlap(second, first));
    }
}
