using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void FlatNames_OnTheCommandLine_SetTheirKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddFlatNames(["--MQTT_HOST", "broker.example", "--DEVICE_COUNT=7", "--devices", "9"], new Dictionary<string, string> { ["--devices"] = "Simulator:DeviceCount" })
            .Build();

        Assert.Equal("broker.example", configuration["Mqtt:Host"]);
        Assert.Equal("9", configuration["Simulator:DeviceCount"]);
    }

    [Fact]
    public void EveryFlatName_IsUpperSnakeCase_AndMapsToASectionKey()
    {
        foreach (var (name, key) in FlatConfigurationNames.ToKey)
        {
            Assert.Matches("^[A-Z][A-Z0-9_]*$", name);
            Assert.Contains(':', key);
        }
    }

    [Fact]
    public void Describe_NamesTheKeyAndItsEnvironmentVariable()
    {
        Assert.Equal("Mqtt:Port (MQTT_PORT)", FlatConfigurationNames.Describe("Mqtt:Port"));
        Assert.Equal("Some:Key", FlatConfigurationNames.Describe("Some:Key"));
    }

    [Fact]
    public void MqttValidator_ExplainsWhatIsWrongAndHowToFixIt()
    {
        var options = new MqttConnectionOptions { Port = 0, Host = "", CaCertificate = "/no/such/ca.pem", Password = "secret" };

        var result = new MqttConnectionOptions.Validator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Mqtt:Port (MQTT_PORT): must be a TCP port from 1 to 65535; got 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:Host (MQTT_HOST)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("/no/such/ca.pem", StringComparison.Ordinal) && f.Contains("MQTT_CA_CERT", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("set MQTT_USE_TLS=true", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:Username (MQTT_USERNAME)", StringComparison.Ordinal));
    }

    [Fact]
    public void MqttValidator_AcceptsTheDefaults()
    {
        Assert.True(new MqttConnectionOptions.Validator().Validate(null, new MqttConnectionOptions()).Succeeded);
    }
}
