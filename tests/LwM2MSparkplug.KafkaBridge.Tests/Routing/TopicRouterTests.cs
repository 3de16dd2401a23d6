using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

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

    [Theory]
    [InlineData(OmaOperation.Register, TopicRouter.RegistrationTopic)]
    [InlineData(OmaOperation.Deregister, TopicRouter.RegistrationTopic)]
    [InlineData(OmaOperation.Update, TopicRouter.UpdatesTopic)]
    [InlineData(OmaOperation.Notify, TopicRouter.UpdatesTopic)]
    [InlineData(OmaOperation.Send, TopicRouter.UpdatesTopic)]
    [InlineData(null, null)]
    public void DefaultRoutes_RouteOmaMessagesByOperation_AsTheJsonContractsTopics(OmaOperation? operation, string? kafkaTopic)
    {
        var router = new TopicRouter(TopicRouter.DefaultRoutes, "tenant-a");

        Assert.Equal(kafkaTopic, router.Route("tenant-a/lwm2m/rd/dev", OmaRoutingTopic.For("dev", operation, 7)!.Value));
    }

    [Theory]
    [InlineData(OmaOperation.Read)]
    [InlineData(OmaOperation.Observe)]
    [InlineData(OmaOperation.CancelObserve)]
    [InlineData(OmaOperation.WriteReplace)]
    public void ServerOperations_HaveNoRoutingTopic(OmaOperation operation)
    {
        Assert.Null(OmaRoutingTopic.For("dev", operation, 7));
    }

    [Fact]
    public void OverriddenRoutes_TakeOmaMessages_ByTheirRoutingTopicOrTheirMqttTopic_FirstMatchWins()
    {
        Assert.True(TopicRouter.TryParse("lwm2m/+/resp/#=replies;lwm2m/rd/+=oma.rest;lwm2m/+/reg=json.reg", out var routes, out _));
        var router = new TopicRouter(routes);

        Assert.Equal("replies", router.Route("lwm2m/rd/dev", OmaRoutingTopic.For("dev", null, 7)!.Value));
        Assert.Equal("oma.rest", router.Route("lwm2m/rd/dev", OmaRoutingTopic.For("dev", OmaOperation.Register, 7)!.Value));
        Assert.Equal("json.reg", router.Route("lwm2m/dev/reg"));
    }

    [Theory]
    [InlineData(null, null, "lwm2m/rd/+")]
    [InlineData(null, "tenant-a", "tenant-a/lwm2m/rd/+")]
    [InlineData("lwm2m/+/update=u", null, "lwm2m/rd/+")]
    [InlineData("lwm2m/+/resp/+=r", "a/b", "a/b/lwm2m/rd/+")]
    [InlineData("spBv1.0/#=s", null, null)]
    [InlineData("lwm2m/+/cmd/+=c", null, null)]
    [InlineData("lwm2m/#=all", null, null)]
    [InlineData("#=all", "tenant-a", null)]
    public void SubscriptionFilters_AddTheOmaTopic_OnlyWhereARouteTakesOmaMessages_AndNoFilterAlreadyDeliversThem(string? routes, string? prefix, string? added)
    {
        var parsed = routes is null ? TopicRouter.DefaultRoutes : TopicRouter.TryParse(routes, out var r, out _) ? r : throw new ArgumentException(routes);
        var router = new TopicRouter(parsed, prefix);

        var extra = router.SubscriptionFilters.Except(parsed.Select(route => route.Filter)).ToList();

        Assert.Equal(added is null ? [] : [added], extra);
    }
}
