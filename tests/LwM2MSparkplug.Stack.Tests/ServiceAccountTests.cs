using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Every service with the account docker-compose.yml gives it, through the project's Mosquitto ACL over TLS, and the
/// simulator's devices with certificates of their own on the device listener: each identity must be enough for its
/// service's whole job, since a missing rule only shows as silence.
/// </summary>
public sealed class ServiceAccountTests(ProjectMosquitto broker) : IClassFixture<ProjectMosquitto>
{
    const string HostId = "acl-host";
    const string DeviceId = "acl-001";

    [Fact]
    public async Task EveryServiceDoesItsJob_ThroughTheAcl()
    {
        using var state = new TemporaryDirectory();
        using var kafka = EmbeddedKafkaCluster.Start();
        foreach (var topic in new[] { TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic, BridgeOptions.DefaultDeadLetterTopic })
        {
            kafka.CreateTopic(topic, 1);
        }

        await using var lwm2m = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, With(broker.ServiceConfiguration("lwm2m-server"), ("Lwm2mServer:RequestTimeoutSeconds", "5")), b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await using var host = await TestService.StartAsync(SparkplugHostExtensions.ServiceName, With(broker.ServiceConfiguration("sparkplug-host"), ("SparkplugHost:HostId", HostId)), b => b.AddSparkplugHost(), a => a.MapSparkplugHostApi());
        await using var bridge = await TestService.StartAsync(KafkaBridgeExtensions.ServiceName, With(broker.ServiceConfiguration("mqtt-kafka-bridge"), ("Kafka:BootstrapServers", kafka.BootstrapServers), ("Kafka:LingerMs", "1")), b => b.AddKafkaBridge(), a => a.MapKafkaBridgeApi());
        // A second replica with the same settings but its own account (the account name is its client id).
        await using var bridgeReplica = await TestService.StartAsync(KafkaBridgeExtensions.ServiceName, With(broker.ServiceConfiguration("mqtt-kafka-bridge-2"), ("Kafka:BootstrapServers", kafka.BootstrapServers), ("Kafka:LingerMs", "1")), b => b.AddKafkaBridge(), a => a.MapKafkaBridgeApi());
        // As in docker-compose.yml, devices start once the services are healthy (connected and subscribed).
        foreach (var service in new[] { lwm2m, host, bridge, bridgeReplica })
        {
            await Eventually.UntilAsync(async () =>
            {
                using var health = await service.Http.GetAsync("/api/health", TestContext.Current.CancellationToken);
                return health.IsSuccessStatusCode;
            }, "the service is connected to the broker");
        }
        await using var simulator = await TestService.StartAsync(DeviceSimulatorExtensions.ServiceName, With(broker.SimulatorConfiguration(),
            ("Simulator:DeviceCount", "1"), ("Simulator:DeviceIdPrefix", "acl"), ("Simulator:PrimaryHostId", HostId),
            ("Simulator:TelemetryIntervalSeconds", "0.1"), ("Simulator:Lwm2mIntervalSeconds", "0.5"), ("Simulator:StateDirectory", state.Path)),
            b => b.AddDeviceSimulator(), a => a.MapDeviceSimulatorApi());
        var cancellation = TestContext.Current.CancellationToken;

        // The device waited for the host's STATE, then was born; the host sees node and device online.
        var node = await Eventually.ValueAsync(() => host.Http.GetFromJsonAsync<JsonElement>($"/api/nodes/IIoT/{DeviceId}", cancellation),
            n => n.GetProperty("online").GetBoolean() && n.GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("online").GetBoolean()), "the edge node and its device are online at the host");
        var firstBirth = node.GetProperty("birth_time").GetDateTimeOffset();

        // LwM2M: registered (Register read by the server, its ack read by the device) and the Sparkplug birth seen too.
        await Eventually.UntilAsync(async () =>
        {
            using var response = await lwm2m.Http.GetAsync($"/api/devices/{DeviceId}", cancellation);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).TryGetProperty("sparkplug", out var sparkplug)
                && sparkplug.GetProperty("online").GetBoolean();
        }, "the LwM2M server has the registration and the birth");
        await Eventually.UntilAsync(async () => (await simulator.Http.GetStringAsync($"/metrics", cancellation)).Contains("simulator_messages_published_total{protocol=\"lwm2m\",message_type=\"send\"}", StringComparison.Ordinal), "the device reports with Send");

        // A device-management read: the request goes down on lwm2m/{ep}/cmd/..., the answer comes up on .../resp/...
        using var read = await lwm2m.Http.GetAsync($"/api/devices/{DeviceId}/3/0/9", cancellation);
        Assert.True(read.IsSuccessStatusCode, await read.Content.ReadAsStringAsync(cancellation));
        Assert.Equal("2.05", (await read.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("code").GetString());

        // Rebirth: the host's NCMD reaches the device, whose new NBIRTH reaches the host.
        using var rebirth = await host.Http.PostAsync($"/api/nodes/IIoT/{DeviceId}/rebirth", null, cancellation);
        Assert.True(rebirth.IsSuccessStatusCode, await rebirth.Content.ReadAsStringAsync(cancellation));
        await Eventually.UntilAsync(async () => (await host.Http.GetFromJsonAsync<JsonElement>($"/api/nodes/IIoT/{DeviceId}", cancellation)).GetProperty("birth_time").GetDateTimeOffset() > firstBirth, "the device is born again");

        // The bridge's shared subscriptions deliver both protocols, and Kafka confirms them. A shared subscription hands
        // each message to one replica, so a topic seen once (the one Register) may be forwarded by either: count both.
        await Eventually.UntilAsync(async () =>
        {
            string[] metrics = [await bridge.Http.GetStringAsync("/metrics", cancellation), await bridgeReplica.Http.GetStringAsync("/metrics", cancellation)];
            return new[] { TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic }
                .All(topic => metrics.Sum(replica => Forwarded(replica, topic)) > 0);
        }, "the bridge replicas forward Sparkplug and LwM2M traffic to Kafka");
        foreach (var replica in new[] { bridge, bridgeReplica })
        {
            using var health = await replica.Http.GetAsync("/api/health", cancellation);
            Assert.True(health.IsSuccessStatusCode, "both bridge replicas stay connected: " + await health.Content.ReadAsStringAsync(cancellation));
        }
    }

    static Dictionary<string, string?> With(Dictionary<string, string?> configuration, params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        return configuration;
    }

    static double Forwarded(string metrics, string topic) =>
        PrometheusText.Value(metrics, $"bridge_records_forwarded_total{{kafka_topic=\"{topic}\"}}");
}
