using LwM2MSparkplug.ServiceDefaults.Configuration;

namespace LwM2MSparkplug.SparkplugHost;

/// <summary>The Sparkplug host application's settings (<see cref="SparkplugHostOptions"/>).</summary>
public static class SparkplugHostSettings
{
    static readonly SparkplugHostOptions Defaults = new();

    public static SettingGroup Group { get; } = new("Sparkplug host application",
    [
        new("SPARKPLUG_HOST_ID", "SparkplugHost:HostId", "Sparkplug Host ID: STATE topic spBv1.0/STATE/{id}.") { Default = Defaults.HostId },
        new("SPARKPLUG_REORDER_TIMEOUT_SECONDS", "SparkplugHost:ReorderTimeoutSeconds", "How long a seq gap may stay open before a rebirth is requested (0: at once).") { Default = Defaults.ReorderTimeoutSeconds },
        new("SPARKPLUG_REBIRTH_RATE_PER_SECOND", "SparkplugHost:RebirthRatePerSecond", "Rebirth requests per second to all edge nodes together (bursts up to one second's worth).") { Default = Defaults.RebirthRatePerSecond },
        new("SPARKPLUG_REBIRTH_DEBOUNCE_SECONDS", "SparkplugHost:RebirthDebounceSeconds", "At most one rebirth request per edge node in this interval.") { Default = Defaults.RebirthDebounceSeconds },
        new("SPARKPLUG_MAX_PAYLOAD_BYTES", "SparkplugHost:MaxPayloadBytes", "Larger payloads are rejected unread.") { Default = Defaults.MaxPayloadBytes },
        new("SPARKPLUG_MAX_EDGE_NODES", "SparkplugHost:MaxEdgeNodes", "Edge nodes the host keeps a session for, online or dead.") { Default = Defaults.MaxEdgeNodes },
        new("SPARKPLUG_MAX_DEVICES_PER_NODE", "SparkplugHost:MaxDevicesPerNode", "Devices the host keeps per edge node; a DBIRTH of one more is refused, and that device's data costs no rebirth request …") { Default = Defaults.MaxDevicesPerNode },
        new("SPARKPLUG_MAX_HISTORICAL_VALUES_PER_METRIC", "SparkplugHost:MaxHistoricalValuesPerMetric", "Values sent with is_historical (backfill) kept per metric, the newest by timestamp, shown as the metric's history in /api/nodes; 0 keeps none (0 to 1000).") { Default = Defaults.MaxHistoricalValuesPerMetric },
        new("SPARKPLUG_DEAD_NODE_RETENTION_SECONDS", "SparkplugHost:DeadNodeRetentionSeconds", "How long an edge node may stay offline since its NDEATH before the host forgets it, with its /api/nodes entry and its per-node series (sparkplug_nodes_evicted_total).") { Default = Defaults.DeadNodeRetentionSeconds },
        new("SPARKPLUG_UNBORN_NODE_RETENTION_SECONDS", "SparkplugHost:UnbornNodeRetentionSeconds", "How long an edge node that never sent an NBIRTH is kept after its last message, so a flood of made-up node ids frees the SPARKPLUG_MAX_EDGE_NODES places within a minute …") { Default = Defaults.UnbornNodeRetentionSeconds },
        new("SPARKPLUG_PER_NODE_METRICS", "SparkplugHost:PerNodeMetrics", "Export sparkplug_node_messages_total with one series per edge node (the dashboards' \"busiest nodes\" panel).") { Default = Defaults.PerNodeMetrics },
    ]);

    /// <summary>Everything the service reads: its MQTT connection, hosting and logging, and <see cref="Group"/>.</summary>
    public static IReadOnlyList<SettingGroup> Service { get; } = [ServiceSettings.Mqtt, ServiceSettings.Hosting, Group];
}
