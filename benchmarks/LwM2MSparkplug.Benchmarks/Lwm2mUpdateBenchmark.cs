using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The LwM2M server's per-update work: parsing the simulator's Update and recording the event.</summary>
[MemoryDiagnoser]
public class Lwm2mUpdateBenchmark
{
    readonly ReadOnlySequence<byte> _update = new(Lwm2mMessageWriter.WriteUpdate(SensorLwm2mMessages.Update("sim-host-001", TimeSpan.FromHours(1), SampleMessages.Sensor)));
    readonly EventBuffer _events = new(10_000, 4, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    [Benchmark]
    public UpdateRequest ParseUpdate()
    {
        Lwm2mMessageParser.TryParseUpdate(_update, out var request);
        return request;
    }

    [Benchmark]
    public Lwm2mEvent AppendEvent() => _events.Append("update", "sim-host-001", SampleMessages.Now, new { LifetimeSeconds = 3600 });
}
