using LwM2MSparkplug.ServiceDefaults.Configuration;

namespace LwM2MSparkplug.KafkaBridge;

/// <summary>The MQTT-to-Kafka bridge's settings (<see cref="BridgeOptions"/>) and its Kafka producer's (any Confluent ProducerConfig property is also Kafka:{Property}).</summary>
public static class KafkaBridgeSettings
{
    static readonly BridgeOptions Defaults = new();

    public static SettingGroup Group { get; } = new("MQTT-to-Kafka bridge",
    [
        new("KAFKA_BOOTSTRAP_SERVERS", "Kafka:BootstrapServers", "Kafka brokers (host:port, comma-separated). In the standalone process: unset starts the embedded Kafka."),
        new("KAFKA_LINGER_MS", "Kafka:LingerMs", "Batching delay.") { DefaultText = "librdkafka's" },
        new("KAFKA_BATCH_SIZE", "Kafka:BatchSize", "Largest batch per partition, in bytes.") { DefaultText = "librdkafka's" },
        new("KAFKA_COMPRESSION", "Kafka:CompressionType", "None, Gzip, Snappy, Lz4, Zstd.") { DefaultText = "librdkafka's" },
        new("BRIDGE_CLIENT_ID", "Bridge:ClientId", "MQTT client id; names the persistent session.") { DefaultText = "mqtt-kafka-bridge-{host name}" },
        new("BRIDGE_SHARED_GROUP", "Bridge:SharedSubscriptionGroup", "Replicas share messages through $share/{group}/…; empty: plain subscriptions.") { Default = Defaults.SharedSubscriptionGroup },
        new("BRIDGE_ROUTES", "Bridge:Routes", "filter=topic;filter=topic.") { DefaultText = "see docs/kafka-bridge.md" },
        new("BRIDGE_DEADLETTER_TOPIC", "Bridge:DeadLetterTopic", "Where undecodable payloads go.") { Default = Defaults.DeadLetterTopic },
        new("BRIDGE_DEADLETTER_EXCERPT_BYTES", "Bridge:DeadLetterExcerptBytes", "Most bytes of its payload a dead letter carries (0 to 524288); the whole payload's size and SHA-256 are in its headers.") { Default = Defaults.DeadLetterExcerptBytes },
        new("BRIDGE_SPARKPLUG_FORMAT", "Bridge:SparkplugFormat", "Json (aliases resolved) or Protobuf (bytes as received).") { Default = Defaults.SparkplugFormat },
        new("BRIDGE_MAX_IN_FLIGHT", "Bridge:MaxInFlight", "Unconfirmed records before the bridge stops reading.") { Default = Defaults.MaxInFlight },
        ServiceSettings.OmaPrefix,
    ]);

    /// <summary>Everything the service reads: its MQTT connection, hosting and logging, and <see cref="Group"/>.</summary>
    public static IReadOnlyList<SettingGroup> Service { get; } = [ServiceSettings.Mqtt, ServiceSettings.Hosting, Group];
}
