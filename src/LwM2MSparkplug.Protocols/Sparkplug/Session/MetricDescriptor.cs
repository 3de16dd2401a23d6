namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>What a birth certificate declared about one metric.</summary>
/// <remarks><see cref="DeviceId"/> is null for a metric of the edge node itself.</remarks>
public sealed record MetricDescriptor(string? DeviceId, string Name, ulong? Alias, SparkplugDataType DataType);
