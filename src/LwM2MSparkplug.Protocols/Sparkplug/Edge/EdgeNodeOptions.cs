using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>What an <see cref="EdgeNode"/> is: its ids, its metrics and devices, and its wire choices.</summary>
public sealed class EdgeNodeOptions
{
    public required string GroupId { get; init; }
    public required string EdgeNodeId { get; init; }

    /// <summary>
    /// When set, births wait for this host application's online STATE (Sparkplug 3.0 "Edge Node Session
    /// Establishment", tck-id-message-flow-edge-node-birth-publish-phid-wait).
    /// </summary>
    public string? PrimaryHostId { get; init; }

    /// <summary>
    /// How many MQTT servers the node walks between (Sparkplug 3.0 multiple-server operation). With more than one, a
    /// primary host offline on the current server sends the node to the next one even before it was born there
    /// (tck-id-operational-behavior-primary-application-state-with-multiple-servers-walk); with one, an unborn node
    /// waits where it is, since reconnecting to the same server would change nothing.
    /// </summary>
    public int ServerCount { get; init; } = 1;

    /// <summary>Node metrics besides <c>bdSeq</c> and <c>Node Control/Rebirth</c>, which the edge node adds itself.</summary>
    public IReadOnlyList<EdgeMetricDefinition> NodeMetrics { get; init; } = [];

    public IReadOnlyList<EdgeDeviceDefinition> Devices { get; init; } = [];

    /// <summary>Send NDATA/DDATA metrics by alias only, where the birth declared one (births carry both).</summary>
    public bool UseAliases { get; init; } = true;

    /// <summary>
    /// Repeat each metric's datatype in NDATA/DDATA. Off by default, as the specification recommends
    /// (tck-id-payloads-metric-datatype-not-req); for decoders that read data without the birth certificate.
    /// </summary>
    public bool DataTypesInData { get; init; }

    /// <summary>How often the metrics are checked for changes to report; null: data only after a write.</summary>
    public TimeSpan? DataInterval { get; init; }

    /// <summary>NCMD/DCMD payloads larger than this are refused unread.</summary>
    public int MaxCommandBytes { get; init; } = 64 * 1024;

    /// <summary>Throws when the definition breaks a Sparkplug rule a host would reject the births for.</summary>
    public void Validate()
    {
        foreach (var (name, id) in new[] { ("group id", GroupId), ("edge node id", EdgeNodeId), ("primary host id", PrimaryHostId) })
        {
            if (id is not null && SparkplugTopic.ValidateId(id) != SparkplugTopicError.None)
            {
                throw new ArgumentException($"'{id}' is not a valid Sparkplug {name}: it must be non-empty without '+', '/' or '#'.");
            }
        }
        var aliases = new HashSet<ulong>();
        CheckMetrics("the node", NodeMetrics, aliases);
        var deviceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in Devices)
        {
            if (SparkplugTopic.ValidateId(device.DeviceId) != SparkplugTopicError.None || !deviceIds.Add(device.DeviceId))
            {
                throw new ArgumentException($"Device id '{device.DeviceId}' is not a valid Sparkplug id or is used twice.");
            }
            CheckMetrics($"device '{device.DeviceId}'", device.Metrics, aliases);
        }
        if (NodeMetrics.Any(m => string.Equals(m.Name, EdgeNodeSession.BdSeqMetricName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Name, SparkplugCommands.NodeControlRebirth, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"'{EdgeNodeSession.BdSeqMetricName}' and '{SparkplugCommands.NodeControlRebirth}' are added by the edge node itself (in any letter case).");
        }
        if (DataInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The data interval must be positive; got {interval}.");
        }
    }

    // An alias MUST be unique across the edge node and all its devices (Sparkplug 3.0 §6.4.6 alias). Names of one
    // owner SHOULD NOT differ only in letter case (tck-id-case-sensitivity-metric-names): hosts may fold case.
    static void CheckMetrics(string owner, IReadOnlyList<EdgeMetricDefinition> metrics, HashSet<ulong> aliases)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var metric in metrics)
        {
            if (string.IsNullOrEmpty(metric.Name) || !names.Add(metric.Name))
            {
                throw new ArgumentException($"Metric names of {owner} must be non-empty and unique, ignoring letter case; '{metric.Name}' is not.");
            }
            if (metric.Alias is { } alias && !aliases.Add(alias))
            {
                throw new ArgumentException($"Alias {alias} of metric '{metric.Name}' of {owner} is already used on this edge node.");
            }
        }
    }
}
