namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Metric names that Redpanda and Redpanda Connect document. Dashboard queries on those products may use only these,
/// since no Redpanda runs in CI to prove a query against.
/// </summary>
public static class DocumentedMetrics
{
    /// <summary>Redpanda's /public_metrics (docs.redpanda.com, Reference → Monitoring Metrics → Public Metrics).</summary>
    public static readonly IReadOnlySet<string> Redpanda = new HashSet<string>(StringComparer.Ordinal)
    {
        "redpanda_application_build",
        "redpanda_application_uptime_seconds_total",
        "redpanda_cluster_brokers",
        "redpanda_cpu_busy_seconds_total",
        "redpanda_kafka_consumer_group_committed_offset",
        "redpanda_kafka_consumer_group_consumers",
        "redpanda_kafka_handler_latency_seconds_bucket",
        "redpanda_kafka_max_offset",
        "redpanda_kafka_partitions",
        "redpanda_kafka_records_fetched_total",
        "redpanda_kafka_records_produced_total",
        "redpanda_kafka_replicas",
        "redpanda_kafka_request_bytes_total",
        "redpanda_kafka_request_latency_seconds_bucket",
        "redpanda_kafka_under_replicated_replicas",
        "redpanda_memory_allocated_memory",
        "redpanda_memory_free_memory",
        "redpanda_rpc_active_connections",
        "redpanda_rpc_request_errors_total",
        "redpanda_storage_disk_free_bytes",
        "redpanda_storage_disk_total_bytes",
    };

    /// <summary>Redpanda Connect's component metrics (docs.redpanda.com, Connect → Components → Metrics; no _total suffix).</summary>
    public static readonly IReadOnlySet<string> RedpandaConnect = new HashSet<string>(StringComparer.Ordinal)
    {
        "input_received",
        "input_latency_ns",
        "input_connection_up",
        "input_connection_failed",
        "input_connection_lost",
        "batch_created",
        "processor_received",
        "processor_sent",
        "processor_batch_received",
        "processor_batch_sent",
        "processor_error",
        "processor_latency_ns",
        "output_sent",
        "output_batch_sent",
        "output_error",
        "output_latency_ns",
        "output_connection_up",
        "output_connection_failed",
        "output_connection_lost",
        "rate_limit_checked",
        "rate_limit_triggered",
        "rate_limit_error",
    };

    public static bool IsOfAnotherProduct(string metric) => Redpanda.Contains(metric) || RedpandaConnect.Contains(metric);
}
