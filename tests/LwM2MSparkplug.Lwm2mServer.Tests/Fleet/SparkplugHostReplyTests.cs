using LwM2MSparkplug.Lwm2mServer.Fleet;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

public sealed class SparkplugHostReplyTests
{
    static readonly Uri Url = new("http://sparkplug-host:8081/api/nodes/plant/dev-1/rebirth");

    [Theory]
    [InlineData(202)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(415)]
    [InlineData(503)]
    public void FromHost_TheHostsOwnAnswers_ArePassedOn(int status)
    {
        var reply = SparkplugHostReply.FromHost(Url, status, "application/problem+json", "{}"u8.ToArray());

        Assert.Equal(SparkplugHostFailure.None, reply.Failure);
        Assert.Equal(status, reply.StatusCode);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    [Theory]
    [InlineData(401, "API_KEY")]
    [InlineData(403, "API_KEY")]
    [InlineData(500, "SPARKPLUG_HOST_URL")]
    [InlineData(302, "SPARKPLUG_HOST_URL")]
    public void FromHost_AnswersThatAreTheServersConcern_AreAnHttpStatusFailure_NamingTheSetting(int status, string setting)
    {
        var reply = SparkplugHostReply.FromHost(Url, status, "text/plain", "no"u8.ToArray());

        Assert.Equal(SparkplugHostFailure.HttpStatus, reply.Failure);
        Assert.Contains(setting, reply.Error, StringComparison.Ordinal);
        Assert.Contains(Url.ToString(), reply.Error, StringComparison.Ordinal);
    }
}
