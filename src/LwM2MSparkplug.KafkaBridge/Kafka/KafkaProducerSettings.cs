using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.KafkaBridge.Kafka;

/// <summary>
/// The producer configuration: these defaults, then section <c>Kafka</c> bound straight onto Confluent's
/// <see cref="ProducerConfig"/> (its property names, e.g. <c>Kafka:LingerMs</c>), so every librdkafka setting is reachable.
/// </summary>
public static class KafkaProducerSettings
{
    public const string SectionName = "Kafka";

    public static ProducerConfig Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = new ProducerConfig
        {
            BootstrapServers = "localhost:9092",
            ClientId = "mqtt-kafka-bridge",
            // No duplicates from producer retries, and every in-sync replica has the record before it counts.
            EnableIdempotence = true,
            Acks = Acks.All,
            // Retry until delivered: the bridge holds the MQTT acknowledgement meanwhile, bounded by Bridge:MaxInFlight.
            MessageTimeoutMs = 0,
            // Throughput: wait up to 5 ms to fill batches of up to 1 MiB, compressed with LZ4.
            LingerMs = 5,
            BatchSize = 1024 * 1024,
            CompressionType = CompressionType.Lz4,
            // The default partitioner for string keys, matching Java clients (murmur2) so keys land where they expect.
            Partitioner = Partitioner.Murmur2Random,
            StatisticsIntervalMs = 0,
        };
        configuration.GetSection(SectionName).Bind(config);
        return config;
    }
}
