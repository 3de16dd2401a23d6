using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The LwM2M server's per-message work: a Send report (every LWM2M_INTERVAL per device), a Register, an event.</summary>
[MemoryDiagnoser]
public class Lwm2mMessageBenchmark
{
    static readonly Lwm2mPath[] SendPaths = [Lwm2mPath.Parse("/3303/0/5700"), Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/13")];
    readonly ReadOnlySequence<byte> _register = new(Lwm2mMessageWriter.WriteRegister(SensorLwm2mMessages.Register("sim-host-001", TimeSpan.FromHours(1), SampleMessages.Sensor, [Lwm2mPath.Parse("/1/0"), Lwm2mPath.Parse("/3/0"), Lwm2mPath.Parse("/3303/0")])));
    readonly ReadOnlySequence<byte> _send = new(SendReport());
    readonly EventBuffer _events = new(10_000, 4, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    [Benchmark]
    public int ParseSend()
    {
        Lwm2mEnvelopeCodec.TryParseResponse(_send, codeRequired: false, out var body, out _);
        Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, body.Payload!.Value, out var values, out _);
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

    static byte[] SendReport()
    {
        var objects = new LwM2MSparkplug.DeviceSimulator.Lwm2m.SimulatedLwm2mObjects("sim-host-001", SampleMessages.Sensor, TimeSpan.FromHours(1));
        var values = SendPaths.SelectMany(path => objects.Read(path)!).ToList();
        return Lwm2mEnvelopeCodec.WriteResponse(new Lwm2mResponse(null) { Format = Lwm2mContentFormat.SenmlJson, Payload = Lwm2mContent.ToPayload(values, Lwm2mContentFormat.SenmlJson) });
    }
}
