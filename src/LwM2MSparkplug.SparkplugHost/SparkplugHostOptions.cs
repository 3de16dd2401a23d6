using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost;

/// <summary>Sparkplug host application settings. Section <c>SparkplugHost</c>.</summary>
public sealed class SparkplugHostOptions
{
    public const string SectionName = "SparkplugHost";

    /// <summary>The Sparkplug Host ID: STATE topic <c>spBv1.0/STATE/{HostId}</c>. Must be unique among hosts.</summary>
    public string HostId { get; set; } = "lwm2m-sparkplug-host";

    /// <summary>MQTT client id; unset: <c>sparkplug-host-{HostId}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>Topic filter for edge traffic; narrow it (e.g. <c>spBv1.0/IIoT/#</c>) to serve one group.</summary>
    public string Subscription { get; set; } = "spBv1.0/#";

    /// <summary>How long a seq gap may stay open before a rebirth is requested (Sparkplug Reorder Timeout).</summary>
    public double ReorderTimeoutSeconds { get; set; } = 2;

    /// <summary>At most one rebirth request per edge node in this interval.</summary>
    public double RebirthDebounceSeconds { get; set; } = 5;

    /// <summary>
    /// Rebirth requests per second to all edge nodes together (bursts of up to one second's worth). Over it, requests
    /// wait their turn rather than being dropped; raise it when many nodes legitimately need rebirths at once.
    /// </summary>
    public double RebirthRatePerSecond { get; set; } = 50;

    /// <summary>Payloads above this size are rejected unread.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Edge nodes the host keeps a session for, online or dead. A message from one more node is refused without a session and
    /// costs no rebirth request; raise it when the fleet is larger. Dead nodes count until <see cref="DeadNodeRetentionSeconds"/> evicts them.
    /// </summary>
    public int MaxEdgeNodes { get; set; } = 50_000;

    /// <summary>
    /// Devices the host keeps per edge node. A DBIRTH of one more is refused (counted, no rebirth request); raise it for
    /// gateways with more devices.
    /// </summary>
    public int MaxDevicesPerNode { get; set; } = 10_000;

    /// <summary>
    /// Values sent with <c>is_historical</c> (backfill) kept per metric, the newest by timestamp, shown as the metric's
    /// <c>history</c> in <c>/api/nodes</c>; 0 keeps none. They never replace the current value. Each one kept costs memory
    /// for every such metric of every node, so raise it with care for large fleets.
    /// </summary>
    public int MaxHistoricalValuesPerMetric { get; set; } = 10;

    /// <summary>
    /// How long an edge node may stay offline after its NDEATH
    /// before the host forgets it: its session, its entry in <c>/api/nodes</c> and its per-node series.
    /// </summary>
    public double DeadNodeRetentionSeconds { get; set; } = 3600;

    /// <summary>
    /// Export <c>sparkplug_node_messages_total</c> with one series per edge node. Turn it off for fleets of thousands
    /// of nodes, where one series per node is a cardinality problem for Prometheus in itself.
    /// </summary>
    public bool PerNodeMetrics { get; set; } = true;

    public string EffectiveClientId => ClientId ?? $"sparkplug-host-{HostId}";
    public TimeSpan ReorderTimeout => TimeSpan.FromSeconds(ReorderTimeoutSeconds);
    public TimeSpan RebirthDebounce => TimeSpan.FromSeconds(RebirthDebounceSeconds);
    public TimeSpan DeadNodeRetention => TimeSpan.FromSeconds(DeadNodeRetentionSeconds);

    /// <summary>What each edge node session takes from these settings.</summary>
    public EdgeNodeSessionOptions ToSessionOptions() => new()
    {
        ReorderTimeout = ReorderTimeout,
        MaxDevices = MaxDevicesPerNode,
        MaxHistoricalValues = MaxHistoricalValuesPerMetric,
    };

    /// <summary>
    /// How long an edge node that never sent an NBIRTH is kept after its last message. Short, so a flood of made-up
    /// node ids frees the <see cref="MaxEdgeNodes"/> places soon; a real node answers the rebirth request within seconds.
    /// </summary>
    public double UnbornNodeRetentionSeconds { get; set; } = 60;

    public TimeSpan UnbornNodeRetention => TimeSpan.FromSeconds(UnbornNodeRetentionSeconds);

    public sealed class Validator : IValidateOptions<SparkplugHostOptions>
    {
        public ValidateOptionsResult Validate(string? name, SparkplugHostOptions options)
        {
            var problems = new ConfigurationProblems(SparkplugHostSettings.Group);
            if (SparkplugTopic.ValidateId(options.HostId) != SparkplugTopicError.None)
            {
                problems.Add("SparkplugHost:HostId", $"'{options.HostId}' is not a valid Sparkplug Host ID: it must be non-empty without '+', '/' or '#'.");
            }
            if (options.Subscription is null || !options.Subscription.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal))
            {
                problems.Add("SparkplugHost:Subscription", $"must be a topic filter under {SparkplugTopic.Namespace}/, e.g. spBv1.0/#.");
            }
            if (options.ReorderTimeoutSeconds < 0)
            {
                problems.Add("SparkplugHost:ReorderTimeoutSeconds", $"must be 0 (rebirth at once) or a positive number of seconds; got {options.ReorderTimeoutSeconds}.");
            }
            if (options.RebirthDebounceSeconds < 0)
            {
                problems.Add("SparkplugHost:RebirthDebounceSeconds", $"must be 0 or a positive number of seconds; got {options.RebirthDebounceSeconds}.");
            }
            if (!(options.RebirthRatePerSecond > 0) || double.IsInfinity(options.RebirthRatePerSecond))
            {
                problems.Add("SparkplugHost:RebirthRatePerSecond", $"must be a positive number of requests per second; got {options.RebirthRatePerSecond}.");
            }
            problems.RequireRange("SparkplugHost:MaxPayloadBytes", options.MaxPayloadBytes, 64, 64 * 1024 * 1024);
            problems.RequireRange("SparkplugHost:MaxEdgeNodes", options.MaxEdgeNodes, 1, 10_000_000);
            problems.RequireRange("SparkplugHost:MaxDevicesPerNode", options.MaxDevicesPerNode, 1, 10_000_000);
            problems.RequireRange("SparkplugHost:MaxHistoricalValuesPerMetric", options.MaxHistoricalValuesPerMetric, 0, 1000);
            problems.RequirePositive("SparkplugHost:DeadNodeRetentionSeconds", options.DeadNodeRetentionSeconds);
            problems.RequirePositive("SparkplugHost:UnbornNodeRetentionSeconds", options.UnbornNodeRetentionSeconds);
            return problems.ToResult();
        }
    }
}
