namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// A fleet device's Sparkplug side: its edge node in the Sparkplug host (edge node id = endpoint).
/// <see cref="MetricCount"/> and <see cref="Quality"/> cover the node's metrics and its devices'.
/// <see cref="Stale"/> says the host itself lost its broker connection, so <see cref="Online"/> is the last state known.
/// <see cref="MessagesPerMinute"/> is the host's count of the node's Sparkplug messages in the last 60 s (null from a
/// host that does not count them).
/// </summary>
public sealed record FleetSparkplugSide(
    string GroupId,
    bool Online,
    ulong? BdSeq,
    int? LastSeq,
    DateTimeOffset? LastMessageAt,
    bool Stale,
    int MetricCount,
    MetricQualityCounts Quality,
    int DevicesOnline,
    int Devices,
    int? MessagesPerMinute)
{
    public static FleetSparkplugSide From(HostNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var devices = node.Devices ?? [];
        var metrics = (node.Metrics ?? []).Concat(devices.SelectMany(device => device.Metrics ?? [])).ToList();
        return new FleetSparkplugSide(
            node.GroupId,
            node.Online,
            node.BdSeq,
            node.LastSeq,
            node.LastMessageTime,
            node.Stale,
            metrics.Count,
            MetricQualityCounts.Of(metrics),
            devices.Count(device => device.Online),
            devices.Count,
            node.MessagesPerMinute);
    }
}
