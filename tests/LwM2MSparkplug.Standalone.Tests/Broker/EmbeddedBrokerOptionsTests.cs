using LwM2MSparkplug.Standalone.Broker;

namespace LwM2MSparkplug.Standalone.Tests.Broker;

public sealed class EmbeddedBrokerOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(268_435_461)]
    public void A_maximum_packet_size_outside_what_MQTT_can_carry_names_the_setting(int maxPacketBytes)
    {
        var result = new EmbeddedBrokerOptions.Validator().Validate(null, new EmbeddedBrokerOptions { MaxPacketBytes = maxPacketBytes });

        Assert.True(result.Failed);
        Assert.Contains("BROKER_MAX_PACKET_BYTES", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_maximum_packet_size_is_valid_and_above_the_largest_payload_a_service_accepts()
    {
        var options = new EmbeddedBrokerOptions();

        Assert.True(new EmbeddedBrokerOptions.Validator().Validate(null, options).Succeeded);
        Assert.True(options.MaxPacketBytes >= 2 * new LwM2MSparkplug.SparkplugHost.SparkplugHostOptions().MaxPayloadBytes);
    }
}
