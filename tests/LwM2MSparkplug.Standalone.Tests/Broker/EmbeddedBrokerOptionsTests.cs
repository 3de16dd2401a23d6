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

    [Fact]
    public void People_may_not_take_the_user_name_of_an_in_process_service()
    {
        var result = new EmbeddedBrokerOptions.Validator().Validate(null, new EmbeddedBrokerOptions { RequireAuthentication = true, Username = "sparkplug-host", Password = "x" });

        Assert.True(result.Failed);
        Assert.Contains("BROKER_USERNAME", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("account of an in-process service", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_needs_devices_on_TLS_and_says_which_setting_to_change()
    {
        var broker = new EmbeddedBrokerOptions { RequireAuthentication = true, Username = "monitor", Password = "x" };

        var result = new StandaloneOptions.Validator(broker).Validate(null, new StandaloneOptions { DevicesUseTls = false });

        Assert.True(result.Failed);
        Assert.Contains("DEVICES_USE_TLS=true", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new StandaloneOptions.Validator(broker).Validate(null, new StandaloneOptions()).Succeeded);
    }
}
