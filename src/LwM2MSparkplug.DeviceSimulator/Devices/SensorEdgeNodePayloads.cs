using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// The Sparkplug payloads of a simulated edge node with one sensor device: NBIRTH, NDEATH, DBIRTH and DDATA
/// (Sparkplug 3.0 §6.4.18-§6.4.20). Device metrics carry aliases 1..n; node control metrics never do.
/// </summary>
public sealed class SensorEdgeNodePayloads(bool useAliases, bool dataTypesInData = false)
{
    public const string Temperature = "temperature";
    public const string Humidity = "humidity";
    public const string BatteryLevel = "battery_level";
    public const string Uptime = "uptime";
    public const string Setpoint = "setpoint";
    public const string FirmwareVersion = "Properties/Firmware Version";

    /// <summary>The sensor's metrics: name, alias, datatype, reading, writable.</summary>
    public static readonly IReadOnlyList<SensorMetric> DeviceMetrics =
    [
        new(Temperature, 1, SparkplugDataType.Double, s => MetricValue.FromDouble(Math.Round(s.Temperature, 3)), "C"),
        new(Humidity, 2, SparkplugDataType.Double, s => MetricValue.FromDouble(Math.Round(s.Humidity, 3)), "%"),
        new(BatteryLevel, 3, SparkplugDataType.Double, s => MetricValue.FromDouble(Math.Round(s.BatteryLevel, 3)), "%"),
        new(Uptime, 4, SparkplugDataType.Int64, s => MetricValue.FromInt64(s.UptimeSeconds), "s"),
        new(Setpoint, 5, SparkplugDataType.Float, s => MetricValue.FromFloat(s.Setpoint), "C", Writable: true),
    ];

    public static Payload NodeBirth(DateTimeOffset now, byte seq, byte bdSeq, string firmwareVersion)
    {
        var timestamp = (ulong)now.ToUnixTimeMilliseconds();
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, timestamp, MetricValue.FromInt64(bdSeq))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SparkplugCommands.NodeControlRebirth, null, timestamp, MetricValue.FromBoolean(false))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(FirmwareVersion, null, timestamp, MetricValue.FromString(firmwareVersion))));
        return payload;
    }

    /// <summary>The NDEATH (MQTT Will): the session's bdSeq as Int64, a timestamp, no seq (tck-id-payloads-ndeath-seq).</summary>
    public static Payload NodeDeath(DateTimeOffset now, byte bdSeq)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq: null);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, null, MetricValue.FromInt64(bdSeq))));
        return payload;
    }

    public Payload DeviceBirth(DateTimeOffset now, byte seq, SensorModel sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var timestamp = (ulong)now.ToUnixTimeMilliseconds();
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq);
        foreach (var metric in DeviceMetrics)
        {
            var properties = new SparkplugPropertySet([new("engUnit", MetricValue.FromString(metric.Unit)), new("writable", MetricValue.FromBoolean(metric.Writable))]);
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(metric.Name, useAliases ? metric.Alias : null, timestamp, metric.Read(sensor), properties)));
        }
        return payload;
    }

    /// <summary>Report by exception: the readings that change every tick, plus the setpoint when it changed.</summary>
    public Payload DeviceData(DateTimeOffset now, byte seq, SensorModel sensor, bool setpointChanged)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var timestamp = (ulong)now.ToUnixTimeMilliseconds();
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq);
        foreach (var metric in DeviceMetrics)
        {
            if (metric.Writable && !setpointChanged)
            {
                continue;
            }
            var encoded = useAliases
                ? new SparkplugMetric(null, metric.Alias, timestamp, metric.Read(sensor))
                : new SparkplugMetric(metric.Name, null, timestamp, metric.Read(sensor));
            // The datatype SHOULD NOT be repeated in DATA messages (tck-id-payloads-metric-datatype-not-req);
            // decoders without birth context (e.g. Tahu's JavaScript decodePayload) need it, hence the option.
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(encoded, includeDataType: dataTypesInData));
        }
        return payload;
    }

    /// <summary>True when an NCMD asks for a rebirth (<c>Node Control/Rebirth</c> = true).</summary>
    public static bool IsRebirthRequest(Payload command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Metrics.Any(m => m.Name == SparkplugCommands.NodeControlRebirth
            && SparkplugPayloadDecoder.TryReadValue(m, SparkplugDataType.Boolean, out var value) == MetricValueError.None
            && !value.IsNull && value.AsBoolean());
    }

    /// <summary>Applies the writable metrics of a DCMD (by name or alias); returns what was written.</summary>
    public static IReadOnlyList<string> ApplyDeviceCommand(Payload command, SensorModel sensor)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(sensor);
        var written = new List<string>();
        foreach (var metric in command.Metrics)
        {
            var target = DeviceMetrics.FirstOrDefault(d => (metric.HasAlias && metric.Alias == d.Alias) || (metric.HasName && metric.Name == d.Name));
            if (target is not { Writable: true }
                || SparkplugPayloadDecoder.TryReadValue(metric, target.DataType, out var value) != MetricValueError.None
                || value.IsNull)
            {
                continue;
            }
            sensor.Setpoint = value.AsFloat();
            written.Add(target.Name);
        }
        return written;
    }
}

/// <summary>One metric of the simulated sensor.</summary>
public sealed record SensorMetric(string Name, ulong Alias, SparkplugDataType DataType, Func<SensorModel, MetricValue> Read, string Unit, bool Writable = false);
