using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Mqtt;

public class Lwm2mTopicTests
{
    [Theory]
    [InlineData("lwm2m/dev-1/reg", Lwm2mTopicKind.Register, null)]
    [InlineData("lwm2m/dev-1/update", Lwm2mTopicKind.Update, null)]
    [InlineData("lwm2m/dev-1/dereg", Lwm2mTopicKind.Deregister, null)]
    [InlineData("lwm2m/dev-1/send", Lwm2mTopicKind.Send, null)]
    [InlineData("lwm2m/dev-1/resp/42", Lwm2mTopicKind.Response, "42")]
    [InlineData("lwm2m/dev-1/notify/7", Lwm2mTopicKind.Notify, "7")]
    [InlineData("lwm2m/dev-1/cmd/42", Lwm2mTopicKind.Command, "42")]
    [InlineData("lwm2m/dev-1/reg/ack", Lwm2mTopicKind.RegisterAck, null)]
    [InlineData("lwm2m/dev-1/update/ack", Lwm2mTopicKind.UpdateAck, null)]
    [InlineData("lwm2m/dev-1/dereg/ack", Lwm2mTopicKind.DeregisterAck, null)]
    [InlineData("lwm2m/dev-1/send/s-17", Lwm2mTopicKind.Send, "s-17")]
    [InlineData("lwm2m/dev-1/send/s-17/ack", Lwm2mTopicKind.SendAck, "s-17")]
    public void TryParse_ValidTopic_RoundTrips(string text, Lwm2mTopicKind kind, string? id)
    {
        Assert.True(Lwm2mTopic.TryParse(text, out var topic, out var error));

        Assert.Equal(Lwm2mTopicError.None, error);
        Assert.Equal("dev-1", topic.Endpoint);
        Assert.Equal(kind, topic.Kind);
        Assert.Equal(id, topic.Id);
        Assert.Equal(text, topic.ToString());
        Assert.Equal(topic, Lwm2mTopic.Create(topic.Endpoint, kind, id));
    }

    [Theory]
    [InlineData("lwm2m", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("LWM2M/dev/reg", Lwm2mTopicError.WrongPrefix)]
    [InlineData("spBv1.0/dev/reg", Lwm2mTopicError.WrongPrefix)]
    [InlineData("lwm2m/dev", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/reg/x/y", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/resp", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/reg/nack", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/bogus", Lwm2mTopicError.UnknownKind)]
    [InlineData("lwm2m//reg", Lwm2mTopicError.InvalidEndpoint)]
    [InlineData("lwm2m/+/reg", Lwm2mTopicError.InvalidEndpoint)]
    [InlineData("lwm2m/dev/resp/", Lwm2mTopicError.InvalidId)]
    [InlineData("lwm2m/dev/resp/#", Lwm2mTopicError.InvalidId)]
    [InlineData("lwm2m/dev/send/s-1/nack", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/send/+", Lwm2mTopicError.InvalidId)]
    [InlineData("lwm2m/dev/dereg/x", Lwm2mTopicError.WrongLevelCount)]
    [InlineData("lwm2m/dev/send/a/ack/x", Lwm2mTopicError.WrongLevelCount)]
    public void TryParse_InvalidTopic_IsRejectedWithReason(string text, Lwm2mTopicError expected)
    {
        Assert.False(Lwm2mTopic.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_OverlongEndpoint_IsRejected()
    {
        var topic = $"lwm2m/{new string('a', Lwm2mTopic.MaxEndpointLength + 1)}/reg";

        Assert.False(Lwm2mTopic.TryParse(topic, out _, out var error));
        Assert.Equal(Lwm2mTopicError.InvalidEndpoint, error);
    }
}
