using System.Globalization;
using System.Text;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>Kafka outages and bridge restarts during QoS 1 traffic.</summary>
public sealed class BridgeFaultTests
{
    [Fact]
    public async Task KafkaOutageDuringTraffic_EveryQos1MessageArrivesExactlyOnce_AndTheBridgeKeepsRunning()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await harness.StartBridgeAsync(maxInFlight: 40);
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "outage-device");
        const int total = 300;

        for (var i = 0; i < total; i++)
        {
            if (i == 100)
            {
                harness.EmbeddedKafka!.TakeBrokersDown();
            }
            await device.PublishAsync("lwm2m/outage-device/update", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
            if (i == 100)
            {
                await Eventually.UntilAsync(async () => !(await harness.Bridge!.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the bridge reports Kafka unreachable");
            }
        }
        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_in_flight_records") == 40, "the in-flight bound is reached");
        harness.EmbeddedKafka!.BringBrokersUp();

        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") == total, "every message is confirmed and acknowledged", TimeSpan.FromSeconds(60));
        var records = await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.UpdatesTopic);
        var numbers = records.Select(r => int.Parse(r.Value!["{\"n\":".Length..^1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, total), numbers.Order());
        Assert.Equal(numbers, numbers.Order());
        Assert.True(await harness.MetricAsync("bridge_backpressure_seconds_total") > 0, "the bridge stopped reading while Kafka was away");
        Assert.Equal(0, await harness.MetricAsync("bridge_in_flight_records"));
        await Eventually.UntilAsync(async () => (await harness.Bridge!.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the bridge is healthy again");
    }

    [Fact]
    public async Task BridgeStoppedWhileKafkaIsAway_LosesNothing_TheNextBridgeForwardsWhatTheBrokerKept()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var first = await harness.StartBridgeAsync(clientId: "durable-bridge");
        harness.EmbeddedKafka!.TakeBrokersDown();
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "durable-device");
        const int total = 50;
        for (var i = 0; i < total; i++)
        {
            await device.PublishAsync("lwm2m/durable-device/update", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }
        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_in_flight_records") == total, "the bridge holds every message unconfirmed");

        await first.DisposeAsync();
        harness.EmbeddedKafka.BringBrokersUp();
        await harness.StartBridgeAsync(clientId: "durable-bridge");

        await Eventually.UntilAsync(async () => (await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.UpdatesTopic)).Select(r => r.Value).Distinct().Count() == total,
            "the broker redelivers what the stopped bridge never acknowledged", TimeSpan.FromSeconds(60));
    }
}
