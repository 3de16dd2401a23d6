using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using LwM2MSparkplug.KafkaBridge.Records;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// Reads the bridge's Kafka topics from their end at start, while the load runs (an embedded Kafka forgets old
/// records): counts every record per topic, the load test's own by message type (key = device id), and the latency
/// from a Sparkplug payload's timestamp to the moment its record is read.
/// </summary>
public sealed class KafkaRecordCounter : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    readonly IConsumer<string, byte[]> _consumer;
    readonly string _devicePrefix;
    readonly object _gate = new();
    readonly Dictionary<string, long> _perTopic = new(StringComparer.Ordinal);
    readonly Dictionary<(string Topic, string MessageType), long> _ours = [];
    readonly CancellationTokenSource _stopping = new();
    readonly Task _reading;

    KafkaRecordCounter(IConsumer<string, byte[]> consumer, string devicePrefix)
    {
        _consumer = consumer;
        _devicePrefix = devicePrefix;
        _reading = Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning);
    }

    public LatencyHistogram Latency { get; private set; } = new();

    /// <summary>Forgets the latencies so far (after the warm-up).</summary>
    public void ResetLatency() => Latency = new LatencyHistogram();

    /// <summary>Starts reading <paramref name="topics"/> at their current end.</summary>
    public static KafkaRecordCounter Start(string bootstrapServers, IReadOnlyList<string> topics, string devicePrefix)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "loadtest-" + Guid.NewGuid().ToString("N")[..8],
            EnableAutoCommit = false,
            EnablePartitionEof = false,
            // The default (500 ms) would add up to half a second to every measured latency when records trickle in.
            FetchWaitMaxMs = 10,
        }).Build();
        try
        {
            var start = new List<TopicPartitionOffset>();
            foreach (var topic in topics)
            {
                var metadata = admin.GetMetadata(topic, Timeout).Topics.Single();
                foreach (var partition in metadata.Partitions)
                {
                    var end = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), Timeout).High;
                    start.Add(new TopicPartitionOffset(topic, partition.PartitionId, end));
                }
            }
            consumer.Assign(start);
            return new KafkaRecordCounter(consumer, devicePrefix);
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }

    /// <summary>Records read so far: all of a topic's, or the load test's devices' of one message type.</summary>
    public KafkaCounts Snapshot()
    {
        lock (_gate)
        {
            return new KafkaCounts(new Dictionary<string, long>(_perTopic, StringComparer.Ordinal), new Dictionary<(string, string), long>(_ours));
        }
    }

    void Read()
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                continue;
            }
            if (result?.Message is not { } message)
            {
                continue;
            }
            var ours = message.Key?.StartsWith(_devicePrefix, StringComparison.Ordinal) == true;
            var type = ours && message.Headers.TryGetLastBytes(KafkaRecordFactory.MessageTypeHeader, out var header)
                ? Encoding.UTF8.GetString(header).ToLowerInvariant()
                : "";
            lock (_gate)
            {
                _perTopic[result.Topic] = _perTopic.GetValueOrDefault(result.Topic) + 1;
                if (ours)
                {
                    _ours[(result.Topic, type)] = _ours.GetValueOrDefault((result.Topic, type)) + 1;
                }
            }
            if (type == "ddata" && TryReadTimestamp(message.Value, out var timestamp))
            {
                Latency.Record(DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            }
        }
    }

    /// <summary>The top-level <c>timestamp</c> of a Sparkplug record as the bridge writes it (JSON).</summary>
    static bool TryReadTimestamp(byte[]? json, out long timestamp)
    {
        timestamp = 0;
        if (json is null)
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("timestamp"u8))
                {
                    return reader.Read() && reader.TryGetInt64(out timestamp) && timestamp is > 0 and < 253_402_300_800_000;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _reading.Wait(Timeout);
        _consumer.Close();
        _consumer.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>Kafka records read: all per topic, and the load test's devices' per topic and message type.</summary>
public sealed record KafkaCounts(IReadOnlyDictionary<string, long> PerTopic, IReadOnlyDictionary<(string Topic, string MessageType), long> Ours)
{
    public static readonly KafkaCounts Empty = new(new Dictionary<string, long>(), new Dictionary<(string, string), long>());

    public long Total => PerTopic.Values.Sum();

    public long OursOf(string topic, string? messageType = null) =>
        Ours.Where(e => e.Key.Topic == topic && (messageType is null || e.Key.MessageType == messageType)).Sum(e => e.Value);

    public KafkaCounts Minus(KafkaCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new KafkaCounts(
            PerTopic.ToDictionary(e => e.Key, e => e.Value - earlier.PerTopic.GetValueOrDefault(e.Key), StringComparer.Ordinal),
            Ours.ToDictionary(e => e.Key, e => e.Value - earlier.Ours.GetValueOrDefault(e.Key)));
    }
}
