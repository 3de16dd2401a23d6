using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// The simulated sensor as a Sparkplug edge node sees it: a firmware version on the node, and a device whose metrics
/// (aliases 1..5) are read from the <see cref="SensorModel"/>; only the setpoint is writable.
/// </summary>
public sealed class SensorEdgeNodeMetrics(SensorModel sensor) : IEdgeNodeMetricSource
{
    public const string Temperature = "temperature";
    public const string Humidity = "humidity";
    public const string BatteryLevel = "battery_level";
    public const string Uptime = "uptime";
    public const string Setpoint = "setpoint";
    public const string FirmwareVersion = "Properties/Firmware Version";

    /// <summary>The node's own metric besides bdSeq and Node Control/Rebirth.</summary>
    public static readonly IReadOnlyList<EdgeMetricDefinition> NodeMetrics = [new(FirmwareVersion, SparkplugDataType.String)];

    /// <summary>The sensor device's metrics, in DBIRTH order, with their engineering units.</summary>
    public static readonly IReadOnlyList<EdgeMetricDefinition> DeviceMetrics =
    [
        Metric(Temperature, 1, SparkplugDataType.Double, "C"),
        Metric(Humidity, 2, SparkplugDataType.Double, "%"),
        Metric(BatteryLevel, 3, SparkplugDataType.Double, "%"),
        Metric(Uptime, 4, SparkplugDataType.Int64, "s"),
        Metric(Setpoint, 5, SparkplugDataType.Float, "C", writable: true),
    ];

    /// <summary>The Sparkplug edge node of one simulated device: the node and its one sensor device.</summary>
    public static EdgeNode CreateEdgeNode(string edgeNodeId, SensorModel sensor, SimulatorOptions options, byte nextBdSeq, int serverCount = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definition = new EdgeNodeOptions
        {
            GroupId = options.SparkplugGroupId,
            EdgeNodeId = edgeNodeId,
            PrimaryHostId = options.PrimaryHostId,
            ServerCount = serverCount,
            NodeMetrics = NodeMetrics,
            Devices = [new EdgeDeviceDefinition(options.SparkplugDeviceId, DeviceMetrics)],
            UseAliases = options.UseAliases,
            DataTypesInData = options.DataTypesInData,
            DataInterval = options.TelemetryInterval,
            MaxCommandBytes = options.MaxMessageBytes,
        };
        return new EdgeNode(definition, new SensorEdgeNodeMetrics(sensor), nextBdSeq);
    }

    public void Sample(DateTimeOffset now) => sensor.Advance(now);

    public MetricValue Read(EdgeMetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name switch
        {
            Temperature => MetricValue.FromDouble(Math.Round(sensor.Temperature, 3)),
            Humidity => MetricValue.FromDouble(Math.Round(sensor.Humidity, 3)),
            BatteryLevel => MetricValue.FromDouble(Math.Round(sensor.BatteryLevel, 3)),
            Uptime => MetricValue.FromInt64(sensor.UptimeSeconds),
            Setpoint => MetricValue.FromFloat(sensor.Setpoint),
            FirmwareVersion => MetricValue.FromString(DeviceObjectEnabler.FirmwareVersion),
            _ => throw new ArgumentException($"The sensor has no metric '{metric.Name}'.", nameof(metric)),
        };
    }

    /// <summary>The setpoint takes finite values in the sensor's range only (<see cref="SensorModel.TrySetSetpoint"/>).</summary>
    public bool TryWrite(EdgeMetricDefinition metric, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name == Setpoint && sensor.TrySetSetpoint(value.AsFloat());
    }

    static EdgeMetricDefinition Metric(string name, ulong alias, SparkplugDataType dataType, string unit, bool writable = false) =>
        new(name, dataType, alias, new SparkplugPropertySet([new("engUnit", MetricValue.FromString(unit)), new("writable", MetricValue.FromBoolean(writable))]), writable);
}
