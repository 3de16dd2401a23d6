namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>One read of the Sparkplug host: its edge nodes (none when it could not be read) and how the read went.</summary>
public sealed record SparkplugSnapshot(IReadOnlyList<HostNode> Nodes, SparkplugSource Source, SparkplugHostFailure Failure);
