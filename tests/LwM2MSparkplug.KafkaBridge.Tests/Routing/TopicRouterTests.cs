using LwM2MSparkplug.KafkaBridge.Routing;

namespace LwM2MSparkplug.KafkaBridge.Tests.Routing;

public sealed class TopicRouterTests
{
    [Theory]
    [InlineData("spBv1.0/IIoT/DDATA/dev/sensor", TopicRouter.SparkplugTopic)]
    [InlineData("spBv1.0/STATE/host", TopicRouter.SparkplugTopic)]
    [InlineData("lwm2m/dev/reg", TopicRouter.RegistrationTopic)]
    [InlineData("lwm2m/dev/dereg", TopicRouter.RegistrationTopic)]
    [InlineData("lwm2m/dev/update", TopicRouter.UpdatesTopic)]
    [InlineData("lwm2m/dev/send", TopicRouter.UpdatesTopic)]
    [InlineData("lwm2m/dev/send/s-1", TopicRouter.UpdatesTopic)]
    [InlineData("lwm2m/dev/send/s-1/ack", null)]
    [InlineData("lwm2m/dev/dereg/ack", null)]
    [InlineData("lwm2m/dev/notify/7", TopicRouter.UpdatesTopic)]
    [InlineData("lwm2m/dev/resp/7", null)]
    [InlineData("other/topic", null)]
    public void DefaultRoutes_MapTheDocumentedTopics(string mqttTopic, string? kafkaTopic)
    {
        Assert.Equal(kafkaTopic, new TopicRouter(TopicRouter.DefaultRoutes).Route(mqttTopic));
    }

    [Fact]
    public void TryParse_CompactForm_FirstMatchWins()
    {
        Assert.True(TopicRouter.TryParse("spBv1.0/G1/#=g1.data ; spBv1.0/#=all.data", out var routes, out _));
        var router = new TopicRouter(routes);

        Assert.Equal("g1.data", router.Route("spBv1.0/G1/NDATA/e"));
        Assert.Equal("all.data", router.Route("spBv1.0/G2/NDATA/e"));
    }

    [Theory]
    [InlineData("spBv1.0/#")]
    [InlineData("=topic")]
    [InlineData("a/#/b=topic")]
    [InlineData("a/b=bad topic")]
    [InlineData("")]
    public void TryParse_Malformed_SaysWhy(string text)
    {
        Assert.False(TopicRouter.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
