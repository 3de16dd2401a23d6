using System.Text;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using Google.Protobuf;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;
using Testcontainers.Kafka;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>The bridge between a real MQTT broker and Kafka, checked by an independent Kafka client (kcat).</summary>
public sealed class BridgeEndToEndTests
{
    [Fact]
    public async Task Forwarding_WithTheEmbeddedKafka_KeysHeadersAndValuesAsDocumented()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await ForwardsKeysHeadersAndValuesAsync(harness);
    }

    [Fact]
    public async Task Forwarding_WithAKafkaContainer_KeysHeadersAndValuesAsDocumented()
    {
        KafkaContainer container;
        try
        {
            container = new KafkaBuilder("confluentinc/cp-kafka:7.6.1").Build();
            await container.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (DockerUnavailableException exception)
        {
            Assert.Skip($"No Docker engine here, so no Kafka container ({exception.Message.Split('\n')[0]}); the same checks ran against the embedded Kafka.");
            return;
        }
        await using (container)
        {
            await using var harness = await BridgeHarness.StartAsync(container.GetBootstrapAddress());
            await ForwardsKeysHeadersAndValuesAsync(harness);
        }
    }

    static async Task ForwardsKeysHeadersAndValuesAsync(BridgeHarness harness)
    {
        await harness.StartBridgeAsync();
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "device-x");
        var register = Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2","bindingMode":"U"}""");
        await device.PublishAsync("lwm2m/device-x/reg", register);
        var birth = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, 1);
        birth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20.5))));
        await device.PublishAsync("spBv1.0/G/DBIRTH/device-x/sensor", birth.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce);
        var data = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, 2);
        data.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 1, 2, MetricValue.FromDouble(21.25)), includeDataType: false));
        await device.PublishAsync("spBv1.0/G/DDATA/device-x/sensor", data.ToByteArray());
        await device.PublishAsync("spBv1.0/G/DDATA/device-x/sensor", [0xFF, 0xFF, 0x01]);

        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") >= 3, "Kafka confirmed the QoS 1 messages and the bridge acknowledged them");

        var registration = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.RegistrationTopic));
        Assert.Equal("device-x", registration.Key);
        Assert.Equal(Encoding.UTF8.GetString(register), registration.Value);
        Assert.Equal("lwm2m/device-x/reg", registration.Headers["mqtt_topic"]);
        Assert.Equal("1", registration.Headers["mqtt_qos"]);
        Assert.Equal("reg", registration.Headers["message_type"]);
        Assert.True(long.Parse(registration.Headers["received_at"], System.Globalization.CultureInfo.InvariantCulture) > 1_700_000_000_000);

        var sparkplug = await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.SparkplugTopic);
        Assert.Equal(["DBIRTH", "DDATA"], sparkplug.Select(r => r.Headers["message_type"]));
        Assert.All(sparkplug, r => Assert.Equal("device-x", r.Key));
        Assert.Single(sparkplug.Select(r => r.Partition).Distinct());
        using var json = JsonDocument.Parse(sparkplug[1].Value!);
        var metric = json.RootElement.GetProperty("metrics")[0];
        Assert.Equal("temperature", metric.GetProperty("name").GetString());
        Assert.Equal("Double", metric.GetProperty("datatype").GetString());
        Assert.Equal(21.25, metric.GetProperty("value").GetDouble());

        var deadLetter = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, "dead.letters"));
        Assert.Equal("malformed_protobuf", deadLetter.Headers["dead_letter_reason"]);
        Assert.Equal("spBv1.0/G/DDATA/device-x/sensor", deadLetter.Headers["mqtt_topic"]);
        Assert.Equal(1, await harness.MetricAsync("bridge_dead_letters_total{reason=\"malformed_protobuf\"}"));
    }
}
