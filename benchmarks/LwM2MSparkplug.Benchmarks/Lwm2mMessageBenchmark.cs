using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The LwM2M server's per-message work: a Send report (every LWM2M_INTERVAL per device), a Register, an event.</summary>
[MemoryDiagnoser]
public class Lwm2mMessageBenchmark
{
    readonly ReadOnlySequence<byte> _register = new(SampleMessages.Register());
    readonly ReadOnlySequence<byte> _send = new(SampleMessages.Send());
    readonly EventBuffer _events = new(10_000, 4, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    [Benchmark]
    public int ParseSend()
    {
        Lwm2mEnvelopeCodec.TryParseResponse(_send, codeRequired: false, out var body);
        Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, body.Payload!.Value, Lwm2mObjectModel.BuiltIn.Newest(), out var values, out _);
        return values.Count;
    }

    [Benchmark]
    public RegisterRequest ParseRegister()
    {
        Lwm2mMessageParser.TryParseRegister("sim-host-001", _register, out var request);
        return request;
    }

    [Benchmark]
    public Lwm2mEvent AppendEvent() => _events.Append("send", "sim-host-001", SampleMessages.Now, new { LifetimeSeconds = 3600 });
}
