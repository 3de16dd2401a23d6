using Prometheus;

namespace LwM2MSparkplug.SparkplugHost;

/// <summary>The Sparkplug host's Prometheus metrics.</summary>
public sealed class SparkplugHostMetrics(IMetricFactory factory)
{
    public Gauge NodesOnline { get; } = factory.CreateGauge("sparkplug_nodes_online", "Edge nodes whose session is live (NBIRTH seen, no NDEATH since).");

    public Gauge DevicesOnline { get; } = factory.CreateGauge("sparkplug_devices_online", "Devices whose DBIRTH was seen and that have not died.");

    public Counter Messages { get; } = factory.CreateCounter("sparkplug_messages_total", "Sparkplug messages received, by message type (nbirth, ndeath, dbirth, ddeath, ndata, ddata, ncmd, dcmd, state).", ["message_type"]);

    /// <summary>Messages refused because a configured limit was reached, by limit (e.g. <c>max_edge_nodes</c>).</summary>
    public Counter LimitRefusals { get; } = factory.CreateCounter("sparkplug_limit_refusals_total", "Sparkplug messages refused because a configured limit was reached, by limit (max_edge_nodes: a new edge node past SPARKPLUG_MAX_EDGE_NODES).", ["limit"]);

    public Gauge NodesKnown { get; } = factory.CreateGauge("sparkplug_nodes_known", "Edge nodes the host keeps a session for, online or dead (at most SPARKPLUG_MAX_EDGE_NODES).");

    public Counter NodesEvicted { get; } = factory.CreateCounter("sparkplug_nodes_evicted_total", "Edge nodes forgotten because they stayed offline longer than SPARKPLUG_DEAD_NODE_RETENTION_SECONDS.");

    public Counter InvalidMessages { get; } = factory.CreateCounter("sparkplug_invalid_messages_total", "Sparkplug messages or metric values rejected, by reason.", ["reason"]);

    /// <summary>
    /// Messages valid on the wire that the host did not apply, by reason: <c>late_seq</c> (a copy of a seq the session had
    /// already passed), <c>duplicate_seq</c>, <c>death_while_offline</c> (an NDEATH for a node already dead).
    /// </summary>
    public Counter IgnoredMessages { get; } = factory.CreateCounter("sparkplug_ignored_messages_total", "Sparkplug messages valid on the wire but not applied, by reason (late_seq: a copy of a seq already passed; duplicate_seq: the seq of the last message or of one held for a gap; death_while_offline: an NDEATH for a node already dead). NDEATHs of an older session count in sparkplug_stale_deaths_total instead.", ["reason"]);

    /// <summary>
    /// Per edge node, for "which devices are busiest" panels; one series per edge node the host keeps, updated at scrape
    /// time, and none when <c>SparkplugHost:PerNodeMetrics</c> is off.
    /// </summary>
    public Counter NodeMessages { get; } = factory.CreateCounter("sparkplug_node_messages_total", "Sparkplug messages received, by group and edge node.", ["group_id", "edge_node_id"]);

    public Counter MetricUpdates { get; } = factory.CreateCounter("sparkplug_metric_updates_total", "Metric values applied from births and data messages.");

    /// <summary>Metric values received but not applied as the metric's current value, by reason (<c>historical</c>).</summary>
    public Counter ValuesNotApplied { get; } = factory.CreateCounter("sparkplug_metric_values_not_applied_total", "Metric values received but not applied as the current value, by reason (historical: sent with is_historical, kept in the metric's history up to SPARKPLUG_MAX_HISTORICAL_VALUES_PER_METRIC).", ["reason"]);

    public Counter RebirthRequests { get; } = factory.CreateCounter("sparkplug_rebirth_requests_total", "Rebirth NCMDs sent, by reason.", ["reason"]);

    public Counter RebirthsDebounced { get; } = factory.CreateCounter("sparkplug_rebirth_requests_debounced_total", "Rebirth requests not sent because one was sent to the node within the debounce interval, or one is already waiting.");

    public Counter RebirthsDelayed { get; } = factory.CreateCounter("sparkplug_rebirth_requests_delayed_total", "Rebirth requests that waited because the global rate (SPARKPLUG_REBIRTH_RATE_PER_SECOND) was used up; each is sent later.");

    public Gauge RebirthsPending { get; } = factory.CreateGauge("sparkplug_rebirth_requests_pending", "Rebirth requests waiting for the global rate.");

    public Counter SeqGaps { get; } = factory.CreateCounter("sparkplug_seq_gaps_total", "Sequence gaps detected (a message arrived ahead of a missing seq).");

    public Counter StaleDeaths { get; } = factory.CreateCounter("sparkplug_stale_deaths_total", "NDEATHs ignored because their bdSeq is not the current session's.");

    public Counter Commands { get; } = factory.CreateCounter("sparkplug_commands_sent_total", "NCMD/DCMD metric writes sent from the REST API, by message type.", ["message_type"]);

    /// <summary>How late messages arrive: the end-to-end latency from the edge node, and the host's lag when it falls behind.</summary>
    public Histogram MessageAge { get; } = factory.CreateHistogram(
        "sparkplug_message_age_seconds",
        "Age of a timestamped Sparkplug message on arrival: receive time minus the payload timestamp (includes any clock difference between edge node and host).",
        new HistogramConfiguration { Buckets = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60] });

    public Histogram ProcessingDuration { get; } = factory.CreateHistogram(
        "sparkplug_message_processing_seconds",
        "Time to decode and apply one Sparkplug message.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_005, 2, 16) });
}
