using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.SparkplugHost.Nodes;

/// <summary>A metric as the REST API shows it. <see cref="Timestamp"/> is milliseconds since the Unix epoch.</summary>
public sealed record MetricView(
    string Name,
    ulong? Alias,
    string Datatype,
    MetricValue Value,
    ulong? Timestamp,
    bool Stale,
    DateTimeOffset? StaleSince,
    int Quality,
    SparkplugPropertySet? Properties)
{
    public static MetricView From(MetricState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new MetricView(
            state.Name,
            state.Descriptor.Alias,
            SparkplugJsonWriter.DataTypeName(state.Descriptor.DataType),
            state.Value,
            state.Timestamp,
            state.IsStale,
            state.StaleSince,
            (int)state.Quality,
            state.Properties);
    }

    public static IReadOnlyList<MetricView> From(IReadOnlyDictionary<string, MetricState> metrics) =>
        [.. metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(From)];
}

/// <summary>A device behind an edge node.</summary>
public sealed record DeviceNodeView(string DeviceId, bool Online, DateTimeOffset? BirthTime, DateTimeOffset? DeathTime, IReadOnlyList<MetricView> Metrics);

/// <summary>An edge node with its devices, as the REST API shows it.</summary>
public sealed record NodeView(
    string GroupId,
    string EdgeNodeId,
    bool Online,
    ulong? BdSeq,
    int? LastSeq,
    DateTimeOffset? BirthTime,
    DateTimeOffset? DeathTime,
    DateTimeOffset? LastMessageTime,
    IReadOnlyList<MetricView> Metrics,
    IReadOnlyList<DeviceNodeView> Devices)
{
    public static NodeView From(EdgeNodeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new NodeView(
            session.GroupId,
            session.EdgeNodeId,
            session.IsOnline,
            session.BdSeq,
            session.LastSeq,
            session.BirthTime,
            session.DeathTime,
            session.LastMessageTime,
            MetricView.From(session.Metrics),
            [.. session.Devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)
                .Select(d => new DeviceNodeView(d.DeviceId, d.IsOnline, d.BirthTime, d.DeathTime, MetricView.From(d.Metrics)))]);
    }
}
