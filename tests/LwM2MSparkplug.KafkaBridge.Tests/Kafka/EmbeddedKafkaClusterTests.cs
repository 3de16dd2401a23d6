using Confluent.Kafka;
using LwM2MSparkplug.KafkaBridge.Kafka;

namespace LwM2MSparkplug.KafkaBridge.Tests.Kafka;

public sealed class EmbeddedKafkaClusterTests
{
    const string Topic = "retention-test";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Records_past_the_partition_cap_are_discarded_and_counted()
    {
        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.CreateTopic(Topic, 1);
        Assert.Equal(EmbeddedKafkaCluster.PartitionRetentionBytes, kafka.RetentionBytes);
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 0 }).Build();
        var value = new byte[100 * 1024];

        await producer.ProduceAsync(Topic, new Message<Null, byte[]> { Value = value }, TestContext.Current.CancellationToken);
        Assert.Equal(0, kafka.CountDiscardedRecords(Timeout));

        // Twice the cap, one batch per record: about half must go.
        const int Produced = 1 + 2 * (int)(EmbeddedKafkaCluster.PartitionRetentionBytes / (100 * 1024));
        for (var i = 1; i < Produced; i++)
        {
            await producer.ProduceAsync(Topic, new Message<Null, byte[]> { Value = value }, TestContext.Current.CancellationToken);
        }

        var discarded = kafka.CountDiscardedRecords(Timeout);
        Assert.InRange(discarded, Produced / 3, Produced - 1);
        Assert.Equal(Produced - discarded, CountReadable(kafka));
    }

    static long CountReadable(EmbeddedKafkaCluster kafka)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "retention-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        long count = 0;
        while (consumer.Consume(Timeout) is { } result && !result.IsPartitionEOF)
        {
            count++;
        }
        return count;
    }
}
