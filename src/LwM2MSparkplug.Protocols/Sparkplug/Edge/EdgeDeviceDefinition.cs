namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>A device behind an edge node: its Sparkplug device id and the metrics its DBIRTH declares.</summary>
public sealed record EdgeDeviceDefinition(string DeviceId, IReadOnlyList<EdgeMetricDefinition> Metrics);
