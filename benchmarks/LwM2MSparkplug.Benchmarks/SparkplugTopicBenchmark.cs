using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>Topic parsing, done for every Sparkplug message the host and the bridge receive.</summary>
[MemoryDiagnoser]
public class SparkplugTopicBenchmark
{
    [Benchmark]
    public bool ParseDeviceData() => SparkplugTopic.TryParse(SampleMessages.DataTopic, out _);
}
