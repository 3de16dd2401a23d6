using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>
/// A simulated device's Sparkplug work per data interval: sample the sensor, compare every metric with what was last
/// reported, encode the changed ones as a DDATA (four metrics here).
/// </summary>
[MemoryDiagnoser]
public class EdgeNodeBenchmark
{
    readonly Outbox _outbox = new();
    EdgeNode _edge = null!;
    DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _edge = SampleMessages.BornEdgeNode(_outbox);
        _now = SampleMessages.Now;
    }

    [Benchmark]
    public int PublishDeviceData()
    {
        _now = _now.AddSeconds(1);
        _outbox.Clear();
        _edge.Run(_now, _outbox);
        return _outbox.Messages.Count == 1 ? 1 : throw new InvalidOperationException($"Expected one DDATA, got {_outbox.Messages.Count} messages.");
    }
}
