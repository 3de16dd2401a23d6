namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>A Sparkplug device behind an edge node, as the Sparkplug host's <c>/api/nodes</c> shows it.</summary>
public sealed record HostDevice(string DeviceId, bool Online, IReadOnlyList<HostMetric>? Metrics);
