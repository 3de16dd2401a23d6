using System.Text.Json.Serialization;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// <c>GET /api/overview</c>: what the console's overview page shows, in one answer. <see cref="SparkplugSource"/> is the
/// read of the host's edge nodes behind the Sparkplug counts (as in <c>/api/fleet</c>); <see cref="SparkplugSummarySource"/>
/// the last read of its <c>/api/summary</c> behind the Sparkplug rate and invalid counts (absent before the first).
/// <see cref="LatestEvents"/> are the newest events of the event log, newest first, as <c>/api/events</c> writes them.
/// </summary>
public sealed record OverviewView(
    DateTimeOffset AsOf,
    OverviewDeviceCounts Devices,
    MessageRates Rates,
    InvalidMessageCounts InvalidMessages,
    BridgeView Bridge,
    SparkplugSource SparkplugSource,
    SparkplugSource? SparkplugSummarySource,
    [property: JsonConverter(typeof(LatestEventsJsonConverter))] IReadOnlyList<Lwm2mEvent> LatestEvents)
{
    /// <summary>Puts the overview together from what was read; no I/O.</summary>
    /// <param name="fleet">The fleet, as <see cref="FleetMerge"/> joins it (the recently gone among it).</param>
    /// <param name="sparkplug">The host's edge nodes and how they were read.</param>
    /// <param name="state">What the sampler last found.</param>
    /// <param name="bridgeUrl">The bridge's configured URL; null or empty when there is no bridge.</param>
    /// <param name="lwm2mInvalid">This server's invalid messages by reason.</param>
    /// <param name="latestEvents">The newest events, newest first.</param>
    /// <param name="now">The moment of the answer.</param>
    public static OverviewView Build(
        IReadOnlyList<FleetDevice> fleet,
        SparkplugSnapshot sparkplug,
        OverviewState state,
        string? bridgeUrl,
        IReadOnlyDictionary<string, double> lwm2mInvalid,
        IReadOnlyList<Lwm2mEvent> latestEvents,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(sparkplug);
        ArgumentNullException.ThrowIfNull(state);
        int Count(FleetLwm2mState lwm2mState) => fleet.Count(device => device.State == lwm2mState);
        var deregistered = Count(FleetLwm2mState.Deregistered);
        var expired = Count(FleetLwm2mState.Expired);
        var online = sparkplug.Nodes.Count(node => node.Online);
        var devices = new OverviewDeviceCounts(
            Count(FleetLwm2mState.Registered),
            Count(FleetLwm2mState.Offline),
            deregistered + expired,
            deregistered,
            expired,
            online,
            sparkplug.Nodes.Count - online,
            fleet.Count(device => device.State != FleetLwm2mState.Unregistered && device.Sparkplug is not null));
        var host = state.Host;
        var bridge = string.IsNullOrWhiteSpace(bridgeUrl)
            ? BridgeView.NotConfigured
            : state.Bridge is { } read ? BridgeView.From(read) : BridgeView.Pending(bridgeUrl);
        return new OverviewView(
            now,
            devices,
            state.Rates.Snapshot(),
            new InvalidMessageCounts(lwm2mInvalid, host?.Value is null ? null : host.Value.InvalidMessages ?? new Dictionary<string, double>()),
            bridge,
            sparkplug.Source,
            host is null ? null : new SparkplugSource(host.Url.ToString(), host.Succeeded, host.Error, host.AsOf),
            latestEvents);
    }
}
