using System.Text.Json;
using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Messaging;
using LwM2MSparkplug.ServiceDefaults.Health;

namespace LwM2MSparkplug.KafkaBridge;

/// <summary>Adds MQTT and Kafka connectivity and the in-flight count to <c>/api/health</c>.</summary>
public sealed class KafkaBridgeHealthFields(KafkaBridgeService bridge, KafkaConnectivity kafka) : IHealthFields
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBoolean("mqtt_connected", bridge.Connections?.IsConnected == true);
        writer.WriteBoolean("kafka_reachable", kafka.IsReachable);
        writer.WriteString("kafka_bootstrap_servers", bridge.BootstrapServers);
        writer.WriteNumber("in_flight", bridge.InFlight);
    }
}
