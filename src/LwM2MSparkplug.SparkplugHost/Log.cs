using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.SparkplugHost;

static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Edge node {GroupId}/{EdgeNodeId} born (bdSeq {BdSeq}, {MetricCount} metrics)")]
    public static partial void NodeBorn(ILogger logger, string groupId, string edgeNodeId, ulong? bdSeq, int metricCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edge node {GroupId}/{EdgeNodeId} died; its metrics are stale")]
    public static partial void NodeDied(ILogger logger, string groupId, string edgeNodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored NDEATH of {GroupId}/{EdgeNodeId}: {Reason}")]
    public static partial void DeathIgnored(ILogger logger, string groupId, string edgeNodeId, LwM2MSparkplug.Protocols.Sparkplug.Session.SessionReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected Sparkplug message on {Topic}: {Reason}")]
    public static partial void Rejected(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a message from new edge node {GroupId}/{EdgeNodeId}: the host already keeps {MaxEdgeNodes} edge nodes (SparkplugHost:MaxEdgeNodes); raise SPARKPLUG_MAX_EDGE_NODES for a larger fleet. {Held} more refusals since the last such line")]
    public static partial void EdgeNodeLimitReached(ILogger logger, string groupId, string edgeNodeId, int maxEdgeNodes, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused device {DeviceId} of edge node {GroupId}/{EdgeNodeId}: the node already has {MaxDevices} devices (SparkplugHost:MaxDevicesPerNode); raise SPARKPLUG_MAX_DEVICES_PER_NODE for larger nodes. {Held} more refusals since the last such line")]
    public static partial void DeviceLimitReached(ILogger logger, string? deviceId, string groupId, string edgeNodeId, int maxDevices, long held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} edge nodes offline for longer than {RetentionSeconds} s (SparkplugHost:DeadNodeRetentionSeconds, SPARKPLUG_DEAD_NODE_RETENTION_SECONDS)")]
    public static partial void NodesEvicted(ILogger logger, int count, double retentionSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requesting rebirth of {GroupId}/{EdgeNodeId}: {Reason}")]
    public static partial void RequestingRebirth(ILogger logger, string groupId, string edgeNodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host application {HostId} published STATE online (timestamp {Timestamp})")]
    public static partial void StateOnline(ILogger logger, string hostId, long timestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Received our own offline STATE; republishing online (timestamp {Timestamp})")]
    public static partial void StateRepublished(ILogger logger, long timestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to {Broker}; marking the metrics of the edge nodes heard there stale")]
    public static partial void BrokerLost(ILogger logger, string broker);
}
