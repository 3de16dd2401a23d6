using System.Text.Json.Nodes;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.ServiceDefaults.Configuration;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class ComposeFileTests
{
    static readonly string[] DotnetServices = ["lwm2m-server", "sparkplug-host", "device-simulator", "mqtt-kafka-bridge", "mqtt-kafka-bridge-2"];

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("docker-compose.yml", "docker-compose.dev.yml")]
    public async Task DockerComposeConfig_AcceptsTheFiles(params string[] files)
    {
        var result = await ComposeFile.ConfigAsync([.. files.SelectMany(file => new[] { "-f", file }), "config", "-q"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Stack_HasOneServiceForEveryComponent()
    {
        var compose = await ComposeFile.ResolvedAsync();

        string[] expected = ["certificates", "mosquitto", "lwm2m-server", "sparkplug-host", "device-simulator", "mqtt-kafka-bridge", "mqtt-kafka-bridge-2", "redpanda", "redpanda-init", "redpanda-connect", "prometheus", "grafana"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), compose["services"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeviceSimulator_CanBeScaled()
    {
        var simulator = (await ComposeFile.ResolvedAsync()).Service("device-simulator");

        Assert.Null(simulator["container_name"]);
        Assert.Null(simulator["ports"]);
        Assert.Null(simulator.Environment("DEVICE_ID_PREFIX"));
    }

    [Fact]
    public async Task Devices_ConnectOverTlsOnTheDeviceListener_WithCertificatesFromTheDeviceIssuingCa()
    {
        var simulator = (await ComposeFile.ResolvedAsync()).Service("device-simulator");

        Assert.Equal("mosquitto", simulator.Environment("MQTT_HOST"));
        Assert.Equal("8884", simulator.Environment("MQTT_PORT"));
        Assert.Equal("true", simulator.Environment("MQTT_USE_TLS"));
        Assert.Equal("/certs/ca.crt", simulator.Environment("MQTT_CA_CERT"));
        Assert.Equal("/device-ca/ca.crt", simulator.Environment("DEVICE_CA_CERT"));
        Assert.Equal("/device-ca/ca.key", simulator.Environment("DEVICE_CA_KEY"));
        Assert.Null(simulator.Environment("MQTT_USERNAME"));
        Assert.Null(simulator.Environment("MQTT_PASSWORD"));
    }

    [Fact]
    public async Task EachDotnetService_HasItsOwnBrokerAccount()
    {
        var compose = await ComposeFile.ResolvedAsync();

        var accounts = DotnetServices.Where(name => name != "device-simulator").Select(name => compose.Service(name).Environment("MQTT_USERNAME")).ToList();

        Assert.Equal(["lwm2m-server", "sparkplug-host", "mqtt-kafka-bridge", "mqtt-kafka-bridge-2"], accounts);
    }

    [Fact]
    public async Task SecondBridgeReplica_IsTheBridgeUnderItsOwnAccount_FoundByTheSameName()
    {
        var compose = await ComposeFile.ResolvedAsync();
        var first = compose.Service("mqtt-kafka-bridge");
        var second = compose.Service("mqtt-kafka-bridge-2");

        Assert.Equal(["bridge-replicas"], second["profiles"]!.AsArray().Select(profile => profile!.GetValue<string>()));
        Assert.Equal(first["image"]!.GetValue<string>(), second["image"]!.GetValue<string>());
        var firstEnvironment = first["environment"]!.AsObject().Where(variable => variable.Key != "MQTT_USERNAME").Select(variable => $"{variable.Key}={variable.Value}");
        var secondEnvironment = second["environment"]!.AsObject().Where(variable => variable.Key != "MQTT_USERNAME").Select(variable => $"{variable.Key}={variable.Value}");
        Assert.Equal(firstEnvironment.Order(StringComparer.Ordinal), secondEnvironment.Order(StringComparer.Ordinal));
        // Prometheus (dns_sd_configs) and BRIDGE_URL find the replicas under the first one's name.
        Assert.Contains("mqtt-kafka-bridge", second["networks"]!["default"]!["aliases"]!.AsArray().Select(alias => alias!.GetValue<string>()));
        Assert.Equal(first["ports"]!.ToJsonString(), second["ports"]!.ToJsonString());
    }

    [Theory]
    [InlineData("broker-ca", "certificates")]
    [InlineData("device-ca", "certificates,device-simulator")]
    [InlineData("certs", "certificates,mosquitto,lwm2m-server,sparkplug-host,device-simulator,mqtt-kafka-bridge,mqtt-kafka-bridge-2")]
    public async Task EachKeyVolume_IsMountedOnlyWhereItsKeysAreUsed(string volume, string services)
    {
        var compose = await ComposeFile.ResolvedAsync();

        var mounting = compose["services"]!.AsObject()
            // docker-compose 1.29 writes mounts as "source:target:mode".
            .Where(service => service.Value!["volumes"]?.AsArray().Any(mount => mount!.GetValue<string>().Split(':')[0] == volume) == true)
            .Select(service => service.Key);

        Assert.Equal(services.Split(',').Order(StringComparer.Ordinal), mounting.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryVariableGivenToOurServices_IsOneOfThatServicesSettings()
    {
        var compose = await ComposeFile.ResolvedAsync();

        foreach (var name in DotnetServices)
        {
            var settings = SettingGroup.Flatten(SettingsOf(name)).Select(setting => setting.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (variable, _) in compose.Service(name)["environment"]!.AsObject())
            {
                Assert.True(settings.Contains(variable), $"{name}: {variable} is not one of its settings (its --help, docs/configuration.md)");
            }
        }
    }

    static IReadOnlyList<SettingGroup> SettingsOf(string service) => service switch
    {
        "lwm2m-server" => LwM2MSparkplug.Lwm2mServer.Lwm2mServerSettings.Service,
        "sparkplug-host" => LwM2MSparkplug.SparkplugHost.SparkplugHostSettings.Service,
        "device-simulator" => LwM2MSparkplug.DeviceSimulator.SimulatorSettings.Service,
        _ => LwM2MSparkplug.KafkaBridge.KafkaBridgeSettings.Service,
    };

    [Fact]
    public async Task LongRunningServices_HaveHealthchecks_AndOneShotsDoNotRestart()
    {
        var compose = await ComposeFile.ResolvedAsync();

        foreach (var (name, service) in compose["services"]!.AsObject())
        {
            if (name is "certificates" or "redpanda-init")
            {
                Assert.Equal("no", service!["restart"]?.GetValue<string>() ?? "no");
                continue;
            }
            Assert.True(service!["healthcheck"]?["test"] is JsonArray { Count: > 0 }, $"{name} has no healthcheck");
        }
    }

    [Fact]
    public async Task Images_ArePinned()
    {
        var compose = await ComposeFile.ResolvedAsync();

        foreach (var (name, service) in compose["services"]!.AsObject())
        {
            var image = service!["image"]!.GetValue<string>();
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.False(string.IsNullOrEmpty(tag) || tag == "latest", $"{name}: image {image} is not pinned to a version");
        }
        Assert.StartsWith("eclipse-mosquitto:2.0.", compose.Service("mosquitto")["image"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mosquitto", 1883, 1883, Loopback)]
    [InlineData("mosquitto", 8883, 8883, null)]
    [InlineData("mosquitto", 8884, 8884, null)]
    [InlineData("mosquitto", 9001, 9001, null)]
    [InlineData("lwm2m-server", 8080, 8080, null)]
    [InlineData("sparkplug-host", 8081, 8081, null)]
    [InlineData("mqtt-kafka-bridge", null, 8083, Loopback)]
    [InlineData("mqtt-kafka-bridge-2", null, 8083, Loopback)]
    [InlineData("redpanda", 19092, 19092, Loopback)]
    [InlineData("redpanda", 8084, 9644, Loopback)]
    [InlineData("redpanda", 8085, 8081, Loopback)]
    [InlineData("redpanda-connect", 8087, 4195, Loopback)]
    [InlineData("prometheus", 9090, 9090, Loopback)]
    [InlineData("grafana", 3000, 3000, null)]
    public async Task PublishedPorts_AreTheDocumentedOnes_TheUnauthenticatedOnLoopbackOnly(string service, int? published, int target, string? hostIp)
    {
        var ports = (await ComposeFile.ResolvedAsync()).Service(service)["ports"]!.AsArray().Select(port => PortMapping.Of(port!)).ToList();

        // No fixed host port for the bridge: its replicas would collide on one.
        Assert.Contains(new PortMapping(hostIp, published, target), ports);
    }

    const string Loopback = "127.0.0.1";

    /// <summary>A published port as docker-compose 1.29 resolves it: the long form, or host_ip:published:target/protocol.</summary>
    sealed record PortMapping(string? HostIp, int? Published, int Target)
    {
        public static PortMapping Of(JsonNode port)
        {
            if (port is JsonObject mapping)
            {
                return new PortMapping(mapping["host_ip"]?.ToString(), Number(mapping["published"]?.ToString()), Number(mapping["target"]!.ToString())!.Value);
            }
            var parts = port.GetValue<string>().Split('/')[0].Split(':');
            return parts.Length == 3
                ? new PortMapping(parts[0], Number(parts[1]), Number(parts[2])!.Value)
                : new PortMapping(null, Number(parts[0]), Number(parts[^1])!.Value);
        }

        static int? Number(string? text) => int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [Theory]
    [InlineData("mosquitto", "certificates", "service_completed_successfully")]
    [InlineData("lwm2m-server", "mosquitto", "service_healthy")]
    [InlineData("device-simulator", "sparkplug-host", "service_healthy")]
    [InlineData("mqtt-kafka-bridge", "redpanda-init", "service_completed_successfully")]
    [InlineData("redpanda-init", "redpanda", "service_healthy")]
    [InlineData("redpanda-connect", "lwm2m-server", "service_healthy")]
    [InlineData("grafana", "prometheus", "service_healthy")]
    public async Task StartOrder_WaitsForWhatEachServiceNeeds(string service, string dependency, string condition)
    {
        var dependsOn = (await ComposeFile.ResolvedAsync()).Service(service)["depends_on"]!;

        Assert.Equal(condition, dependsOn[dependency]?["condition"]?.GetValue<string>());
    }

    [Fact]
    public async Task TopicInitialisation_CreatesEveryTopicTheStackWrites()
    {
        var compose = await ComposeFile.ResolvedAsync();
        var created = compose.Service("redpanda-init").Environment("KAFKA_TOPICS")!
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':')[0])
            .ToHashSet(StringComparer.Ordinal);

        var connect = YamlFile.Load("redpanda-connect-config.yaml");
        string[] written = [.. TopicRouter.DefaultRoutes.Select(route => route.Topic), LwM2MSparkplug.KafkaBridge.BridgeOptions.DefaultDeadLetterTopic, connect["output"]!["broker"]!["outputs"]![0]!["redpanda"]!["topic"]!.GetValue<string>()];
        Assert.All(written, topic => Assert.Contains(topic, created));
    }
}
