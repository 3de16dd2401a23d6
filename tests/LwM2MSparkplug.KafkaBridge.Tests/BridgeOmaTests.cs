using System.Text.Json;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.KafkaBridge.Tests.Records;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>The OMA binding's shared device topic through a real broker: the device's messages reach Kafka as JSON, the server's requests do not.</summary>
public sealed class BridgeOmaTests
{
    [Fact]
    public async Task OmaDeviceTopic_UnderThePrefix_DeviceMessagesAsJson_ServerRequestsSkipped_MalformedDeadLettered()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await harness.StartBridgeAsync(configure: settings => settings["Lwm2mServer:OmaPrefix"] = "tenant-a");
        const string topic = "tenant-a/lwm2m/rd/oma-1";
        await using var device = await MqttProbe.ConnectAsync(harness.Broker.Port, "oma-1");
        await using var server = await MqttProbe.ConnectAsync(harness.Broker.Port, "lwm2m-server");

        await device.PublishAsync(topic, Convert.FromHexString(KafkaRecordFactoryOmaTests.Register));
        await server.PublishAsync(topic, Convert.FromHexString(KafkaRecordFactoryOmaTests.ReadRequest));
        await device.PublishAsync(topic, Convert.FromHexString(KafkaRecordFactoryOmaTests.ReadResponse));
        await device.PublishAsync(topic, Convert.FromHexString(KafkaRecordFactoryOmaTests.Notify));
        await device.PublishAsync(topic, [0xa2, 0x01, 0x18]);

        // Register, Notify and the dead letter go to Kafka; the request and the (unrouted) response are acknowledged at once.
        await Eventually.UntilAsync(async () => await harness.MetricAsync("bridge_mqtt_acknowledged_total") == 3, "Kafka confirmed the device's messages and the bridge acknowledged them");
        Assert.Equal(5, await harness.MetricAsync("bridge_mqtt_messages_received_total{qos=\"1\"}"));

        var registration = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.RegistrationTopic));
        Assert.Equal("oma-1", registration.Key);
        Assert.Equal("reg", registration.Headers["message_type"]);
        Assert.Equal(topic, registration.Headers["mqtt_topic"]);
        using (var json = JsonDocument.Parse(registration.Value!))
        {
            Assert.Equal("oma", json.RootElement.GetProperty("dialect").GetString());
            Assert.Equal("register", json.RootElement.GetProperty("operation").GetString());
            Assert.Equal(3600, json.RootElement.GetProperty("lifetime").GetInt32());
        }
        var update = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, TopicRouter.UpdatesTopic));
        Assert.Equal("notify", update.Headers["message_type"]);
        using (var json = JsonDocument.Parse(update.Value!))
        {
            Assert.Equal(22.0, json.RootElement.GetProperty("payload")[0].GetProperty("v").GetDouble());
        }
        var deadLetter = Assert.Single(await Kcat.ReadAllAsync(harness.BootstrapServers, "dead.letters"));
        Assert.Equal("oma_malformed_cbor", deadLetter.Headers["dead_letter_reason"]);
        Assert.Equal("oma-1", deadLetter.Key);
        Assert.Equal(1, await harness.MetricAsync("bridge_dead_letters_total{reason=\"oma_malformed_cbor\"}"));
    }
}
