using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using LwM2MSparkplug.KafkaBridge.Records;
using LwM2MSparkplug.KafkaBridge.Routing;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The bridge turning a DDATA into a Kafka record: route, key, headers, JSON with aliases resolved.</summary>
[MemoryDiagnoser]
public class KafkaRecordBenchmark
{
    readonly ReadOnlySequence<byte> _data = new(SampleMessages.DeviceData(2).ToByteArray());
    KafkaRecordFactory _json = null!;
    KafkaRecordFactory _protobuf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = Create(SparkplugValueFormat.Json);
        _protobuf = Create(SparkplugValueFormat.Protobuf);
    }

    [Benchmark]
    public BridgeRecord? DeviceDataAsJson() => _json.Create(SampleMessages.DataTopic, _data, 0, SampleMessages.Now);

    [Benchmark]
    public BridgeRecord? DeviceDataAsProtobuf() => _protobuf.Create(SampleMessages.DataTopic, _data, 0, SampleMessages.Now);

    static KafkaRecordFactory Create(SparkplugValueFormat format)
    {
        var factory = new KafkaRecordFactory(new TopicRouter(TopicRouter.DefaultRoutes), "dead.letters", format, 1 << 20, 16 * 1024);
        factory.Create(SampleMessages.NodeBirthTopic, new ReadOnlySequence<byte>(SampleMessages.NodeBirth()), 0, SampleMessages.Now);
        factory.Create(SampleMessages.DeviceBirthTopic, new ReadOnlySequence<byte>(SampleMessages.DeviceBirth()), 0, SampleMessages.Now);
        return factory;
    }
}
