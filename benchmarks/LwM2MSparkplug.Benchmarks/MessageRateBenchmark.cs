using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Lwm2mServer.Registry;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>
/// The per-device message rate, counted for every LwM2M message the server receives (and, as <c>MessageRate</c>, every
/// Sparkplug message the host takes): expected to allocate nothing once the device is known.
/// </summary>
[MemoryDiagnoser]
public class MessageRateBenchmark
{
    readonly DeviceMessageRates _rates = new(capacity: 100_000);
    readonly DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < 10_000; i++)
        {
            _rates.Record($"dev-{i}", _now);
        }
    }

    [Benchmark]
    public void RecordKnownDevice() => _rates.Record("dev-4242", _now);

    [Benchmark]
    public int ReadRate() => _rates.PerMinute("dev-4242", _now);
}
