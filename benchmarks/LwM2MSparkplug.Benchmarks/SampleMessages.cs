using Google.Protobuf;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>The simulator's own messages, as the services receive them.</summary>
static class SampleMessages
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly SensorModel Sensor = new(new Random(1), Now, 30);
    static readonly SensorEdgeNodePayloads Payloads = new(useAliases: true);

    public const string DataTopic = "spBv1.0/IIoT/DDATA/sim-host-001/sensor";
    public const string NodeBirthTopic = "spBv1.0/IIoT/NBIRTH/sim-host-001";
    public const string DeviceBirthTopic = "spBv1.0/IIoT/DBIRTH/sim-host-001/sensor";

    public static byte[] NodeBirth() => SensorEdgeNodePayloads.NodeBirth(Now, 0, 0, "1.0.0").ToByteArray();
    public static byte[] DeviceBirth() => Payloads.DeviceBirth(Now, 1, Sensor).ToByteArray();
    public static Payload DeviceData(byte seq) => Payloads.DeviceData(Now, seq, Sensor, setpointChanged: false);
}
