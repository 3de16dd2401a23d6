using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Oma;

/// <summary>Topics of OMA's MQTT binding: <c>[prefix/]lwm2m/(rd|bs)/{endpoint}</c>, one per endpoint, both directions.</summary>
public sealed class OmaTopicTests
{
    [Theory]
    [InlineData("lwm2m/rd/dev-1", null, OmaInterface.Registration, "dev-1")]
    [InlineData("lwm2m/bs/dev-1", null, OmaInterface.Bootstrap, "dev-1")]
    [InlineData("tenant-a/lwm2m/rd/b1cccdea-22ca-4448-bcf7-d07317ee0361", "tenant-a", OmaInterface.Registration, "b1cccdea-22ca-4448-bcf7-d07317ee0361")]
    [InlineData("oma/site/lwm2m/rd/urn:dev:ops:1", "oma/site", OmaInterface.Registration, "urn:dev:ops:1")]
    public void Topics_AreParsed_AndWrittenBackAsTheyCame(string topic, string? prefix, OmaInterface @interface, string endpoint)
    {
        Assert.True(OmaTopic.TryParse(topic, prefix, out var parsed, out var error), error.ToString());

        Assert.Equal(@interface, parsed.Interface);
        Assert.Equal(endpoint, parsed.Endpoint);
        Assert.Equal(topic, parsed.ToString());
        Assert.Equal(topic, OmaTopic.Create(prefix, @interface, endpoint).ToString());
    }

    [Theory]
    [InlineData("lwm2m/dev-1/reg", null, OmaTopicError.NotOma)]
    [InlineData("lwm2m/rd", null, OmaTopicError.NotOma)]
    [InlineData("other/lwm2m/rd/dev-1", null, OmaTopicError.NotOma)]
    [InlineData("lwm2m/rd/dev-1", "tenant-a", OmaTopicError.NotOma)]
    [InlineData("lwm2m/rd/", null, OmaTopicError.InvalidEndpoint)]
    [InlineData("lwm2m/rd/dev-1/extra", null, OmaTopicError.InvalidEndpoint)]
    [InlineData("lwm2m/rd/+", null, OmaTopicError.InvalidEndpoint)]
    public void OtherTopics_AreRefusedWithTheirReason(string topic, string? prefix, OmaTopicError expected)
    {
        Assert.False(OmaTopic.TryParse(topic, prefix, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TheServersSubscription_CoversOneLevelOfEndpoints()
    {
        Assert.Equal("lwm2m/rd/+", OmaTopic.FilterFor(null, OmaInterface.Registration));
        Assert.Equal("tenant-a/lwm2m/bs/+", OmaTopic.FilterFor("tenant-a", OmaInterface.Bootstrap));
    }

    [Theory]
    [InlineData("a/+/b")]
    [InlineData("a//b")]
    [InlineData("#")]
    public void APrefixWithAWildcardOrAnEmptyLevel_IsRefused(string prefix)
    {
        Assert.Equal(OmaTopicError.InvalidPrefix, OmaTopic.ValidatePrefix(prefix));
        Assert.Throws<ArgumentException>(() => OmaTopic.Create(prefix, OmaInterface.Registration, "dev-1"));
    }
}
