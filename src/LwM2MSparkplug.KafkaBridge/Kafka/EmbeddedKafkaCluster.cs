using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace LwM2MSparkplug.KafkaBridge.Kafka;

/// <summary>
/// An in-process Kafka-protocol endpoint: librdkafka's mock cluster (the engine behind the <c>test.mock.num.brokers</c>
/// setting), created through librdkafka's C API so that its address can be handed to any Kafka client (the bridge,
/// <c>kcat</c>, a test consumer) and its brokers can be taken down and brought back. Data lives in memory only, and
/// only the newest of it: each partition keeps at most <see cref="PartitionRetentionBytes"/> or
/// <see cref="PartitionRetentionBatches"/> record batches, older batches are discarded (fixed in librdkafka's mock,
/// no API changes them), so <see cref="CountDiscardedRecords"/> tells how many records it has forgotten.
/// </summary>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    const string Library = "librdkafka";
    const int ProducerType = 0;

#pragma warning disable CA1810 // The resolver must be installed exactly once, before the first call into librdkafka.
    static EmbeddedKafkaCluster() => NativeLibrary.SetDllImportResolver(typeof(EmbeddedKafkaCluster).Assembly, ResolveLibrdkafka);
#pragma warning restore CA1810

    /// <summary>librdkafka's fixed cap on one mock partition's log, in bytes of record batches.</summary>
    public const long PartitionRetentionBytes = 5 * 1024 * 1024;

    /// <summary>librdkafka's fixed cap on one mock partition's log, in record batches.</summary>
    public const int PartitionRetentionBatches = 100_000;

    readonly nint _client;
    readonly nint _cluster;
    readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    readonly Lazy<IConsumer<Ignore, Ignore>> _watermarks;
    int _disposed;

    EmbeddedKafkaCluster(nint client, nint cluster, string bootstrapServers, int brokerCount)
    {
        _client = client;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
        _watermarks = new(() => new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "embedded-kafka-watermarks",
            LogConnectionClose = false,
        }).SetLogHandler(static (_, _) => { }).Build());
    }

    /// <summary>The address to give Kafka clients, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>The most memory the logs of the topics created so far can hold.</summary>
    public long RetentionBytes => _topics.Values.Sum() * PartitionRetentionBytes;

    public static EmbeddedKafkaCluster Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var error = new byte[512];
        var conf = rd_kafka_conf_new();
        // The client exists only to own the cluster; keep it quiet (it has no bootstrap servers on purpose).
        rd_kafka_conf_set(conf, "log_level", "0", error, (nuint)error.Length);
        var client = rd_kafka_new(ProducerType, conf, error, (nuint)error.Length);
        if (client == 0)
        {
            throw new InvalidOperationException("librdkafka could not create the client that owns the mock cluster: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }
        var cluster = rd_kafka_mock_cluster_new(client, brokerCount);
        if (cluster == 0)
        {
            rd_kafka_destroy(client);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }
        var bootstrap = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("librdkafka returned no mock cluster address.");
        return new EmbeddedKafkaCluster(client, cluster, bootstrap, brokerCount);
    }

    /// <summary>Creates a topic with the given partition count (topics are also created on first use).</summary>
    public void CreateTopic(string topic, int partitions)
    {
        var code = rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (code != 0)
        {
            throw new InvalidOperationException($"librdkafka could not create topic '{topic}': error {code}.");
        }
        _topics[topic] = partitions;
    }

    /// <summary>
    /// How many records of the topics created with <see cref="CreateTopic"/> the cluster has discarded to stay under
    /// its caps: every partition's log starts at offset 0, so its low watermark is the count of records it dropped.
    /// Blocks for a round trip per partition.
    /// </summary>
    public long CountDiscardedRecords(TimeSpan timeout)
    {
        long discarded = 0;
        foreach (var (topic, partitions) in _topics)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                discarded += _watermarks.Value.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout).Low.Value;
            }
        }
        return discarded;
    }

    /// <summary>Disconnects every broker and refuses new connections: Kafka is unreachable until <see cref="BringBrokersUp"/>.</summary>
    public void TakeBrokersDown()
    {
        for (var broker = 1; broker <= BrokerCount; broker++)
        {
            ThrowOnError(rd_kafka_mock_broker_set_down(_cluster, broker), "take broker down");
        }
    }

    public void BringBrokersUp()
    {
        for (var broker = 1; broker <= BrokerCount; broker++)
        {
            ThrowOnError(rd_kafka_mock_broker_set_up(_cluster, broker), "bring broker up");
        }
    }

    static void ThrowOnError(int code, string action)
    {
        if (code != 0)
        {
            throw new InvalidOperationException($"librdkafka could not {action}: error {code}.");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (_watermarks.IsValueCreated)
            {
                _watermarks.Value.Dispose();
            }
            rd_kafka_mock_cluster_destroy(_cluster);
            rd_kafka_destroy(_client);
        }
    }

    // Confluent.Kafka ships two glibc builds; the default one needs libsasl2.so.3, which Debian does not have.
    static nint ResolveLibrdkafka(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return 0;
        }
        var platform = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var directory = Path.Combine(AppContext.BaseDirectory, "runtimes", $"{platform}-{Architecture()}", "native");
        foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so", "librdkafka.dylib", "librdkafka.dll" })
        {
            if (NativeLibrary.TryLoad(Path.Combine(directory, file), out var handle))
            {
                return handle;
            }
        }
        return NativeLibrary.TryLoad(Library, assembly, searchPath, out var fallback) ? fallback : 0;
    }

    static string Architecture() => RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "x64",
    };

    [LibraryImport(Library)]
    private static partial nint rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_new(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(nint client);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_mock_cluster_new(nint client, int brokerCount);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);
}
