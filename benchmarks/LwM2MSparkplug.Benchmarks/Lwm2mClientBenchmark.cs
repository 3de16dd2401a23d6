using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>A simulated device's LwM2M work per Send interval: read three resources and write the Send (SenML JSON).</summary>
[MemoryDiagnoser]
public class Lwm2mClientBenchmark
{
    readonly Outbox _outbox = new();
    Lwm2mClient _client = null!;
    DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _client = SampleMessages.RegisteredClient(_outbox);
        _now = SampleMessages.Now;
    }

    [Benchmark]
    public int PublishSend()
    {
        _now = _now.AddSeconds(1);
        _outbox.Clear();
        _client.Run(_now, _outbox);
        return _outbox.Messages.Count == 1 ? 1 : throw new InvalidOperationException($"Expected one Send, got {_outbox.Messages.Count} messages.");
    }
}
