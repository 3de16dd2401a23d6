namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// An edge node as the Sparkplug host's <c>/api/nodes</c> shows it, reduced to what the fleet shows. Read from the
/// host's JSON (snake_case), so the names follow its <c>NodeView</c>; fields the fleet does not use are skipped.
/// <see cref="MessagesPerMinute"/> is null from a host that does not count them.
/// </summary>
public sealed record HostNode(
    string GroupId,
    string EdgeNodeId,
    bool Online,
    ulong? BdSeq,
    int? LastSeq,
    DateTimeOffset? LastMessageTime,
    bool Stale,
    IReadOnlyList<HostMetric>? Metrics,
    IReadOnlyList<HostDevice>? Devices,
    int? MessagesPerMinute = null);
