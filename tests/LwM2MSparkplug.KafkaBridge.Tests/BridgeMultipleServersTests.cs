using System.Text;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>With several MQTT servers the bridge forwards from all of them at once: a device that moved loses nothing.</summary>
public sealed class BridgeMultipleServersTests
{
    [Fact]
    public async Task MessagesOnEitherServer_AllReachKafka_AndEachIsAcknowledgedOnItsOwnServer()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await using var second = await TestBroker.StartAsync();
        await harness.StartBridgeAsync(configure: settings =>
        {
            foreach (var (key, value) in TestBroker.ServersConfiguration(harness.Broker, second))
            {
                settings[key] = value;
            }
        });
        // Healthy: connected and subscribed on both brokers (and Kafka reachable).
        await Eventually.UntilAsync(async () => (await (await harness.Bridge!.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("\"status\":\"healthy\"", StringComparison.Ordinal), "the bridge is up on both brokers");
        await using var onFirst = await MqttProbe.ConnectAsync(harness.Broker.Port, "dev-on-first");
        await using var onSecond = await MqttProbe.ConnectAsync(second.Port, "dev-on-second");

        for (var i = 0; i < 20; i++)
        {
            await (i % 2 == 0 ? onFirst : onSecond).PublishAsync($"lwm2m/dev-{i % 2}/update", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }

        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") == 20, "every message is confirmed by Kafka and acknowledged");
        var records = await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.UpdatesTopic);
        Assert.Equal(20, records.Count);
        Assert.Equal(10, records.Count(r => r.Key == "dev-1"));
    }
}
