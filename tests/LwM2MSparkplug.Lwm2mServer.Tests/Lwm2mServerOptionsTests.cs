namespace LwM2MSparkplug.Lwm2mServer.Tests;

/// <summary>The start-time check of the fleet retention and overview settings.</summary>
public sealed class Lwm2mServerOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAnEmptyBridgeUrlMeansNoBridge()
    {
        Assert.True(Validate(new Lwm2mServerOptions()).Succeeded);
        Assert.True(Validate(new Lwm2mServerOptions { BridgeUrl = "" }).Succeeded);
        Assert.Equal(60, new Lwm2mServerOptions().OverviewPoints);
    }

    [Theory]
    [InlineData("Lwm2mServer:FleetRetentionSeconds", "LWM2M_FLEET_RETENTION_SECONDS")]
    [InlineData("Lwm2mServer:FleetRetentionMax", "LWM2M_FLEET_RETENTION_MAX")]
    [InlineData("Lwm2mServer:BridgeUrl", "BRIDGE_URL")]
    [InlineData("Lwm2mServer:BridgeTimeoutSeconds", "BRIDGE_HEALTH_TIMEOUT_SECONDS")]
    [InlineData("Lwm2mServer:OverviewIntervalSeconds", "LWM2M_OVERVIEW_INTERVAL_SECONDS")]
    [InlineData("Lwm2mServer:OverviewWindowSeconds", "LWM2M_OVERVIEW_WINDOW_SECONDS")]
    public void ABadValue_FailsTheStart_NamingTheKeyAndItsVariable(string key, string variable)
    {
        var options = new Lwm2mServerOptions();
        switch (key)
        {
            case "Lwm2mServer:FleetRetentionSeconds": options.FleetRetentionSeconds = 0; break;
            case "Lwm2mServer:FleetRetentionMax": options.FleetRetentionMax = 0; break;
            case "Lwm2mServer:BridgeUrl": options.BridgeUrl = "mqtt-kafka-bridge:8083"; break;
            case "Lwm2mServer:BridgeTimeoutSeconds": options.BridgeTimeoutSeconds = -1; break;
            case "Lwm2mServer:OverviewIntervalSeconds": options.OverviewIntervalSeconds = 0; break;
            default: options.OverviewWindowSeconds = 86_400; options.OverviewIntervalSeconds = 1; break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(variable, result.FailureMessage, StringComparison.Ordinal);
    }

    static Microsoft.Extensions.Options.ValidateOptionsResult Validate(Lwm2mServerOptions options) => new Lwm2mServerOptions.Validator().Validate(null, options);
}
