using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The host applying in-order DDATA to a born edge node: seq check, alias lookup, value update.</summary>
[MemoryDiagnoser]
public class EdgeNodeSessionBenchmark
{
    readonly Payload[] _data = [.. Enumerable.Range(0, 256).Select(seq => SampleMessages.DeviceData((byte)seq))];
    readonly SparkplugTopic _dataTopic = SparkplugTopic.ForDevice("IIoT", SparkplugMessageType.DData, "sim-host-001", "sensor");
    EdgeNodeSession _session = null!;
    int _next;

    [GlobalSetup]
    public void Setup()
    {
        _session = new EdgeNodeSession("IIoT", "sim-host-001");
        _session.Apply(SparkplugTopic.ForNode("IIoT", SparkplugMessageType.NBirth, "sim-host-001"), Payload.Parser.ParseFrom(SampleMessages.NodeBirth()), SampleMessages.Now);
        var outcome = _session.Apply(SparkplugTopic.ForDevice("IIoT", SparkplugMessageType.DBirth, "sim-host-001", "sensor"), Payload.Parser.ParseFrom(SampleMessages.DeviceBirth()), SampleMessages.Now);
        if (outcome.Kind != SessionOutcomeKind.Accepted || outcome.RequiresRebirth)
        {
            throw new InvalidOperationException("The benchmark's births were not accepted.");
        }
        _next = 2;
    }

    [Benchmark]
    public SessionOutcome ApplyDeviceData()
    {
        var outcome = _session.Apply(_dataTopic, _data[_next], SampleMessages.Now);
        if (outcome.RequiresRebirth || outcome.Kind != SessionOutcomeKind.Accepted)
        {
            throw new InvalidOperationException($"DDATA was not applied in order: {outcome}");
        }
        _next = (_next + 1) % 256;
        return outcome;
    }
}
