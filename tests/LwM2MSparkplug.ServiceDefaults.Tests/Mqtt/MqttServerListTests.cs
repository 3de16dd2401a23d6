using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Mqtt;

/// <summary><c>MQTT_SERVERS</c>: an ordered list of servers, each with the common settings and its own where given.</summary>
public sealed class MqttServerListTests
{
    [Fact]
    public void WithoutServers_TheOneServerFormIsTheList()
    {
        var options = new MqttConnectionOptions { Host = "broker", Port = 1884 };

        var server = Assert.Single(options.ServerList());

        Assert.Same(options, server);
    }

    [Fact]
    public void Servers_AreListedInOrder_WithTheSchemeSettingTlsAndTheDefaultPort()
    {
        var options = Bind(new()
        {
            ["Mqtt:Servers"] = "mqtts://a.example:18883, mqtt://b.example ,mqtts://c.example",
            ["Mqtt:Username"] = "sparkplug-host",
            ["Mqtt:Password"] = "common",
            ["Mqtt:KeepAliveSeconds"] = "12",
            ["Mqtt:PerServer:1:Password"] = "only-b",
        });

        var servers = options.ServerList();

        Assert.Equal(["mqtts://a.example:18883", "mqtt://b.example:1883", "mqtts://c.example:8883"], servers.Select(server => server.Describe()));
        Assert.All(servers, server => Assert.Equal("sparkplug-host", server.Username));
        Assert.All(servers, server => Assert.Equal(12, server.KeepAliveSeconds));
        Assert.Equal(["common", "only-b", "common"], servers.Select(server => server.Password));
    }

    [Theory]
    [InlineData("http://a:1883", "'http://a:1883' is not mqtt://host[:port] or mqtts://host[:port]")]
    [InlineData("mqtt://user:pw@a:1883", "credentials go in Mqtt:PerServer")]
    [InlineData("a:1883", "is not mqtt://host[:port]")]
    public void AServerThatIsNotAnMqttUri_IsRefusedWithHowToWriteIt(string entry, string expected)
    {
        var failures = Validate(new MqttConnectionOptions { Servers = $"mqtt://ok:1883,{entry}" });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Mqtt:Servers (MQTT_SERVERS):", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.Contains("mqtts://a:8883,mqtts://b:8883", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void PerServerSettings_MustNameAPositionInTheList()
    {
        var options = new MqttConnectionOptions { Servers = "mqtt://a,mqtt://b" };
        options.PerServer["2"] = new MqttServerSettings { Password = "x" };
        options.PerServer["b"] = new MqttServerSettings { Password = "x" };

        var failures = Validate(options);

        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.Contains("is not the position of a server in MQTT_SERVERS (0 to 1)", failure, StringComparison.Ordinal));
    }

    [Fact]
    public void PerServerPositions_AreWrittenAsTheListCounts()
    {
        var options = new MqttConnectionOptions { Servers = "mqtt://a,mqtt://b" };
        options.PerServer["01"] = new MqttServerSettings { Password = "x" };

        Assert.Contains("Mqtt:PerServer:01", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://a,mqtt://A:1883")]
    [InlineData("mqtts://a,mqtts://a:8883")]
    public void AServerListedTwice_IsRefused(string servers)
    {
        var failure = Assert.Single(Validate(new MqttConnectionOptions { Servers = servers }));

        Assert.Contains("is listed more than once", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AProblemOfOneServer_SaysWhichServer()
    {
        var options = new MqttConnectionOptions { Servers = "mqtts://a:8883,mqtts://b:8883" };
        options.PerServer["1"] = new MqttServerSettings { CaCertificate = "/no/such/b-ca.pem" };

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("server 1 of MQTT_SERVERS (mqtts://b:8883, settings Mqtt:PerServer:1): Mqtt:CaCertificate", failure, StringComparison.Ordinal);
    }

    static MqttConnectionOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new MqttConnectionOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(MqttConnectionOptions.SectionName).Bind(options);
        Assert.Empty(Validate(options));
        return options;
    }

    static IReadOnlyList<string> Validate(MqttConnectionOptions options) =>
        new MqttConnectionOptions.Validator().Validate(null, options) is { Failed: true } result ? [.. result.Failures] : [];
}
