using Google.Protobuf;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The simulator's own messages, made by its device cores, as the services receive them.</summary>
static class SampleMessages
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One DDATA and one Send a second, so every reading (uptime too) has changed: four metrics per DDATA. The lifetime
    /// is long enough that no Update falls due during a benchmark, which would leave the client waiting for its answer.
    /// </summary>
    public static readonly SimulatorOptions Options = new() { TelemetryIntervalSeconds = 1, Lwm2mIntervalSeconds = 1, Lwm2mLifetimeSeconds = int.MaxValue };

    public const string DataTopic = "spBv1.0/IIoT/DDATA/sim-host-001/sensor";
    public const string NodeBirthTopic = "spBv1.0/IIoT/NBIRTH/sim-host-001";
    public const string DeviceBirthTopic = "spBv1.0/IIoT/DBIRTH/sim-host-001/sensor";

    static readonly SparkplugSession Sparkplug = RecordSparkplugSession();
    static readonly (byte[] Register, byte[] Send) Lwm2m = RecordLwm2mSession();

    public static byte[] NodeBirth() => Sparkplug.NodeBirth;
    public static byte[] DeviceBirth() => Sparkplug.DeviceBirth;

    /// <summary>The session's DDATA that carries <paramref name="seq"/>.</summary>
    public static Payload DeviceData(byte seq) => Payload.Parser.ParseFrom(Sparkplug.DataBySeq[seq]);

    public static byte[] Register() => Lwm2m.Register;
    public static byte[] Send() => Lwm2m.Send;

    /// <summary>A born edge node of a simulated device, ready to report.</summary>
    public static EdgeNode BornEdgeNode(Outbox outbox)
    {
        var edge = SensorEdgeNodeMetrics.CreateEdgeNode("sim-host-001", new SensorModel(new Random(1), Now, 30), Options, nextBdSeq: 0);
        edge.Connecting(Now);
        edge.Connected(Now, outbox);
        outbox.Clear();
        return edge;
    }

    /// <summary>A registered LwM2M client of a simulated device, ready to report.</summary>
    public static Lwm2mClient RegisteredClient(Outbox outbox)
    {
        var client = SensorLwm2mObjects.CreateClient("sim-host-001", new SensorModel(new Random(1), Now, 30), Options);
        client.Connected(Now, outbox);
        client.Receive("lwm2m/sim-host-001/reg/ack", new("""{"code":"2.01"}"""u8.ToArray()), Now, outbox);
        outbox.Clear();
        return client;
    }

    static SparkplugSession RecordSparkplugSession()
    {
        var outbox = new Outbox();
        var edge = SensorEdgeNodeMetrics.CreateEdgeNode("sim-host-001", new SensorModel(new Random(1), Now, 30), Options, nextBdSeq: 0);
        edge.Connecting(Now);
        edge.Connected(Now, outbox);
        var session = new SparkplugSession(outbox.Messages[0].Payload.ToArray(), outbox.Messages[1].Payload.ToArray(), new byte[256][]);
        for (var second = 1; session.DataBySeq.Any(data => data is null); second++)
        {
            outbox.Clear();
            edge.Run(Now.AddSeconds(second), outbox);
            foreach (var message in outbox.Messages)
            {
                session.DataBySeq[Payload.Parser.ParseFrom(message.Payload.Span).Seq] = message.Payload.ToArray();
            }
        }
        return session;
    }

    static (byte[] Register, byte[] Send) RecordLwm2mSession()
    {
        var outbox = new Outbox();
        var client = SensorLwm2mObjects.CreateClient("sim-host-001", new SensorModel(new Random(1), Now, 30), Options);
        client.Connected(Now, outbox);
        var register = outbox.Messages[0].Payload.ToArray();
        client.Receive("lwm2m/sim-host-001/reg/ack", new("""{"code":"2.01"}"""u8.ToArray()), Now, outbox);
        outbox.Clear();
        client.Run(Now.AddSeconds(1), outbox);
        return (register, outbox.Messages.Single(m => m.MessageType == "send").Payload.ToArray());
    }

    sealed record SparkplugSession(byte[] NodeBirth, byte[] DeviceBirth, byte[][] DataBySeq);
}
