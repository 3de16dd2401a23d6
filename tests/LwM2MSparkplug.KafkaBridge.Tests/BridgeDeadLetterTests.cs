using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>What Kafka cannot take whole still reaches the dead-letter topic, and what it refuses even then is counted.</summary>
public sealed class BridgeDeadLetterTests
{
    [Fact]
    public async Task OversizePayload_ReachesTheDeadLetterTopic_AsABoundedExcerptWithItsSizeAndHash()
    {
        await using var harness = await BridgeHarness.StartAsync();
        // The payload is over the bridge's limit and over what the Kafka producer accepts in one record.
        await harness.StartBridgeAsync(configure: settings =>
        {
            settings["Bridge:MaxPayloadBytes"] = "65536";
            settings["Bridge:DeadLetterExcerptBytes"] = "1024";
            settings["Kafka:MessageMaxBytes"] = "131072";
        });
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "big-device");
        var payload = Encoding.ASCII.GetBytes("{\"blob\":\"" + new string('x', 200_000) + "\"}");

        await device.PublishAsync("lwm2m/big-device/update", payload);

        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") == 1, "the bridge is done with the message");
        var deadLetter = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, "dead.letters"));
        Assert.Equal("big-device", deadLetter.Key);
        Assert.Equal(Encoding.ASCII.GetString(payload, 0, 1024), deadLetter.Value);
        Assert.Equal("payload_too_large", deadLetter.Headers["dead_letter_reason"]);
        Assert.Equal("lwm2m/big-device/update", deadLetter.Headers["mqtt_topic"]);
        Assert.Equal(payload.Length.ToString(CultureInfo.InvariantCulture), deadLetter.Headers["payload_bytes"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), deadLetter.Headers["payload_sha256"]);
        Assert.Equal("iot.telemetry.lwm2m.updates", deadLetter.Headers["original_kafka_topic"]);
        Assert.Equal(1, await harness.MetricAsync("bridge_dead_letters_total{reason=\"payload_too_large\"}"));
        Assert.Equal(0, await harness.MetricAsync("bridge_records_lost_total{reason=\"msg_size_too_large\"}"));
    }

    [Fact]
    public async Task DeadLetterKafkaRefusesToo_IsCountedAsLostWithTheReason_AndTheBridgeGoesOn()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await harness.StartBridgeAsync(configure: settings => settings["Kafka:MessageMaxBytes"] = "4096");
        // A topic longer than Kafka's record limit: not a valid LwM2M topic, so a dead letter keyed and headed by
        // the topic, which alone is too large for Kafka.
        var endpoint = new string('e', 5000);
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "long-topic-device");

        await device.PublishAsync($"lwm2m/{endpoint}/update", Encoding.ASCII.GetBytes("{\"n\":1}"));
        await device.PublishAsync("lwm2m/short/update", Encoding.ASCII.GetBytes("{\"n\":2}"));

        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") == 2, "the bridge is done with both messages");
        Assert.Equal(1, await harness.MetricAsync("bridge_records_lost_total{reason=\"msg_size_too_large\"}"));
        Assert.Equal(1, await harness.MetricAsync("bridge_dead_letters_total{reason=\"unknown_topic\"}"));
        Assert.Equal("{\"n\":2}", Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, "iot.telemetry.lwm2m.updates")).Value);
        // Whatever else the health says while the bridge settles, it names the loss.
        await Eventually.UntilAsync(async () =>
        {
            using var health = await harness.Bridge!.Http.GetAsync("/api/health", TestContext.Current.CancellationToken);
            return (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("bridge_records_lost_total grew by 1", StringComparison.Ordinal);
        }, "the bridge's health names the lost record");
    }
}
