using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>Decoding a DDATA payload and reading its metric values.</summary>
[MemoryDiagnoser]
public class SparkplugDecodeBenchmark
{
    readonly ReadOnlySequence<byte> _data = new(SampleMessages.DeviceData(2).ToByteArray());

    [Benchmark]
    public double DecodeDeviceData()
    {
        SparkplugPayloadDecoder.TryParse(_data, 1 << 20, out var payload);
        var sum = 0.0;
        foreach (var metric in payload.Metrics)
        {
            var type = metric.Alias == 4 ? SparkplugDataType.Int64 : SparkplugDataType.Double;
            SparkplugPayloadDecoder.TryReadValue(metric, type, out var value);
            sum += value.AsDouble();
        }
        return sum;
    }
}
