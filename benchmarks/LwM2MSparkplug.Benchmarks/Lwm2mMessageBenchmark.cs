using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>
/// The LwM2M server's per-message work: a Send report (every LWM2M_INTERVAL per device) in the JSON contract and, with
/// the same values, over OMA's binding (CBOR envelope, SenML CBOR); a Register; an event.
/// </summary>
[MemoryDiagnoser]
public class Lwm2mMessageBenchmark
{
    readonly ReadOnlySequence<byte> _register = new(SampleMessages.Register());
    readonly ReadOnlySequence<byte> _send = new(SampleMessages.Send());
    readonly byte[] _omaSend = OmaSend(SampleMessages.Send());
    readonly EventBuffer _events = new(10_000, 4, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    [Benchmark(Baseline = true)]
    public int ParseSend()
    {
        Lwm2mEnvelopeCodec.TryParseResponse(_send, codeRequired: false, out var body);
        Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, body.Payload!.Value, Lwm2mObjectModel.BuiltIn.Newest(), out var values, out _);
        return values.Count;
    }

    [Benchmark]
    public int ParseSendOma()
    {
        OmaEnvelopeCodec.TryRead(_omaSend, OmaInterface.Registration, out var message, out _);
        Lwm2mContent.TryDecode(null, Lwm2mContentFormat.SenmlCbor, message!.Payload!.Value, Lwm2mObjectModel.BuiltIn.Newest(), out var values, out _);
        return values.Count;
    }

    [Benchmark]
    public RegisterRequest ParseRegister()
    {
        Lwm2mMessageParser.TryParseRegister("sim-host-001", _register, out var request);
        return request;
    }

    /// <summary>The JSON contract's Send as the binding carries it: the same values in SenML CBOR under operation 24.</summary>
    static byte[] OmaSend(byte[] jsonSend)
    {
        Lwm2mEnvelopeCodec.TryParseResponse(new ReadOnlySequence<byte>(jsonSend), codeRequired: false, out var body);
        Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, body.Payload!.Value, Lwm2mObjectModel.BuiltIn.Newest(), out var values, out _);
        return OmaEnvelopeCodec.Write(new OmaMessage(4) { Operation = OmaOperation.Send, ContentFormat = 112, Payload = Lwm2mContent.Encode(values, Lwm2mContentFormat.SenmlCbor) });
    }

    [Benchmark]
    public Lwm2mEvent AppendEvent() => _events.Append("send", "sim-host-001", SampleMessages.Now, new { LifetimeSeconds = 3600 });
}
