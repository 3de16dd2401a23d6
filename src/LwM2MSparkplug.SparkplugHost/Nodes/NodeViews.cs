using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.SparkplugHost.Nodes;

/// <summary>
/// A metric as the REST API shows it. <see cref="Timestamp"/> is milliseconds since the Unix epoch. <see cref="History"/>
/// holds the values sent with <c>is_historical</c>, oldest first; null (left out of the JSON) when there are none.
/// </summary>
public sealed record MetricView(
    string Name,
    ulong? Alias,
    string Datatype,
    MetricValue Value,
    ulong? Timestamp,
    bool Stale,
    DateTimeOffset? StaleSince,
    int Quality,
    SparkplugPropertySet? Properties,
    IReadOnlyList<HistoricalValue>? History)
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
            state.Properties,
            state.History.Count > 0 ? [.. state.History] : null);
    }

    public static IReadOnlyList<MetricView> From(IReadOnlyDictionary<string, MetricState> metrics) =>
        [.. metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(From)];
}

/// <summary>A device behind an edge node.</summary>
public sealed record DeviceNodeView(string DeviceId, bool Online, DateTimeOffset? BirthTime, DateTimeOffset? DeathTime, IReadOnlyList<MetricView> Metrics);

/// <summary>
/// An edge node with its devices, as the REST API shows it. <see cref="Stale"/> says whether all this may no longer
/// be current because the host lost its broker connection.
/// </summary>
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
    /// <summary>
    /// True when this view, the node's devices included, may no longer be current: the host lost its broker connection
    /// at <see cref="StaleSince"/> and has not heard from the node since (Sparkplug 3.0: a host that loses its
    /// connection treats what it knows as stale; its metrics say so too). <see cref="Online"/> is then the last state
    /// known, not the present one.
    /// </summary>
    public bool Stale => StaleSince is not null;

    /// <summary>
    /// Sparkplug messages received from the node and its devices in the last 60 s (births, data and deaths, whether the
    /// session took them or not), counted in 5-second buckets.
    /// </summary>
    public int MessagesPerMinute { get; init; }

    /// <summary>When the view stopped being current (the loss of the broker connection); absent while it is current.</summary>
    public DateTimeOffset? StaleSince { get; init; }

    /// <summary>The MQTT server the node was last heard on, as <c>mqtt[s]://host:port</c> (before the node was heard anywhere: the first connected server, where its commands would go).</summary>
    public string? Server { get; init; }

    /// <summary>
    /// This view qualified by the state of the host's broker connection. A stale node's metrics read stale too, also
    /// in the moment between the loss and the host marking its sessions stale.
    /// </summary>
    public NodeView AsSeenThrough(MqttConnection? connection)
    {
        if (connection?.StaleSince(LastMessageTime) is not { } since)
        {
            return this with { StaleSince = null, Server = connection?.Broker };
        }
        return this with
        {
            Server = connection.Broker,
            StaleSince = since,
            Metrics = StaleFrom(Metrics, since),
            Devices = [.. Devices.Select(device => device with { Metrics = StaleFrom(device.Metrics, since) })],
        };
    }

    static IReadOnlyList<MetricView> StaleFrom(IReadOnlyList<MetricView> metrics, DateTimeOffset since) =>
        [.. metrics.Select(metric => metric.Stale ? metric : metric with { Stale = true, StaleSince = since })];

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
