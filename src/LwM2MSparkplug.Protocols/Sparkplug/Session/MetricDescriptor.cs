namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>What a birth certificate declared about one metric.</summary>
/// <remarks><see cref="DeviceId"/> is null for a metric of the edge node itself.</remarks>
public sealed record MetricDescriptor(string? DeviceId, string Name, ulong? Alias, SparkplugDataType DataType)
{
    /// <summary>The declaration a birth certificate makes for <paramref name="metric"/>; null when it has no name.</summary>
    public static MetricDescriptor? FromBirth(string? deviceId, Proto.Payload.Types.Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!metric.HasName || metric.Name.Length == 0)
        {
            return null;
        }
        var dataType = metric.HasDatatype ? Payloads.SparkplugPayloadDecoder.ToDataType(metric.Datatype) : SparkplugDataType.Unknown;
        return new MetricDescriptor(deviceId, metric.Name, metric.HasAlias ? metric.Alias : null, dataType);
    }
}
