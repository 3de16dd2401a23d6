using LwM2MSparkplug.SparkplugHost.Nodes;
using Prometheus;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>
/// The host's counters in one small answer, <c>GET /api/summary</c>, for callers that sample them (the LwM2M server's
/// <c>/api/overview</c>) without reading every edge node or parsing <c>/metrics</c>. The counters are totals since the
/// host started: <see cref="MessagesTotal"/> over every message type, <see cref="Messages"/> by message type,
/// <see cref="InvalidMessages"/> by reason (as <c>sparkplug_invalid_messages_total</c>). A caller that sees a total go
/// down knows the host restarted.
/// </summary>
public sealed record HostSummary(
    string HostId,
    double MessagesTotal,
    IReadOnlyDictionary<string, double> Messages,
    IReadOnlyDictionary<string, double> InvalidMessages,
    int NodesOnline,
    int NodesKnown,
    int DevicesOnline,
    DateTimeOffset Timestamp)
{
    public static HostSummary From(string hostId, SparkplugHostMetrics metrics, EdgeNodeRegistry registry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(registry);
        var messages = ByLabel(metrics.Messages);
        var (nodesOnline, devicesOnline) = registry.CountOnline();
        return new HostSummary(hostId, messages.Values.Sum(), messages, ByLabel(metrics.InvalidMessages), nodesOnline, registry.Count, devicesOnline, now);
    }

    static SortedDictionary<string, double> ByLabel(Counter counter)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var labels in counter.GetAllLabelValues())
        {
            values[labels[0]] = counter.WithLabels(labels).Value;
        }
        return values;
    }
}
